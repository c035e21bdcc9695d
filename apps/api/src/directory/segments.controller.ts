import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@changepulse/core';
import { CreateSegmentDto, EmployeePageDto, PageQueryDto, SegmentDto, SegmentsService, UpdateSegmentDto } from '@changepulse/people';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

class SegmentPreviewDto extends EmployeePageDto {
  @ApiProperty({ description: 'Active employees in the segment now' }) count: number;
}

@ApiTags('segments')
@ApiBearerAuth()
@Controller('api/segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Post()
  @RequirePermission('segment.write')
  @ApiOperation({ summary: 'Save a segment: rules over the directory' })
  @ApiOkResponse({ type: SegmentDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateSegmentDto): Promise<SegmentDto> {
    return this.segments.create(actor, body);
  }

  @Get()
  @RequirePermission('segment.read')
  @ApiOperation({ summary: 'List saved segments' })
  @ApiOkResponse({ type: [SegmentDto] })
  list(@CurrentActor() actor: Actor): Promise<SegmentDto[]> {
    return this.segments.list(actor);
  }

  @Get(':id')
  @RequirePermission('segment.read')
  @ApiOperation({ summary: 'One segment and its rules' })
  @ApiOkResponse({ type: SegmentDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SegmentDto> {
    return this.segments.get(actor, id);
  }

  @Get(':id/preview')
  @RequirePermission('segment.read')
  @ApiOperation({ summary: 'How many active people the segment holds now, and the first page of them' })
  @ApiOkResponse({ type: SegmentPreviewDto })
  preview(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto): Promise<SegmentPreviewDto> {
    return this.segments.preview(actor, id, query.page, query.pageSize);
  }

  @Patch(':id')
  @RequirePermission('segment.write')
  @ApiOperation({ summary: 'Rename a segment or change its rules' })
  @ApiOkResponse({ type: SegmentDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateSegmentDto): Promise<SegmentDto> {
    return this.segments.update(actor, id, body);
  }

  @Delete(':id')
  @RequirePermission('segment.write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a segment' })
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.segments.remove(actor, id);
  }
}
