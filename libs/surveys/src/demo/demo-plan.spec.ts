import { InstrumentItem, VALUES } from '../instrument/instrument.entity';
import { tenureBand } from './demo-people';
import { planDemoWaves, type DemoMarket } from './demo-plan';
import { copyText } from './demo-writer';

const market: DemoMarket = { id: 'm-de', code: 'DE', role: 'pilot', timezone: 'Europe/Berlin', locale: 'de-DE' };
const items = [
  ...VALUES.flatMap((value) => [1, 2, 3].map((n) => Object.assign(new InstrumentItem(), { code: `${value}_${n}`, scale: 'frequency', value }))),
  Object.assign(new InstrumentItem(), { code: 'readiness_people_1', scale: 'agreement', value: null, dimension: 'people' }),
  Object.assign(new InstrumentItem(), { code: 'comment', scale: 'text', value: null }),
];
const plan = (now: string, currentRound = true) => planDemoWaves([market], { id: 'i', items }, { now: new Date(now), pulses: 12, currentRound }).waves;

describe(planDemoWaves.name, () => {
  it('opens the baseline 13 Mondays before this one for a week, then a pulse every Monday at 09:00 local time', () => {
    const [baseline, ...pulses] = plan('2026-11-25T12:00:00Z', false);
    expect(baseline).toMatchObject({ kind: 'baseline', opensOn: '2026-08-24', status: 'closed', round: -1, progress: 0 });
    expect(baseline.opensAt.toISOString()).toBe('2026-08-24T07:00:00.000Z'); // summer time
    expect(baseline.closesAt.toISOString()).toBe('2026-08-31T06:00:00.000Z');
    expect(pulses.map((wave) => wave.roundDate)).toEqual(['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']);
    expect(pulses.at(-1)!.opensAt.toISOString()).toBe('2026-11-16T08:00:00.000Z'); // winter time
    expect(pulses.every((wave) => wave.status === 'closed' && wave.closesAt.getTime() - wave.opensAt.getTime() === 3 * 86_400_000)).toBe(true);
    expect(pulses.at(-1)!.progress).toBe(1);
  });

  it("adds this week's round, open until Thursday, once it has opened", () => {
    expect(plan('2026-11-25T12:00:00Z').at(-1)).toMatchObject({ roundDate: '2026-11-23', round: 12, status: 'open' });
    expect(plan('2026-11-27T12:00:00Z').at(-1)).toMatchObject({ roundDate: '2026-11-23', status: 'closed' });
    expect(plan('2026-11-23T07:30:00Z')).toHaveLength(13); // Monday, 08:30 in Berlin: not yet
  });

  it('asks the whole instrument at the baseline and five rotating items a round, one per value', () => {
    const [baseline, ...pulses] = plan('2026-11-25T12:00:00Z', false);
    expect(baseline.itemCodes).toEqual(items.map((item) => item.code));
    expect(pulses[0].itemCodes).toEqual(['understand_1', 'analyze_1', 'relate_1', 'invent_1', 'enable_1']);
    expect(new Set(pulses.slice(3, 6).flatMap((wave) => wave.itemCodes)).size).toBe(15);
  });
});

describe(tenureBand.name, () => {
  it('bands a hire date as a launch does, counting back from the day the wave opens', () => {
    expect(tenureBand(null, '2026-08-24')).toBe('unknown');
    expect(tenureBand('2025-08-25', '2026-08-24')).toBe('<1y');
    expect(tenureBand('2025-08-24', '2026-08-24')).toBe('1-3y');
    expect(tenureBand('2022-01-01', '2026-08-24')).toBe('3-5y');
    expect(tenureBand('2021-08-24', '2026-08-24')).toBe('5y+');
  });
});

describe(copyText.name, () => {
  it('writes COPY text: tabs between fields, \\N for null, escaped backslashes, tabs and newlines', () => {
    const columns = [['a', 'b'], [null, 'c'], [true, false], [3, 4], [new Date('2026-01-02T03:04:05Z'), null], ['line\none\tand \\ more', '']];
    expect(copyText(columns)).toBe('a\t\\N\tt\t3\t2026-01-02T03:04:05.000Z\tline\\none\\tand \\\\ more\nb\tc\tf\t4\t\\N\t\n');
  });
});
