import { BadRequestException } from '@nestjs/common';
import { firstDay, lastDay, parseQuarter, previousQuarter, quarterOf } from './quarter';

describe(parseQuarter.name, () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('names the quarter of a moment in UTC, with its first and last day', () => {
    const quarter = quarterOf(new Date('2026-12-31T23:30:00Z'));
    expect([quarter.name, firstDay(quarter), lastDay(quarter), quarter.next.toISOString()]).toEqual(['2026-Q4', '2026-10-01', '2026-12-31', '2027-01-01T00:00:00.000Z']);
  });

  it('defaults to the current quarter and steps back across a year', () => {
    expect(parseQuarter(undefined, now).name).toBe('2026-Q4');
    expect(previousQuarter(parseQuarter('2026-Q1', now)).name).toBe('2025-Q4');
    expect(lastDay(parseQuarter('2024-Q1', now))).toBe('2024-03-31');
  });

  it.each(['2026-Q5', '2026-Q0', '26-Q1', '2026Q1', '2026-q1'])('refuses %s naming quarter', (name) => {
    expect(() => parseQuarter(name, now)).toThrow(BadRequestException);
    expect(() => parseQuarter(name, now)).toThrow(/^quarter:/);
  });

  it('refuses a quarter that has not started', () => {
    expect(() => parseQuarter('2027-Q1', now)).toThrow(/not started/);
    expect(parseQuarter('2026-Q4', now).name).toBe('2026-Q4');
  });
});
