/**
 * The recurrence rules a pulse can have: an RFC 5545 subset over calendar dates, parsed and
 * expanded here rather than by a general library, so that every expansion is bounded by the days
 * it looks at. `rrule` would compute FREQ=SECONDLY occurrences one by one (gigabytes over 120
 * days), and loops to the year 9999 on a rule that never happens (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30).
 *
 * Accepted: FREQ=DAILY|WEEKLY|MONTHLY (required), INTERVAL, BYDAY (numbered such as 1MO or -1FR
 * only when MONTHLY), BYMONTHDAY (not WEEKLY), BYMONTH, BYSETPOS (MONTHLY), UNTIL=YYYYMMDD, WKST.
 * Refused: anything more often than daily (SECONDLY, MINUTELY, HOURLY, BYHOUR, BYMINUTE, BYSECOND:
 * the time of day is the programme's localTime), YEARLY (MONTHLY;INTERVAL=12), COUNT (end with
 * UNTIL or pause the programme), DTSTART (the first day is startsOn), BYYEARDAY, BYWEEKNO and the rest.
 * The semantics are those of the `rrule` package (python-dateutil), which the spec checks against.
 */
export interface CadenceRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  byMonth: number[];
  byMonthDay: number[];
  /** Weekdays 0 (Monday) … 6 (Sunday), with the occurrence in the month (1, -1, …) or 0 for every one. */
  byDay: Array<{ weekday: number; nth: number }>;
  bySetPos: number[];
  /** The last possible day, as a day number (see `dayNumber`), or null. */
  until: number | null;
  weekStart: number;
}

/** The most days one expansion looks at; callers ask for a few months at most. */
export const MAX_EXPANSION_DAYS = 800;
/** The most dates one expansion answers. */
export const MAX_OCCURRENCES = 400;

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'];
const TOO_OFTEN = ['SECONDLY', 'MINUTELY', 'HOURLY'];
const REASONS: Record<string, string> = {
  BYHOUR: 'the time of day is the programme’s localTime',
  BYMINUTE: 'the time of day is the programme’s localTime',
  BYSECOND: 'the time of day is the programme’s localTime',
  COUNT: 'end a programme with UNTIL=YYYYMMDD or by pausing it',
  DTSTART: 'the first day is the programme’s startsOn',
};

/** Parses a pulse cadence; a string says what is wrong with it (without the field's name). */
export function parseCadence(text: unknown): CadenceRule | string {
  if (typeof text !== 'string' || text.trim() === '') return 'must be a recurrence rule such as FREQ=WEEKLY;BYDAY=MO';
  const parts = new Map<string, string>();
  for (const part of text.trim().replace(/^RRULE:/i, '').replace(/;$/, '').split(';')) {
    const match = /^([A-Za-z]+)=([-+A-Za-z0-9,]+)$/.exec(part.trim());
    if (!match) return `"${part.slice(0, 40)}" is not NAME=VALUE; write a rule such as FREQ=WEEKLY;BYDAY=MO`;
    const name = match[1].toUpperCase();
    if (parts.has(name)) return `${name} appears twice`;
    parts.set(name, match[2].toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (!freq) return 'needs FREQ=DAILY, WEEKLY or MONTHLY';
  if (TOO_OFTEN.includes(freq)) return `FREQ=${freq} is more often than a pulse can be; use FREQ=DAILY, WEEKLY or MONTHLY`;
  if (freq === 'YEARLY') return 'FREQ=YEARLY is not a pulse cadence; use FREQ=MONTHLY;INTERVAL=12';
  if (!FREQUENCIES.includes(freq)) return `FREQ=${freq} is not DAILY, WEEKLY or MONTHLY`;
  for (const name of parts.keys()) {
    if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'UNTIL', 'WKST'].includes(name)) {
      return `${name} is not allowed in a pulse cadence${REASONS[name] ? ` (${REASONS[name]})` : ''}`;
    }
  }
  return readParts(freq as CadenceRule['freq'], parts);
}

