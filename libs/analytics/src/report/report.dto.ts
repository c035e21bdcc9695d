import type { BreakdownDto, DidDto, DimensionKey, MarketRefDto, ProgressDto, ProjectionDto, Shown, ValueKey, ValueProgressDto } from '../analytics.dto';
import type { FeedbackThemeCount } from './feedback-theme-source';

/** One measure at the end of the previous quarter and at the end of this one; `difference` = now − then (0–1; ×100 = points). */
export interface MeasureChangeDto {
  then: Shown | null;
  now: Shown | null;
  difference: number | null;
}

/** "What changed": this quarter's end against the previous quarter's end. */
export interface QuarterChangesDto {
  previousQuarter: string;
  /** The moment the previous figures stand at (ISO). */
  previousAsOf: string;
  cli: MeasureChangeDto;
  values: Record<ValueKey, MeasureChangeDto>;
  /** Pulse rounds held in the quarter, by day (YYYY-MM-DD). */
  rounds: string[];
  /** The response rate of the current window (0–1), then and now. */
  responseRate: { then: number | null; now: number | null };
  projection: { then: ProjectionDto; now: ProjectionDto; changed: boolean };
}

/** Response rates per audience tier: the baseline wave and the current pulse window. */
export interface ResponseRatesDto {
  baseline: BreakdownDto['groups'];
  current: BreakdownDto['groups'];
  /** Set when the tier figures are today's and include pulse rounds held after the quarter. */
  laterRounds: number;
}

/** Survey comments, only for a group large enough (`minRespondents`); in no order tied to time. */
export interface ReportCommentsDto {
  shown: boolean;
  minRespondents: number;
  items: string[];
}

/** GET /api/markets/:code/report?quarter=YYYY-Qn */
export interface QuarterlyReportDto {
  market: MarketRefDto;
  quarter: string;
  /** First and last day of the quarter (UTC, YYYY-MM-DD). */
  start: string;
  end: string;
  /** The moment the figures stand at: the quarter's end, or now while the quarter runs (ISO). */
  asOf: string;
  generatedAt: string;
  minGroup: number;
  /** False when the market had no launched wave by the quarter's end. */
  hasData: boolean;
  summary: Pick<ProgressDto, 'baselineWave' | 'window' | 'baseline' | 'current' | 'target' | 'capped' | 'progress' | 'change' | 'changeReason' | 'projection'>;
  values: Record<ValueKey, ValueProgressDto>;
  readiness: Record<DimensionKey, { baseline: Shown | null; current: Shown | null }>;
  /** Null when there is no data for the quarter. */
  responseRates: ResponseRatesDto | null;
  did: DidDto;
  changes: QuarterChangesDto;
  /** `collected` is false until something collects feedback. */
  feedback: { collected: boolean; themes: FeedbackThemeCount[] };
  comments: ReportCommentsDto;
  caveats: string[];
}
