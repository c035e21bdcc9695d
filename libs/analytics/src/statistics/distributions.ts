import { jStat } from 'jstat';
import { logBeta, regularizedIncompleteBeta } from './incomplete-beta';

// jstat's Student t stops its series at ~3e-7 relative, too coarse for a p-value or an interval
// bound to agree with scipy; it seeds the quantile and a precise incomplete beta finishes it.
const NEWTON_STEPS = 50;
const NEWTON_TOLERANCE = 1e-15;
// Past this many degrees of freedom the t quantile is the normal one to within 3e-8.
const NORMAL_DF = 1e8;

/** Two-sided p-value of a t statistic: P(|T| ≥ |t|) with `df` degrees of freedom. */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  return regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = tTwoSidedP(t, df) / 2;
  return t < 0 ? tail : 1 - tail;
}

/** Quantile of Student's t with `df` degrees of freedom (jstat seeds it, Newton refines it). */
export function tQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || !(df > 0)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p === 0.5) return 0;
  if (df > NORMAL_DF) return normalQuantile(p);
  const lower = Math.min(p, 1 - p);
  const x = refineLowerQuantile(lower, df, jStat.studentt.inv(lower, df));
  return p < 0.5 ? x : -x;
}

/** Quantile of the standard normal distribution. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  // jstat leaves ~1e-16 at the centre; the median is 0 exactly.
  if (p === 0.5) return 0;
  return jStat.normal.inv(p, 0, 1);
}

// Newton on the lower tail (convex for x < 0, so the iterates settle from the right).
function refineLowerQuantile(lower: number, df: number, seed: number): number {
  let x = Number.isFinite(seed) && seed < 0 ? seed : normalQuantile(lower);
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const next = x - (tCdf(x, df) - lower) / tDensity(x, df);
    const settled = Math.abs(next - x) <= NEWTON_TOLERANCE * Math.abs(x);
    // An overshoot past the centre (a seed far out in the tail) halves towards it instead.
    x = Number.isFinite(next) && next < 0 ? next : x / 2;
    if (settled) break;
  }
  return x;
}

function tDensity(x: number, df: number): number {
  const logNorm = -0.5 * Math.log(df) - logBeta(df / 2, 0.5);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((x * x) / df));
}
