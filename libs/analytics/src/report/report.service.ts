import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, requireAccess, type Actor } from '@changepulse/core';
import { isHidden, VALUE_KEYS, type ProgressDto, type Shown, type TrendDto } from '../analytics.dto';
import { AnalyticsService } from '../analytics.service';
import { FEEDBACK_THEME_SOURCE, type FeedbackThemeSource } from './feedback-theme-source';
import { day } from './figure-format';
import { firstDay, lastDay, parseQuarter, previousQuarter, type Quarter } from './quarter';
import { periodComments } from './report-comments';
import type { MeasureChangeDto, QuarterChangesDto, QuarterlyReportDto, ResponseRatesDto } from './report.dto';

/**
 * The quarterly governance report: every figure comes from AnalyticsService (which checks the
 * actor's markets and applies the anonymity rule), as the figures stood at the quarter's end.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly analytics: AnalyticsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Optional() @Inject(FEEDBACK_THEME_SOURCE) private readonly feedbackThemes?: FeedbackThemeSource,
  ) {}

  /** The report of `quarter` (YYYY-Qn; the current quarter when omitted). */
  async quarterly(actor: Actor, code: string, quarterName?: string, now = new Date()): Promise<QuarterlyReportDto> {
    requireAccess(actor, 'analytics.read', [code]);
    const quarter = parseQuarter(quarterName, now);
    const previous = previousQuarter(quarter);
    const asOf = new Date(Math.min(quarter.next.getTime() - 1, now.getTime()));
    const previousAsOf = new Date(quarter.start.getTime() - 1);
    const progress = await this.analytics.progress(actor, code, asOf);
    const [before, trend] = await Promise.all([this.analytics.progress(actor, code, previousAsOf), this.analytics.trend(actor, code)]);
    const hasData = progress.baselineWave !== null || progress.window !== null;
    const marketId = await this.marketId(code);
    const [responseRates, feedback, comments] = await Promise.all([
      hasData ? this.responseRates(actor, code, trend, quarter) : null,
      this.feedback(marketId, quarter),
      periodComments(this.dataSource, marketId, quarter.start, quarter.next, this.config.anonymityMinComments, `${quarter.name}:${marketId}`),
    ]);
    const { baselineWave, window, baseline, current, target, capped, progress: share, change, changeReason, projection } = progress;
    return {
      market: progress.market,
      quarter: quarter.name,
      start: firstDay(quarter),
      end: lastDay(quarter),
      asOf: asOf.toISOString(),
      generatedAt: now.toISOString(),
      minGroup: progress.minGroup,
      hasData,
      summary: { baselineWave, window, baseline, current, target, capped, progress: share, change, changeReason, projection },
      values: progress.values,
      readiness: progress.readiness,
      responseRates,
      did: progress.did,
      changes: changesOf(before, progress, trend, quarter, previous, previousAsOf),
      feedback,
      comments,
      caveats: hasData ? [...progress.caveats, ...laterRoundsCaveat(responseRates, now)] : [],
    };
  }

  private async marketId(code: string): Promise<string> {
    const [market]: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM markets WHERE code = $1`, [code]);
    return market.id;
  }

  /**
   * Response rates per tier come from the breakdowns, which know only today's baseline and
   * window: `laterRounds` counts the rounds since the quarter that today's figures include.
   */
  private async responseRates(actor: Actor, code: string, trend: TrendDto, quarter: Quarter): Promise<ResponseRatesDto> {
    const [baseline, current] = await Promise.all([
      this.analytics.breakdown(actor, code, 'audience', 'baseline'),
      this.analytics.breakdown(actor, code, 'audience', 'current'),
    ]);
    const laterRounds = trend.points.filter((point) => point.date > lastDay(quarter)).length;
    return { baseline: baseline.groups, current: current.groups, laterRounds };
  }

  private async feedback(marketId: string, quarter: Quarter): Promise<QuarterlyReportDto['feedback']> {
    if (!this.feedbackThemes) return { collected: false, themes: [] };
    return { collected: true, themes: await this.feedbackThemes.themes(marketId, quarter.start, quarter.next) };
  }
}

function changesOf(before: ProgressDto, after: ProgressDto, trend: TrendDto, quarter: Quarter, previous: Quarter, previousAsOf: Date): QuarterChangesDto {
  const [from, to] = [firstDay(quarter), lastDay(quarter)];
  return {
    previousQuarter: previous.name,
    previousAsOf: previousAsOf.toISOString(),
    cli: measureChange(before.current, after.current),
    values: Object.fromEntries(VALUE_KEYS.map((key) => [key, measureChange(before.values[key].current, after.values[key].current)])) as QuarterChangesDto['values'],
    rounds: trend.points.filter((point) => point.date >= from && point.date <= to).map((point) => point.date),
    responseRate: { then: rateOf(before.current), now: rateOf(after.current) },
    projection: {
      then: before.projection,
      now: after.projection,
      changed: before.projection.onTrack !== after.projection.onTrack || before.projection.date !== after.projection.date || before.projection.reason !== after.projection.reason,
    },
  };
}

function measureChange(then: Shown | null, now: Shown | null): MeasureChangeDto {
  const difference = then && now && !isHidden(then) && !isHidden(now) ? now.cli - then.cli : null;
  return { then, now, difference };
}

function rateOf(figure: Shown | null): number | null {
  return figure && !isHidden(figure) ? figure.responseRate : null;
}

function laterRoundsCaveat(rates: ResponseRatesDto | null, now: Date): string[] {
  if (!rates?.laterRounds) return [];
  const rounds = `${rates.laterRounds} pulse round${rates.laterRounds === 1 ? '' : 's'}`;
  return [`The response rates per tier are today's (${day(now)}) and include ${rounds} held after this quarter; every other figure stands as at the quarter's end.`];
}
