import { rrulestr } from 'rrule';
import { VALUES, type InstrumentItem } from '../instrument/instrument.entity';

const DAY = 24 * 60 * 60 * 1000;

/** A recurrence rule over calendar dates; null when the text is not one. */
export function parseRule(rule: string, startsOn: string): { between(from: string, to: string): string[] } | null {
  try {
    const parsed = rrulestr(rule, { dtstart: new Date(`${startsOn}T00:00:00Z`) });
    if (!/FREQ=/i.test(rule) || /DTSTART|UNTIL=\d{8}T/i.test(rule)) return null;
    return {
      // Dates are floating: an occurrence's UTC date is the local calendar date everywhere.
      between: (from, to) => parsed.between(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`), true).map((date) => date.toISOString().slice(0, 10)),
    };
  } catch {
    return null;
  }
}

export interface Cadence {
  rrule: string;
  tierRrules: Record<string, string>;
  startsOn: string;
}

/** The dates on which any tier has a round, from `from` to `to` (YYYY-MM-DD, inclusive). */
export function roundDates(cadence: Cadence, from: string, to: string): string[] {
  const dates = new Set<string>();
  for (const rule of [cadence.rrule, ...Object.values(cadence.tierRrules)]) for (const date of parseRule(rule, cadence.startsOn)?.between(from, to) ?? []) dates.add(date);
  return [...dates].filter((date) => date >= cadence.startsOn).sort();
}

/** The tiers asked on a date: a tier with its own rule follows it; the others follow the default. */
export function tiersOn(cadence: Cadence, date: string, allTiers: string[]): string[] {
  const on = (rule: string) => (parseRule(rule, cadence.startsOn)?.between(date, date) ?? []).length > 0;
  return allTiers.filter((tier) => on(cadence.tierRrules[tier] ?? cadence.rrule));
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
