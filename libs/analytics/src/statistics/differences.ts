import type { Interval } from '../analytics.dto';
import { finiteOrNull, isLevel, upperProbability } from './bounds';
import { tQuantile, tTwoSidedP } from './distributions';
import { meanOf, varianceOf, type Moments } from './moments';

/** A difference with its interval and its two-sided t-test against zero. */
export interface TestResult {
  estimate: number;
  interval: Interval;
  t: number;
  df: number;
  p: number;
}

/**
 * Welch's unequal-variance t-test of a change: estimate = mean(after) − mean(before), with
 * Welch–Satterthwaite df, a two-sided p and the interval of the difference (not clamped).
 * Null when either group has fewer than 2 respondents or neither group varies.
 */
export function welch(before: Moments, after: Moments, level = 0.95): TestResult | null {
  return contrast(meanOf(after) - meanOf(before), [before, after], level);
}

/**
 * Difference-in-differences of pilot against control:
 * (pilot after − pilot before) − (control after − control before), the four groups independent.
 * SE² = Σ s²/n over the groups, df by the generalised Welch–Satterthwaite formula.
 * Null when any group has fewer than 2 respondents or no group varies.
 */
export function differenceInDifferences(
  pilotBefore: Moments,
  pilotAfter: Moments,
  controlBefore: Moments,
  controlAfter: Moments,
  level = 0.95,
): TestResult | null {
  const pilotChange = meanOf(pilotAfter) - meanOf(pilotBefore);
  const controlChange = meanOf(controlAfter) - meanOf(controlBefore);
  return contrast(pilotChange - controlChange, [pilotBefore, pilotAfter, controlBefore, controlAfter], level);
}

/** Why `welch` or `differenceInDifferences` withholds a test over these groups, or null when it does not. */
export function withheldReason(groups: Moments[]): string | null {
  if (groups.some((group) => !(group.n >= 2))) return 'too few people (fewer than 2 in an arm)';
  if (!(groups.reduce((total, group) => total + varianceOf(group) / group.n, 0) > 0)) return 'no spread: every respondent gave the same score';
  return null;
}

// A ± combination of independent group means: each group adds s²/n to the variance, and
// (Σa)²/Σ(a²/(n−1)) is the Welch–Satterthwaite df for any number of groups.
function contrast(estimate: number, groups: Moments[], level: number): TestResult | null {
  if (!isLevel(level) || withheldReason(groups) !== null) return null;
  const parts = groups.map((group) => ({ a: varianceOf(group) / group.n, n: group.n }));
  const variance = parts.reduce((total, part) => total + part.a, 0);
  if (!Number.isFinite(estimate)) return null;
  const df = (variance * variance) / parts.reduce((total, part) => total + (part.a * part.a) / (part.n - 1), 0);
  const se = Math.sqrt(variance);
  const half = tQuantile(upperProbability(level), df) * se;
  const interval = finiteOrNull([estimate - half, estimate + half]);
  if (!interval) return null;
  const t = estimate / se;
  return { estimate, interval, t, df, p: tTwoSidedP(t, df) };
}