function readParts(freq: CadenceRule['freq'], parts: Map<string, string>): CadenceRule | string {
  const interval = numbers(parts.get('INTERVAL') ?? '1', 1, 366, false);
  if (typeof interval === 'string' || interval.length !== 1) return 'INTERVAL must be a whole number from 1 to 366';
  const byMonth = numbers(parts.get('BYMONTH'), 1, 12, false);
  if (typeof byMonth === 'string') return `BYMONTH ${byMonth}`;
  const byMonthDay = numbers(parts.get('BYMONTHDAY'), 1, 31, true);
  if (typeof byMonthDay === 'string') return `BYMONTHDAY ${byMonthDay}`;
  if (byMonthDay.length && freq === 'WEEKLY') return 'BYMONTHDAY cannot be used with FREQ=WEEKLY';
  const bySetPos = numbers(parts.get('BYSETPOS'), 1, 31, true);
  if (typeof bySetPos === 'string') return `BYSETPOS ${bySetPos}`;
  if (bySetPos.length && freq !== 'MONTHLY') return 'BYSETPOS needs FREQ=MONTHLY';
  const byDay = weekdays(parts.get('BYDAY'), freq);
  if (typeof byDay === 'string') return byDay;
  if (bySetPos.length && !byDay.length && !byMonthDay.length) return 'BYSETPOS needs BYDAY or BYMONTHDAY';
  const weekStart = WEEKDAYS.indexOf(parts.get('WKST') ?? 'MO');
  if (weekStart < 0) return 'WKST must be a weekday such as MO';
  const untilText = parts.get('UNTIL');
  if (untilText !== undefined && !/^\d{8}$/.test(untilText)) return 'UNTIL must be a date such as 20271231';
  const until = untilText === undefined ? null : dayNumber(`${untilText.slice(0, 4)}-${untilText.slice(4, 6)}-${untilText.slice(6)}`);
  if (until !== null && Number.isNaN(until)) return 'UNTIL must be a date such as 20271231';
  return { freq, interval: interval[0], byMonth, byMonthDay, byDay, bySetPos, until, weekStart };
}

function numbers(text: string | undefined, min: number, max: number, signed: boolean): number[] | string {
  if (text === undefined) return [];
  const list = text.split(',');
  const valid =
    list.length <= 31 &&
    list.every(
      (item) => (signed ? /^[-+]?\d{1,3}$/ : /^\+?\d{1,3}$/).test(item) && Math.abs(Number(item)) >= min && Math.abs(Number(item)) <= max,
    );
  return valid ? list.map(Number) : `must list whole numbers from ${signed ? `-${max} to -${min} or ` : ''}${min} to ${max}`;
}

