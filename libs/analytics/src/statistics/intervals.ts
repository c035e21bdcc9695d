import type { Interval } from '../analytics.dto';
import { clampToUnit, finiteOrNull, isLevel, upperProbability } from './bounds';
import { normalQuantile, tQuantile } from './distributions';
import { meanOf, varianceOf, type Moments } from './moments';

/**
 * The t-interval of a mean over respondents: mean ± t_{(1+level)/2, n−1}·s/√n, clamped to [0, 1].
 * Null when n < 2; [mean, mean] when every respondent gave the same score.
 */
export function tInterval(m: Moments, level = 0.95): Interval | null {
  if (!(m.n >= 2) || !isLevel(level)) return null;
  const mean = meanOf(m);
  const sd = Math.sqrt(varianceOf(m));
  if (sd === 0) return finiteOrNull(clampToUnit([mean, mean]));
  const half = (tQuantile(upperProbability(level), m.n - 1) * sd) / Math.sqrt(m.n);
  return finiteOrNull(clampToUnit([mean - half, mean + half]));
}

/**
 * The Wilson score interval of a proportion, `successes` out of `n` single yes/no answers,
 * clamped to [0, 1]. Null when n = 0 or the counts do not make a proportion.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval | null {
  if (!(n > 0) || !(successes >= 0 && successes <= n) || !isLevel(level)) return null;
  const z = normalQuantile(upperProbability(level));
  const share = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (share + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 or n successes the bound is exactly 0 or 1; rounding would leave it a hair off.
  const low = successes === 0 ? 0 : centre - half;
  const high = successes === n ? 1 : centre + half;
  return finiteOrNull(clampToUnit([low, high]));
}
