import { DatabaseOutage } from './database-outage';

describe(DatabaseOutage.name, () => {
  it('says once that the database is away, then once with the counts when a probe connects again', async () => {
    const lines: string[] = [];
    const logger = { warn: (line: string) => lines.push(`warn ${line}`), log: (line: string) => lines.push(`log ${line}`) };
    let back = false;
    const probe = () => (back ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED')));
    const outage = new DatabaseOutage(probe, logger as never, { probeMs: 20, reportMs: 50 });
    for (let i = 0; i < 1234; i++) outage.note('requests refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    outage.note('background errors');
    await new Promise((resolve) => setTimeout(resolve, 120));
    back = true;
    await new Promise((resolve) => setTimeout(resolve, 60));

    expect(outage.down).toBe(false);
    expect(lines[0]).toBe('warn database unavailable (ECONNREFUSED): counting what fails until it is back');
    expect(lines.filter((line) => line.startsWith('warn database still unavailable')).length).toBeGreaterThanOrEqual(1);
    expect(lines.at(-1)).toMatch(/^log database available again after \d+ s; meanwhile 1,234 requests refused, 1 background errors$/);
    expect(lines.length).toBeLessThan(6);
  });
});
