import { Controller, Get, Inject, Optional, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnalyticsService, FEEDBACK_THEME_SOURCE, ReportQueryDto, ReportService, type FeedbackThemeSource } from '@changepulse/analytics';
import { AppConfig, type Actor } from '@changepulse/core';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';
import { sendPage } from '../web/page-layout';
import { reportPage } from './report.page';
import { REPORT_CSP } from './report.styles';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/markets/:code')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get('report')
  @RequirePermission('analytics.read')
  @ApiProduces('text/html', 'application/json')
  @ApiOperation({ summary: 'The quarterly governance report: a printable A4 page (HTML), or its figures as JSON with Accept: application/json' })
  @ApiOkResponse({ description: 'Figures as at the end of the quarter (UTC); shares as fractions 0–1 in JSON, hidden groups { suppressed: true }' })
  async report(@CurrentActor() actor: Actor, @Param('code') code: string, @Query() query: ReportQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const report = await this.reports.quarterly(actor, code, query.quarter);
    response.vary('Accept');
    if (request.accepts(['text/html', 'application/json']) === 'application/json') {
      response.status(200).set('Cache-Control', 'no-store').json(report);
      return;
    }
    sendPage(response, 200, reportPage(report), REPORT_CSP);
  }
}
