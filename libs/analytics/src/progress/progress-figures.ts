import { DIMENSION_KEYS, isHidden, VALUE_KEYS, type ChangeDto, type DidDto, type ProgressDto, type Shown, type ValueProgressDto } from '../analytics.dto';
import { figureOf, sumsOf } from '../figures/figure-of';
import type { RollupRow } from '../rollups/rollup-rows';
import { addMoments, differenceInDifferences, welch, type Moments } from '../statistics';

/** The rows of one market's baseline wave and of its current window. */
export interface MarketRows {
  baseline: RollupRow[] | null;
  current: RollupRow[] | null;
}

const TARGET_FACTOR = 1.5;

/** Baseline × 1.5, capped at 100%; `capped` says when the cap bites. */
export function targetOf(baseline: Shown | null): { target: number | null; capped: boolean } {
  if (!baseline || isHidden(baseline)) return { target: null, capped: false };
  const raw = baseline.cli * TARGET_FACTOR;
  return { target: Math.min(raw, 1), capped: raw > 1 };
}

/** (current − baseline) / (target − baseline); null where either is missing or there is no room to grow. */
export function progressOf(baseline: Shown | null, current: Shown | null, target: number | null): number | null {
  if (!baseline || !current || isHidden(baseline) || isHidden(current) || target === null) return null;
  const room = target - baseline.cli;
  return room > 0 ? (current.cli - baseline.cli) / room : null;
}

/** A measure's figure over some rows; null where nobody was asked it (pulses skip readiness). */
export function measureFigure(rows: RollupRow[] | null, measure: string, minGroup: number): Shown | null {
  if (!rows) return null;
  const sums = sumsOf(rows, measure);
  return sums.items === 0 ? null : figureOf(sums, minGroup);
}

function valueProgress(pilot: MarketRows, measure: string, minGroup: number): ValueProgressDto {
  const baseline = measureFigure(pilot.baseline, measure, minGroup);
  const current = measureFigure(pilot.current, measure, minGroup);
  const { target, capped } = targetOf(baseline);
  return { baseline, current, target, capped, progress: progressOf(baseline, current, target) };
}

const momentsOf = (rows: RollupRow[] | null, minGroup: number): Moments | null => {
  if (!rows) return null;
  const { moments } = sumsOf(rows, 'cli');
  return moments.n >= minGroup ? moments : null;
};

/** Welch's test of current against baseline, over respondents' CLI scores. */
export function changeOf(pilot: MarketRows, minGroup: number): ChangeDto | null {
  const before = momentsOf(pilot.baseline, minGroup);
  const after = momentsOf(pilot.current, minGroup);
  const result = before && after ? welch(before, after) : null;
  return result && { difference: result.estimate, interval: result.interval, t: result.t, df: result.df, p: result.p };
}

/** The pilot's change minus the pooled controls' change, each control's respondents pooled. */
export function didOf(pilot: MarketRows, controls: Array<{ code: string; rows: MarketRows }>, minGroup: number): DidDto {
  const codes = controls.map((control) => control.code);
  if (codes.length === 0) return { estimate: null, interval: null, controls: codes, reason: 'this market has no control markets' };
  const pool = (pick: (rows: MarketRows) => RollupRow[] | null) =>
    controls.reduce<Moments>((sum, control) => addMoments(sum, sumsOf(pick(control.rows) ?? [], 'cli').moments), { n: 0, sum: 0, sumSq: 0 });
  const controlBefore = pool((rows) => rows.baseline);
  const controlAfter = pool((rows) => rows.current);
  const pilotBefore = momentsOf(pilot.baseline, minGroup);
  const pilotAfter = momentsOf(pilot.current, minGroup);
  if (!pilotBefore || !pilotAfter) return { estimate: null, interval: null, controls: codes, reason: 'the pilot needs a baseline and current figure' };
  if (controlBefore.n < minGroup || controlAfter.n < minGroup)
    return { estimate: null, interval: null, controls: codes, reason: 'the control markets need a baseline and current pulses' };
  const result = differenceInDifferences(pilotBefore, pilotAfter, controlBefore, controlAfter);
  if (!result) return { estimate: null, interval: null, controls: codes, reason: 'not enough variation to estimate' };
  return { estimate: result.estimate, interval: result.interval, controls: codes, t: result.t, df: result.df, p: result.p };
}

type Figures = Pick<ProgressDto, 'baseline' | 'current' | 'target' | 'capped' | 'progress' | 'values' | 'readiness'>;

/** Every figure of the progress answer that comes from the pilot's own rows. */
export function pilotFigures(pilot: MarketRows, minGroup: number): Figures {
  const headline = valueProgress(pilot, 'cli', minGroup);
  const values = Object.fromEntries(VALUE_KEYS.map((key) => [key, valueProgress(pilot, key, minGroup)])) as Figures['values'];
  const readiness = Object.fromEntries(
    DIMENSION_KEYS.map((key) => [key, { baseline: measureFigure(pilot.baseline, key, minGroup), current: measureFigure(pilot.current, key, minGroup) }]),
  ) as Figures['readiness'];
  return { ...headline, values, readiness };
}
