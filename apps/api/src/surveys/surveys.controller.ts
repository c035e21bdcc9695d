import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@changepulse/core';
import { CreateSurveyDto, SurveyDetailDto, SurveyDto, SurveyQueryDto, WavesService } from '@changepulse/surveys';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/surveys')
export class SurveysController {
  constructor(private readonly waves: WavesService) {}

  @Post()
  @RequirePermission('survey.write')
  @ApiOperation({ summary: 'Create a survey wave (baseline or pulse) as a draft' })
  @ApiOkResponse({ type: SurveyDetailDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateSurveyDto): Promise<SurveyDetailDto> {
    return this.waves.create(actor, body);
  }

  @Get()
  @RequirePermission('survey.read')
  @ApiOperation({ summary: 'List survey waves, newest first, with response rates' })
  @ApiOkResponse({ type: [SurveyDto] })
  list(@CurrentActor() actor: Actor, @Query() query: SurveyQueryDto): Promise<SurveyDto[]> {
    return this.waves.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('survey.read')
  @ApiOperation({ summary: 'One wave: invited, responded, response rate, per tier and department (small groups hidden)' })
  @ApiOkResponse({ type: SurveyDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SurveyDetailDto> {
    return this.waves.get(actor, id);
  }

  @Post(':id/launch')
  @RequirePermission('survey.write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Launch: fixes who is invited, queues invitations and reminders' })
  @ApiOkResponse({ type: SurveyDetailDto })
  launch(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SurveyDetailDto> {
    return this.waves.launch(actor, id);
  }

  @Post(':id/close')
  @RequirePermission('survey.write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close: no more answers or mails; erases the link between tokens and people' })
  @ApiOkResponse({ type: SurveyDetailDto })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SurveyDetailDto> {
    return this.waves.close(actor, id);
  }
}
