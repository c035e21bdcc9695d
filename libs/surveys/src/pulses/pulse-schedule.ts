import { VALUES, type InstrumentItem } from '../instrument/instrument.entity';
import { dayNumber, expandCadence, parseCadence, type CadenceRule } from './cadence-rule';

const DAY = 24 * 60 * 60 * 1000;
/** A rule must give a date within this many days of startsOn (FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30 never does). */
const FIRST_DATE_WITHIN_DAYS = 731;

/**
 * A pulse cadence over calendar dates; null when the text is not one a pulse can have (a row
 * stored before the cadences were checked then simply has no rounds). Every expansion is bounded.
 */
export function parseRule(rule: string, startsOn: string): { between(from: string, to: string, limit?: number): string[] } | null {
  const parsed = parseCadence(rule);
  if (typeof parsed === 'string' || Number.isNaN(dayNumber(startsOn))) return null;
  return { between: (from, to, limit) => expandCadence(parsed, startsOn, from, to, limit) };
}

/**
 * What is wrong with a cadence for a programme starting on `startsOn`, as a message starting
 * with `field`; null when it is fine. Cheap: at most two years of days are looked at.
 */
export function cadenceProblem(field: string, rule: unknown, startsOn: string): string | null {
  const parsed: CadenceRule | string = parseCadence(rule);
  if (typeof parsed === 'string') return `${field}: ${parsed}`;
  if (expandCadence(parsed, startsOn, startsOn, utcDate(new Date(`${startsOn}T00:00:00Z`), FIRST_DATE_WITHIN_DAYS), 1).length === 0) {
    return `${field}: ${String(rule)} gives no date in the two years from startsOn (${startsOn})`;
  }
  return null;
}

export interface Cadence {
  rrule: string;
  tierRrules: Record<string, string>;
  startsOn: string;
}

/** The first `limit` dates on which any tier has a round, from `from` to `to` (YYYY-MM-DD, inclusive). */
export function roundDates(cadence: Cadence, from: string, to: string, limit?: number): string[] {
  const dates = new Set<string>();
  for (const rule of [cadence.rrule, ...Object.values(cadence.tierRrules ?? {})]) {
    for (const date of parseRule(rule, cadence.startsOn)?.between(from, to, limit) ?? []) dates.add(date);
  }
  return [...dates].sort().slice(0, limit);
}

/** The tiers asked on a date: a tier with its own rule follows it; the others follow the default. */
export function tiersOn(cadence: Cadence, date: string, allTiers: string[]): string[] {
  const on = (rule: string) => (parseRule(rule, cadence.startsOn)?.between(date, date, 1) ?? []).length > 0;
  return allTiers.filter((tier) => on(cadence.tierRrules?.[tier] ?? cadence.rrule));
}

/**
 * The items of round `round` (0, 1, 2, …): the frequency items interleaved by value
 * (understand_1, analyze_1, …, enable_1, understand_2, …), taken `perRound` at a time in a
 * cycle, so that five a round is one per value and every item comes within ⌈15 / perRound⌉ rounds.
 */
export function roundItems(items: InstrumentItem[], round: number, perRound: number): string[] {
  const byValue = VALUES.map((value) => items.filter((item) => item.value === value));
  const depth = Math.max(...byValue.map((list) => list.length));
  const cycle: string[] = [];
  for (let level = 0; level < depth; level++) for (const list of byValue) if (list[level]) cycle.push(list[level].code);
  return Array.from({ length: Math.min(perRound, cycle.length) }, (_, index) => cycle[(round * perRound + index) % cycle.length]);
}

/** YYYY-MM-DD of a moment, in UTC, shifted by whole days. */
export function utcDate(moment: Date, shiftDays = 0): string {
  return new Date(moment.getTime() + shiftDays * DAY).toISOString().slice(0, 10);
}
