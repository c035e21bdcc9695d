import { isHidden, type Interval, type ProjectionDto, type Shown } from '../analytics.dto';
import { MIN_TREND_POINTS } from '../progress/projection';

// How the governance report and the weekly digest write figures (English, one decimal).

/** A share (0–1) as a percentage with one decimal: 0.2532 → "25.3%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** An interval of shares: "20.7–30.0%". */
export function percentRange(interval: Interval | null): string {
  return interval ? `${(interval[0] * 100).toFixed(1)}–${(interval[1] * 100).toFixed(1)}%` : 'no interval';
}

/** A difference of shares in percentage points, signed: 0.0848 → "+8.5 points". */
export function points(difference: number): string {
  const value = Math.round(difference * 1000) / 10;
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)} points`;
}

/** An interval of differences: "+2.9 to +14.1 points". */
export function pointsRange(interval: Interval): string {
  return `${points(interval[0]).replace(' points', '')} to ${points(interval[1])}`;
}

/** A p-value as people quote it. */
export function pValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** What a hidden group reads. */
export function hiddenText(minGroup: number): string {
  return `hidden (fewer than ${minGroup} respondents)`;
}

/** A figure's share, "hidden (…)", or `missing` when there is none. */
export function shareText(figure: Shown | null | undefined, minGroup: number, missing = 'no data'): string {
  if (!figure) return missing;
  return isHidden(figure) ? hiddenText(minGroup) : percent(figure.cli);
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A calendar day (YYYY-MM-DD) or a moment as "22 Jun 2026" (UTC). */
export function day(date: string | Date): string {
  return DAY_FORMAT.format(typeof date === 'string' && date.length === 10 ? new Date(`${date}T00:00:00Z`) : new Date(date));
}

/** The projection in one plain sentence. */
export function projectionSentence(projection: ProjectionDto): string {
  if (projection.onTrack && projection.reason === 'target reached') return 'The fitted trend has reached the target.';
  if (projection.onTrack && projection.date) return `On track: at the pace of the pulse rounds so far, the target is reached around ${day(projection.date)}.`;
  switch (projection.reason) {
    case 'no target':
      return 'No projection: there is no target yet (it needs a baseline survey).';
    case 'too few points':
      return `No projection yet: a trend needs at least ${MIN_TREND_POINTS} pulse rounds.`;
    case 'falling':
      return 'Not on track: the index is falling from round to round.';
    default:
      return 'Not on track: the rounds so far show no clear rise, so no date for reaching the target can be given.';
  }
}
