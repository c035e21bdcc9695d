import { DIMENSION_KEYS, isHidden, VALUE_KEYS, type ProgressDto, type Shown, type ValueProgressDto } from '../analytics.dto';
import { figureOf, sumsOf } from '../figures/figure-of';
import type { RollupRow } from '../rollups/rollup-rows';

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

/** A control market's figures: its own, without a target or progress toward one. */
export function comparisonOnly(figures: Figures): Figures {
  const values = Object.fromEntries(
    Object.entries(figures.values).map(([key, value]) => [key, { ...value, target: null, capped: false, progress: null }]),
  ) as Figures['values'];
  return { ...figures, target: null, capped: false, progress: null, values };
}
