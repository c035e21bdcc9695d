import { rrulestr } from 'rrule';
import { expandCadence, MAX_EXPANSION_DAYS, MAX_OCCURRENCES, parseCadence, type CadenceRule } from './cadence-rule';

function parsed(text: string): CadenceRule {
  const rule = parseCadence(text);
  if (typeof rule === 'string') throw new Error(`${text}: ${rule}`);
  return rule;
}

// The `rrule` package (python-dateutil's semantics) as the reference, over rules that do happen.
function reference(text: string, startsOn: string, from: string, to: string): string[] {
  return rrulestr(text, { dtstart: new Date(`${startsOn}T00:00:00Z`) })
    .between(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`), true)
    .map((date) => date.toISOString().slice(0, 10));
}

describe('pulse cadences', () => {
  const rules = [
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=DAILY;INTERVAL=2;BYDAY=MO,TH',
    'FREQ=DAILY;BYDAY=MO,WE,FR;BYMONTH=1,6,12',
    'FREQ=DAILY;BYMONTHDAY=1,15,-1',
    'FREQ=WEEKLY',
    'FREQ=WEEKLY;BYDAY=MO',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
    'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SU;WKST=SU',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,MO;WKST=TH',
    'FREQ=WEEKLY;BYDAY=FR;BYMONTH=3,4',
    'FREQ=WEEKLY;UNTIL=20270301',
    'FREQ=MONTHLY',
    'FREQ=MONTHLY;BYDAY=1MO',
    'FREQ=MONTHLY;BYDAY=-1FR,2WE',
    'FREQ=MONTHLY;BYDAY=5TH',
    'FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO',
    'FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=15',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=MONTHLY;BYMONTHDAY=-1,10',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=MONTHLY;BYDAY=MO,FR;BYSETPOS=1,3,-2',
    'FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR',
    'FREQ=MONTHLY;BYDAY=MO;BYMONTH=2,8',
    'FREQ=MONTHLY;INTERVAL=2;UNTIL=20271115',
  ];
  const starts = ['2026-11-02', '2026-11-30', '2027-01-31', '2027-02-28', '2028-02-29'];

  it.each(rules)('gives the same dates as the rrule package for %s', (text) => {
    for (const startsOn of starts) {
      for (const [from, to] of [[startsOn, '2028-12-31'], ['2027-06-10', '2027-09-20'], ['2026-01-01', '2026-12-31']]) {
        expect(expandCadence(parsed(text), startsOn, from, to).slice(0, 200)).toEqual(reference(text, startsOn, from, to).slice(0, 200));
      }
    }
  });

  it.each([
    ['FREQ=SECONDLY;INTERVAL=1', 'FREQ=SECONDLY is more often than a pulse can be'],
    ['FREQ=MINUTELY', 'FREQ=MINUTELY is more often than a pulse can be'],
    ['FREQ=HOURLY;INTERVAL=24', 'FREQ=HOURLY is more often than a pulse can be'],
    ['FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23', 'BYHOUR is not allowed'],
    ['FREQ=DAILY;BYMINUTE=0,30', 'BYMINUTE is not allowed'],
    ['FREQ=DAILY;BYSECOND=1', 'BYSECOND is not allowed'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=YEARLY is not a pulse cadence'],
    ['FREQ=WEEKLY;COUNT=10', 'COUNT is not allowed'],
    ['FREQ=WEEKLY;UNTIL=20271231T000000Z', 'UNTIL must be a date'],
    ['FREQ=WEEKLY;UNTIL=20270231', 'UNTIL must be a date'],
    ['DTSTART:20261102T000000Z\nRRULE:FREQ=WEEKLY', 'is not NAME=VALUE'],
    ['FREQ=WEEKLY;DTSTART=20261102', 'DTSTART is not allowed'],
    ['FREQ=DAILY;BYSETPOS=2', 'BYSETPOS needs FREQ=MONTHLY'],
    ['FREQ=MONTHLY;BYSETPOS=1', 'BYSETPOS needs BYDAY or BYMONTHDAY'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'numbered weekdays need FREQ=MONTHLY'],
    ['FREQ=MONTHLY;BYDAY=MO,1TU', 'not both'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
    ['FREQ=WEEKLY;INTERVAL=0', 'INTERVAL must be'],
    ['FREQ=WEEKLY;INTERVAL=100000', 'INTERVAL must be'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY must list'],
    ['FREQ=WEEKLY;BYWEEKNO=1', 'BYWEEKNO is not allowed'],
    ['FREQ=WEEKLY;FREQ=DAILY', 'FREQ appears twice'],
    ['every monday', 'is not NAME=VALUE'],
    ['BYDAY=MO', 'needs FREQ'],
  ])('refuses %s', (text, message) => {
    expect(parseCadence(text)).toContain(message);
  });

  it('reads names and values in any case, with or without an RRULE: prefix', () => {
    expect(parseCadence('RRULE:freq=weekly;byday=mo;')).toEqual(parsed('FREQ=WEEKLY;BYDAY=MO'));
  });

  it('answers quickly with nothing for a rule that never happens, however wide the window', () => {
    // rrule loops to the year 9999 on these: 12 s for the daily one.
    const never = [
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6',
      'FREQ=MONTHLY;INTERVAL=12;BYMONTH=3',
      'FREQ=DAILY;INTERVAL=7;BYDAY=MO',
    ];
    for (const text of never) expect(expandCadence(parsed(text), '2026-11-03', '2026-11-03', '9999-12-31')).toEqual([]);
  });

  it('looks at no more than MAX_EXPANSION_DAYS days and answers no more than MAX_OCCURRENCES dates', () => {
    const daily = expandCadence(parsed('FREQ=DAILY'), '2026-01-01', '2026-01-01', '2099-12-31', 100_000);
    expect(daily).toHaveLength(MAX_OCCURRENCES);
    const weekly = expandCadence(parsed('FREQ=WEEKLY'), '2026-01-01', '2026-01-01', '2099-12-31');
    expect(weekly.at(-1)! < '2028-04-01').toBe(true); // 800 days on
    expect(weekly.length).toBe(Math.ceil(MAX_EXPANSION_DAYS / 7));
    expect(expandCadence(parsed('FREQ=DAILY'), '2026-01-01', '2026-03-01', '2026-12-31', 3)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
  });

  it('starts no earlier than startsOn and ends with UNTIL', () => {
    expect(expandCadence(parsed('FREQ=DAILY;UNTIL=20261105'), '2026-11-03', '2026-11-01', '2026-11-30')).toEqual(['2026-11-03', '2026-11-04', '2026-11-05']);
  });
});
