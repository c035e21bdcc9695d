import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@changepulse/core';
import { AnalyticsExportService, AnalyticsService, BreakdownQueryDto, type ProgressDto, type TrendDto } from '@changepulse/analytics';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/markets/:code')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly exports: AnalyticsExportService,
  ) {}

  @Get('progress')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'Progress toward +50%: baseline, current, target, change (Welch), difference-in-differences, projection, per value' })
  @ApiOkResponse({ description: 'Shares as fractions 0–1, intervals as [low, high]; groups under the anonymity threshold are { suppressed: true }' })
  progress(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<ProgressDto> {
    return this.analytics.progress(actor, code);
  }

  @Get('breakdown')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'The CLI and each value per audience tier, department or manager team, with response rates' })
  @ApiOkResponse({ description: 'Small groups, and the next-smallest beside a lone hidden group, are { key, suppressed: true }' })
  async breakdown(@CurrentActor() actor: Actor, @Param('code') code: string, @Query() query: BreakdownQueryDto, @Res() response: Response): Promise<void> {
    // Sent as the JSON the service keeps: a breakdown by team can be megabytes.
    response.status(200).type('application/json').end(await this.analytics.breakdownJson(actor, code, query.by, query.wave));
  }

  @Get('trend')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'One point per pulse round (CLI, n, interval, response rate), the fitted line and the projection' })
  trend(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<TrendDto> {
    return this.analytics.trend(actor, code);
  }

  @Get('export.csv')
  @RequirePermission('analytics.read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Aggregates as CSV: progress, breakdowns and trend, with the same suppression' })
  async exportCsv(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<string> {
    return this.exports.csv(actor, code);
  }
}
