import type { InstrumentItem } from '../instrument/instrument.entity';
import { cadenceProblem, parseRule, roundDates, roundItems, tiersOn } from './pulse-schedule';

const items = ['understand', 'analyze', 'relate', 'invent', 'enable'].flatMap((value) =>
  [1, 2, 3].map((n) => ({ code: `${value}_${n}`, value }) as InstrumentItem),
);

describe('pulse schedule', () => {
  const cadence = { rrule: 'FREQ=WEEKLY;BYDAY=MO', tierRrules: { telemarketer: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', executive: 'FREQ=MONTHLY;BYDAY=1MO' }, startsOn: '2026-11-02' };

  it('lists the round dates of every tier', () => {
    expect(roundDates(cadence, '2026-11-01', '2026-11-30')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
  });

  it('asks telemarketers fortnightly, executives on the first Monday, the rest weekly', () => {
    const tiers = ['executive', 'manager', 'back_office', 'telemarketer'];
    expect(tiersOn(cadence, '2026-11-02', tiers)).toEqual(['executive', 'manager', 'back_office', 'telemarketer']);
    expect(tiersOn(cadence, '2026-11-09', tiers)).toEqual(['manager', 'back_office']);
    expect(tiersOn(cadence, '2026-11-16', tiers)).toEqual(['manager', 'back_office', 'telemarketer']);
  });

  it('asks one item per value a round and every item within three rounds', () => {
    const rounds = [0, 1, 2].map((round) => roundItems(items, round, 5));
    expect(rounds[0]).toEqual(['understand_1', 'analyze_1', 'relate_1', 'invent_1', 'enable_1']);
    expect(rounds[1]).toEqual(['understand_2', 'analyze_2', 'relate_2', 'invent_2', 'enable_2']);
    expect(new Set(rounds.flat()).size).toBe(15);
    expect(roundItems(items, 3, 5)).toEqual(rounds[0]);
  });

  it('covers every item with other round sizes too', () => {
    const asked = new Set([0, 1, 2, 3, 4].flatMap((round) => roundItems(items, round, 3)));
    expect(asked.size).toBe(15);
  });

  it('refuses text that is not a recurrence rule', () => {
    expect(parseRule('FREQ=SOMETIMES', '2026-11-02')).toBeNull();
    expect(parseRule('every monday', '2026-11-02')).toBeNull();
    expect(parseRule('FREQ=WEEKLY;BYDAY=MO', '2026-11-02')).not.toBeNull();
  });

  it('refuses cadences more often than daily, naming the field', () => {
    expect(cadenceProblem('rrule', 'FREQ=SECONDLY;INTERVAL=1', '2026-11-02')).toMatch(/^rrule: FREQ=SECONDLY is more often than a pulse can be/);
    expect(cadenceProblem('tierRrules.executive', 'FREQ=HOURLY', '2026-11-02')).toMatch(/^tierRrules\.executive: FREQ=HOURLY/);
    expect(cadenceProblem('rrule', 'FREQ=WEEKLY;BYDAY=MO', '2026-11-02')).toBeNull();
  });

  it('refuses a cadence that gives no date in two years', () => {
    expect(cadenceProblem('rrule', 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30', '2026-11-02')).toContain('gives no date in the two years from startsOn');
    expect(cadenceProblem('rrule', 'FREQ=WEEKLY;UNTIL=20260101', '2026-11-02')).toContain('gives no date');
  });

  it('gives no rounds for a cadence stored before cadences were checked, and no more rounds than asked', () => {
    const stored = { rrule: 'FREQ=SECONDLY;INTERVAL=1', tierRrules: { executive: 'FREQ=MINUTELY', manager: 'FREQ=DAILY' }, startsOn: '2026-11-02' };
    expect(roundDates({ ...stored, tierRrules: {} }, '2026-11-01', '2027-03-01')).toEqual([]);
    expect(roundDates(stored, '2026-11-01', '2027-03-01', 6)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']);
    expect(tiersOn(stored, '2026-11-02', ['executive', 'manager', 'back_office'])).toEqual(['manager']);
  });
});
