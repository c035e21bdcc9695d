import type { Interval } from '../analytics.dto';
import { clampToUnit, finiteOrNull, isLevel, upperProbability } from './bounds';
import { normalQuantile } from './distributions';
import { addMoments, meanOf, varianceOf, type Moments } from './moments';

/** One post-stratification cell (a tier × department, say): how many were invited, what they answered. */
export interface Cell {
  invited: number;
  moments: Moments;
}

/** A mean re-weighted to the invited mix, with its normal interval. */
export interface WeightedMean {
  estimate: number;
  /** Null when fewer than 2 people answered in all: no spread to estimate. */
  interval: Interval | null;
  /** The share of the invited who sit in cells somebody answered in. */
  coverage: number;
}

/**
 * Post-stratified mean: each cell with respondents weighs invited_c / Σ invited over such cells
 * (cells nobody answered in drop out, which `coverage` reports). SE² = Σ w²·s²/n, where a cell
 * of one respondent borrows the variance of all respondents; interval = estimate ± z·SE,
 * clamped to [0, 1]. Null when no cell has respondents.
 */
export function weightedMean(cells: Cell[], level = 0.95): WeightedMean | null {
  const answered = cells.filter((cell) => cell.moments.n >= 1);
  const invitedAll = cells.reduce((total, cell) => total + cell.invited, 0);
  const invitedAnswered = answered.reduce((total, cell) => total + cell.invited, 0);
  if (!(invitedAnswered > 0) || !isLevel(level)) return null;
  const weights = answered.map((cell) => cell.invited / invitedAnswered);
  const estimate = answered.reduce((total, cell, i) => total + weights[i] * meanOf(cell.moments), 0);
  if (!Number.isFinite(estimate)) return null;
  return { estimate, interval: weightedInterval(answered, weights, estimate, level), coverage: invitedAnswered / invitedAll };
}

function weightedInterval(answered: Cell[], weights: number[], estimate: number, level: number): Interval | null {
  const everyone = addMoments(...answered.map((cell) => cell.moments));
  if (everyone.n < 2) return null;
  const pooledVariance = varianceOf(everyone);
  const variance = answered.reduce((total, { moments }, i) => {
    const cellVariance = moments.n >= 2 ? varianceOf(moments) : pooledVariance;
    return total + (weights[i] * weights[i] * cellVariance) / moments.n;
  }, 0);
  const half = normalQuantile(upperProbability(level)) * Math.sqrt(variance);
  return finiteOrNull(clampToUnit([estimate - half, estimate + half]));
}
