/** The five CRM leadership values, in the instrument's order. */
export const VALUE_KEYS = ['understand', 'analyze', 'relate', 'invent', 'enable'] as const;
export type ValueKey = (typeof VALUE_KEYS)[number];

/** The three readiness dimensions (agreement items of the baseline). */
export const DIMENSION_KEYS = ['people', 'process', 'technology'] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

/** A 95% interval as `[low, high]`, shares as fractions 0–1. */
export type Interval = [number, number];

/** A group too small to show: no figure at all. */
export interface Hidden {
  suppressed: true;
}

/**
 * One group's figure: `cli` is the CRM Leadership Index, or the value's (or dimension's) share
 * where the figure is about one value; the mean of respondents' scores, with its interval.
 * `weighted` is the same figure re-weighted to the invited mix by tier and department.
 */
export interface Figure {
  cli: number;
  interval: Interval | null;
  /** Wilson where each respondent gave a single yes/no, else a t-interval over respondents. */
  method: 'wilson' | 't';
  n: number;
  invited: number;
  responseRate: number | null;
  weighted: number | null;
  weightedInterval: Interval | null;
}

export type Shown = Figure | Hidden;

export function isHidden(figure: Shown | null | undefined): figure is Hidden {
  return !!figure && 'suppressed' in figure;
}

export interface ChangeDto {
  difference: number;
  interval: Interval;
  t: number;
  df: number;
  p: number;
}

/** People behind one arm of a comparison, per period; null where hidden (1 to minGroup − 1 people). */
export interface ArmCountsDto {
  baseline: number | null;
  current: number | null;
}

/**
 * One control market in the difference-in-differences. Counts are people; `invited` is shown
 * only from minGroup people, `answered` from minGroup (or 0 when at least minGroup were invited).
 */
export interface DidControlDto {
  code: string;
  invited: ArmCountsDto;
  answered: ArmCountsDto;
  /** The control's own change, current − baseline CLI, when both periods have at least minGroup respondents. */
  change: number | null;
  /** Whether its respondents are in the pool: at least minGroup in both periods. */
  pooled: boolean;
  /** Why it is not pooled, in words (e.g. "0 of 40 answered the current pulses: it contributed nobody"); null when pooled. */
  note: string | null;
}

export interface DidDto {
  estimate: number | null;
  interval: Interval | null;
  /** The control markets compared against, by code (pooled or not: see `byControl`). */
  controls: string[];
  t?: number;
  df?: number;
  p?: number;
  /** Why there is no estimate. */
  reason?: string;
  /** Respondents in each arm: the pilot's own, and the pooled controls'. */
  arms: { pilot: ArmCountsDto; controls: ArmCountsDto };
  /** Each control market: its people, its own change, and whether it is in the pool. */
  byControl: DidControlDto[];
}

export interface ProjectionDto {
  /** The day the fitted trend reaches the target (YYYY-MM-DD), when on track. */
  date: string | null;
  onTrack: boolean;
  /** 'too few points' | 'flat' | 'falling' | 'no target' | 'target reached' | 'comparison market', or null when on track. */
  reason: string | null;
  /** The fitted slope, in CLI points (0–1) per week, with its interval. */
  slopePerWeek?: number;
  slopeInterval?: Interval;
}

export interface ValueProgressDto {
  baseline: Shown | null;
  current: Shown | null;
  target: number | null;
  capped: boolean;
  progress: number | null;
}

export interface MarketRefDto {
  code: string;
  name: string;
  role: 'pilot' | 'control' | 'other';
  controls: string[];
}

export interface WaveRefDto {
  id: string;
  title: string;
  kind: 'baseline' | 'pulse';
  opensAt: string;
  closesAt: string;
  status: 'open' | 'closed';
}

/** GET /api/markets/:code/progress */
export interface ProgressDto {
  market: MarketRefDto;
  minGroup: number;
  baselineWave: WaveRefDto | null;
  /** The pulse rounds that make up "current": from, to (YYYY-MM-DD) and how many. */
  window: { from: string; to: string; rounds: number } | null;
  baseline: Shown | null;
  current: Shown | null;
  target: number | null;
  capped: boolean;
  progress: number | null;
  change: ChangeDto | null;
  /** Why Welch's test is withheld (e.g. "no spread: every respondent gave the same score"); null when `change` is given. */
  changeReason: string | null;
  did: DidDto;
  projection: ProjectionDto;
  values: Record<ValueKey, ValueProgressDto>;
  /** Readiness shares per dimension, from the baseline (and current where pulses ask them). */
  readiness: Record<DimensionKey, { baseline: Shown | null; current: Shown | null }>;
  /** Plain-language warnings a leader must read next to the figures. */
  caveats: string[];
}

export type BreakdownBy = 'audience' | 'department' | 'manager';

export interface BreakdownGroupDto extends Figure {
  key: string;
  label: string;
  values: Record<ValueKey, Shown>;
}

/** GET /api/markets/:code/breakdown */
export interface BreakdownDto {
  market: MarketRefDto;
  by: BreakdownBy;
  wave: string;
  minGroup: number;
  groups: Array<BreakdownGroupDto | (Hidden & { key: string; label: string })>;
}

export type TrendPointDto = ({ waveId: string; date: string; round: number | null } & Figure) | ({ waveId: string; date: string; round: number | null } & Hidden);

/** GET /api/markets/:code/trend */
export interface TrendDto {
  market: MarketRefDto;
  baseline: number | null;
  target: number | null;
  points: TrendPointDto[];
  projection: ProjectionDto;
  /** The fitted line, for drawing: CLI at `from` and at `to` (YYYY-MM-DD). */
  fit: { from: string; to: string; atFrom: number; atTo: number } | null;
}
