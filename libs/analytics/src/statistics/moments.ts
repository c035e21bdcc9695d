/** Respondent-level sums: n respondents, sum of their scores, sum of squared scores. Scores are in [0,1]. */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

// Below this share of Σx², a sum of squared deviations is rounding noise from sumSq − sum²/n,
// far under any real spread of survey scores (the smallest step is a fraction of an item).
const ROUNDING_SHARE = 1e-10;

/** The sums of a list of respondent scores. */
export function momentsOf(scores: number[]): Moments {
  let sum = 0;
  let sumSq = 0;
  for (const score of scores) {
    sum += score;
    sumSq += score * score;
  }
  return { n: scores.length, sum, sumSq };
}

/** The sums of several disjoint groups taken together. */
export function addMoments(...parts: Moments[]): Moments {
  return parts.reduce((total, part) => ({ n: total.n + part.n, sum: total.sum + part.sum, sumSq: total.sumSq + part.sumSq }), {
    n: 0,
    sum: 0,
    sumSq: 0,
  });
}

/** The mean score; NaN when nobody answered. */
export function meanOf(m: Moments): number {
  return m.n > 0 ? m.sum / m.n : NaN;
}

/** Sample variance (n − 1 denominator); 0 when n < 2; never negative. */
export function varianceOf(m: Moments): number {
  if (m.n < 2) return 0;
  const squaredDeviations = m.sumSq - (m.sum * m.sum) / m.n;
  if (!(squaredDeviations > ROUNDING_SHARE * m.sumSq)) return 0;
  return squaredDeviations / (m.n - 1);
}
