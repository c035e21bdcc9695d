import { isHidden, type Figure, type Interval, type Shown } from '@changepulse/analytics';

/** A share (0–1) as a whole percentage: 0.473 → "47%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** An interval of shares: [0.41, 0.53] → "41–53%". */
export function percentRange(interval: Interval | null): string {
  return interval ? `${Math.round(interval[0] * 100)}–${Math.round(interval[1] * 100)}%` : 'no interval';
}

// Differences and p-values read the same on the dashboard as in the report and the digest.
export { points, pointsRange, pValue } from '@changepulse/analytics';

/** The words shown wherever the anonymity rule hid a figure. */
export function hiddenLabel(minGroup: number): string {
  return `hidden (fewer than ${minGroup})`;
}

/** The figure, or null when it is missing or hidden. */
export function shown(figure: Shown | null | undefined): Figure | null {
  return figure && !isHidden(figure) ? figure : null;
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A calendar day (YYYY-MM-DD or ISO time) as "12 Mar 2027". */
export function day(date: string): string {
  return DAY_FORMAT.format(new Date(date.length === 10 ? `${date}T00:00:00Z` : date));
}

/** The calendar quarter of a moment, as the governance report names it: "2026-Q4". */
export function quarterOf(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}
