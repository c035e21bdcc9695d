import type { Interval } from '../analytics.dto';
import { finiteOrNull, isLevel, upperProbability } from './bounds';
import { tQuantile, tTwoSidedP } from './distributions';

/** An ordinary least-squares line with the uncertainty of its slope. */
export interface TrendFit {
  slope: number;
  intercept: number;
  slopeInterval: Interval;
  df: number;
  /** Two-sided p-value for slope = 0. */
  p: number;
  n: number;
}

/**
 * Ordinary least squares of y on x, each point weighing the same (as scipy.stats.linregress):
 * the slope's interval uses t with n − 2 df. Null with fewer than 3 points, with every x the
 * same, or with a coordinate that is not a finite number.
 */
export function linearTrend(points: Array<{ x: number; y: number }>, level = 0.95): TrendFit | null {
  const n = points.length;
  if (n < 3 || !isLevel(level)) return null;
  if (!points.every(({ x, y }) => Number.isFinite(x) && Number.isFinite(y))) return null;
  if (points.every(({ x }) => x === points[0].x)) return null;
  const df = n - 2;
  // A flat series has no residuals to scale: slope 0, exactly, and nothing to reject.
  if (points.every(({ y }) => y === points[0].y)) {
    return { slope: 0, intercept: points[0].y, slopeInterval: [0, 0], df, p: 1, n };
  }
  const meanX = points.reduce((total, { x }) => total + x, 0) / n;
  const meanY = points.reduce((total, { y }) => total + y, 0) / n;
  // Centred sums: x can be day numbers in the tens of thousands.
  let sxx = 0;
  let sxy = 0;
  for (const { x, y } of points) {
    sxx += (x - meanX) * (x - meanX);
    sxy += (x - meanX) * (y - meanY);
  }
  const slope = sxy / sxx;
  let residualSquares = 0;
  for (const { x, y } of points) residualSquares += (y - meanY - slope * (x - meanX)) ** 2;
  const se = Math.sqrt(residualSquares / df / sxx);
  const half = tQuantile(upperProbability(level), df) * se;
  const slopeInterval = finiteOrNull([slope - half, slope + half]);
  if (!slopeInterval) return null;
  // A perfect line leaves no doubt about its slope.
  const p = se > 0 ? tTwoSidedP(slope / se, df) : 0;
  return { slope, intercept: meanY - slope * meanX, slopeInterval, df, p, n };
}