function weekdays(text: string | undefined, freq: CadenceRule['freq']): CadenceRule['byDay'] | string {
  if (text === undefined) return [];
  const days: CadenceRule['byDay'] = [];
  for (const item of text.split(',')) {
    const match = /^([-+]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    if (!match) return `BYDAY "${item}" is not a weekday such as MO, or in a month 1MO or -1FR`;
    if (match[1] && freq !== 'MONTHLY') return `BYDAY ${item}: numbered weekdays need FREQ=MONTHLY`;
    days.push({ weekday: WEEKDAYS.indexOf(match[2]), nth: match[1] ? Number(match[1]) : 0 });
  }
  // The `rrule` package intersects plain and numbered weekdays where RFC 5545 unites them: neither is assumed.
  if (days.some((day) => day.nth) && days.some((day) => !day.nth)) return 'BYDAY: use weekdays (MO,TH) or numbered weekdays (1MO,-1FR), not both';
  return days.length > 7 * 5 * 2 ? 'BYDAY lists too many days' : days;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (NaN when it is not one). */
export function dayNumber(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(date) ? time / 86_400_000 : NaN;
}

function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The dates of `rule`, first possible day `startsOn`, from `from` to `to` (YYYY-MM-DD, inclusive):
 * at most `limit` of them, looking at no more than MAX_EXPANSION_DAYS days however far apart
 * `from` and `to` are. The work is proportional to the days looked at, whatever the rule.
 */
export function expandCadence(rule: CadenceRule, startsOn: string, from: string, to: string, limit = MAX_OCCURRENCES): string[] {
  const start = dayNumber(startsOn);
  const first = Math.max(dayNumber(from), start);
  const last = Math.min(dayNumber(to), first + MAX_EXPANSION_DAYS - 1, rule.until ?? Infinity);
  const dates: string[] = [];
  if (!(first <= last)) return dates; // also NaN
  const cap = Math.min(limit, MAX_OCCURRENCES);
  for (let period = periodOf(rule, first, start); dates.length < cap; period += rule.interval) {
    const [periodFirst, periodLast] = daysOf(rule, period, start);
    if (periodFirst > last) break;
    for (const day of pick(rule, periodFirst, periodLast, start)) {
      if (day >= first && day <= last && dates.length < cap) dates.push(dateOf(day));
    }
  }
  return dates;
}

// Periods are counted from the one holding startsOn: the n-th day, week (from WKST) or month.
function periodOf(rule: CadenceRule, day: number, start: number): number {
  const index =
    rule.freq === 'DAILY'
      ? day - start
      : rule.freq === 'WEEKLY'
        ? (weekStart(rule, day) - weekStart(rule, start)) / 7
        : monthIndex(day) - monthIndex(start);
  return Math.floor(index / rule.interval) * rule.interval;
}

function daysOf(rule: CadenceRule, period: number, start: number): [number, number] {
  if (rule.freq === 'DAILY') return [start + period, start + period];
  if (rule.freq === 'WEEKLY') {
    const first = weekStart(rule, start) + period * 7;
    return [first, first + 6];
  }
  const month = monthIndex(start) + period;
  const first = Date.UTC(Math.floor(month / 12), month % 12, 1) / 86_400_000;
  return [first, Date.UTC(Math.floor(month / 12), (month % 12) + 1, 1) / 86_400_000 - 1];
}

/** The days of one period that the rule keeps, in order. */
function pick(rule: CadenceRule, first: number, last: number, start: number): number[] {
  const kept: number[] = [];
  for (let day = first; day <= last; day++) if (keeps(rule, day, start)) kept.push(day);
  if (!rule.bySetPos.length) return kept;
  const chosen = rule.bySetPos.map((position) => kept[position > 0 ? position - 1 : kept.length + position]).filter((day) => day !== undefined);
  return [...new Set(chosen)].sort((a, b) => a - b);
}

function keeps(rule: CadenceRule, day: number, start: number): boolean {
  const date = new Date(day * 86_400_000);
  const [month, monthDay, weekday] = [date.getUTCMonth() + 1, date.getUTCDate(), weekdayOf(day)];
  const monthLength = new Date(Date.UTC(date.getUTCFullYear(), month, 0)).getUTCDate();
  if (rule.byMonth.length && !rule.byMonth.includes(month)) return false;
  if (rule.byMonthDay.length && !rule.byMonthDay.some((wanted) => wanted === monthDay || wanted === monthDay - monthLength - 1)) return false;
  if (rule.byDay.length) {
    const nthFromStart = Math.ceil(monthDay / 7);
    const nthFromEnd = -Math.ceil((monthLength - monthDay + 1) / 7);
    const matches = (wanted: (typeof rule.byDay)[number]) =>
      wanted.weekday === weekday && (wanted.nth === 0 || wanted.nth === nthFromStart || wanted.nth === nthFromEnd);
    if (!rule.byDay.some(matches)) return false;
  }
  // Without BYDAY or BYMONTHDAY, a week repeats startsOn's weekday and a month its day of the month.
  if (!rule.byDay.length && !rule.byMonthDay.length) {
    if (rule.freq === 'WEEKLY') return weekday === weekdayOf(start);
    if (rule.freq === 'MONTHLY') return monthDay === new Date(start * 86_400_000).getUTCDate();
  }
  return true;
}

function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (3 counting from Monday)
}

function weekStart(rule: CadenceRule, day: number): number {
  return day - ((weekdayOf(day) - rule.weekStart + 7) % 7);
}

function monthIndex(day: number): number {
  const date = new Date(day * 86_400_000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}
