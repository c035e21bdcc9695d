import type { Interval } from '../analytics.dto';

/** True for a confidence level strictly between 0 and 1. */
export function isLevel(level: number): boolean {
  return level > 0 && level < 1;
}

/** The upper-tail probability of a two-sided interval at `level`: 0.975 for 95%. */
export function upperProbability(level: number): number {
  return (1 + level) / 2;
}

/** An interval clipped to [0, 1]: shares cannot leave it (differences can, so they skip this). */
export function clampToUnit([low, high]: Interval): Interval {
  return [Math.min(1, Math.max(0, low)), Math.min(1, Math.max(0, high))];
}

/** The interval, or null when either end is not a finite number. */
export function finiteOrNull(interval: Interval): Interval | null {
  return Number.isFinite(interval[0]) && Number.isFinite(interval[1]) ? interval : null;
}
