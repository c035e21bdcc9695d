import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@changepulse/core';
import { CreateProgrammeDto, ProgrammeDto, ProgrammesService, UpdateProgrammeDto } from '@changepulse/surveys';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/pulse-programmes')
export class PulseProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  @RequirePermission('programme.write')
  @ApiOperation({ summary: 'Start recurring pulses in a market: a cadence, per-tier cadences, a local send time' })
  @ApiOkResponse({ type: ProgrammeDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateProgrammeDto): Promise<ProgrammeDto> {
    return this.programmes.create(actor, body);
  }

  @Get()
  @RequirePermission('programme.read')
  @ApiOperation({ summary: 'List pulse programmes with their next rounds' })
  @ApiOkResponse({ type: [ProgrammeDto] })
  list(@CurrentActor() actor: Actor): Promise<ProgrammeDto[]> {
    return this.programmes.list(actor);
  }

  @Get(':id')
  @RequirePermission('programme.read')
  @ApiOperation({ summary: 'One programme: its rounds so far and the next ones (dates, tiers, items)' })
  @ApiOkResponse({ type: ProgrammeDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProgrammeDto> {
    return this.programmes.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('programme.write')
  @ApiOperation({ summary: 'Change the cadence or pause (active: false)' })
  @ApiOkResponse({ type: ProgrammeDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateProgrammeDto): Promise<ProgrammeDto> {
    return this.programmes.update(actor, id, body);
  }
}
