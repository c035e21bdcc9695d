import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SignInService } from '@changepulse/access';
import { AnalyticsService, type BreakdownDto, type MarketRefDto, type ProgressDto } from '@changepulse/analytics';
import type { Actor } from '@changepulse/core';
import { Public } from '../auth/auth.decorators';
import { seeOther } from '../web/page-layout';
import { dashboardScripts } from './dashboard-assets';
import { sendDashboard } from './dashboard-layout';
import { DashboardPageFilter } from './dashboard-page.filter';
import { dashboardPage, noMarketsPage } from './dashboard.page';
import { quarterOf } from './format';
import type { ControlFigures } from './sections/controls.section';
import type { HeatmapBy } from './sections/heatmap.section';
import { readSessionCookie } from './session-cookie';

/**
 * The leaders' dashboard: server-rendered pages over the analytics figures, for a signed-in
 * session (the cookie; signed-out visitors go to the sign-in page). Charts are drawn by a
 * script from our origin; every figure is also in the HTML as text and tables.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardPageFilter)
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly signIns: SignInService,
    private readonly analytics: AnalyticsService,
  ) {}

  /** The first pilot the viewer may see (or their first market). */
  @Get()
  async home(@Query('heatmap') heatmap: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const actor = await this.viewer(request);
    if (!actor) return seeOther(response, '/dashboard/sign-in');
    const markets = await this.analytics.markets(actor);
    if (markets.length === 0) return sendDashboard(response, 200, noMarketsPage(actor.name));
    await this.render(response, actor, markets, markets[0].code, heatmap);
  }

  @Get('markets/:code')
  async market(@Param('code') code: string, @Query('heatmap') heatmap: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const actor = await this.viewer(request);
    if (!actor) return seeOther(response, '/dashboard/sign-in');
    await this.render(response, actor, await this.analytics.markets(actor), code, heatmap);
  }

  private async viewer(request: Request): Promise<Actor | null> {
    const session = readSessionCookie(request);
    return session ? this.signIns.authenticate(session) : null;
  }

  private async render(response: Response, actor: Actor, markets: MarketRefDto[], code: string, heatmap: unknown): Promise<void> {
    const heatmapBy: HeatmapBy = heatmap === 'department' ? 'department' : 'audience';
    // progress() checks that the viewer may see the market (403/404) before anything else runs.
    const progress = await this.analytics.progress(actor, code);
    const [trend, breakdown, controls] = await Promise.all([
      this.analytics.trend(actor, code),
      this.breakdown(actor, code, heatmapBy),
      this.controls(actor, markets, progress),
    ]);
    const page = dashboardPage({ viewerName: actor.name, markets, progress, trend, breakdown, heatmapBy, controls, quarter: quarterOf(new Date()), scripts: dashboardScripts() });
    sendDashboard(response, 200, page);
  }

  /** The recent pulses' breakdown, or the baseline's while there are no pulses. */
  private async breakdown(actor: Actor, code: string, by: HeatmapBy): Promise<BreakdownDto> {
    const current = await this.analytics.breakdown(actor, code, by, 'current');
    return current.groups.length > 0 ? current : this.analytics.breakdown(actor, code, by, 'baseline');
  }

  /** Each control market's figures, where the viewer may see it. */
  private async controls(actor: Actor, markets: MarketRefDto[], progress: ProgressDto): Promise<ControlFigures[]> {
    if (progress.market.role !== 'pilot') return [];
    const visible = new Set(markets.map((market) => market.code));
    return Promise.all(
      progress.did.controls.map(async (code) => ({ code, progress: visible.has(code) ? await this.analytics.progress(actor, code) : null })),
    );
  }
}
