import { setImmediate as nextTurn } from 'node:timers/promises';
import { readEmployeeCsv } from './csv-reader';
import { ROWS_PER_TURN } from './event-loop-turns';
import type { Directory } from './import-plan';
import { planImport } from './import-plan';
import type { EmployeeRecord } from './row-validator';
import { ShardedMap } from './sharded-map';

/** Counts the turns of the event loop until `work` settles: 0 when it is one synchronous block. */
async function turnsDuring<T>(work: () => Promise<T> | T): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  void (async () => {
    while (running) {
      await nextTurn();
      if (running) turns++;
    }
  })();
  const result = await work();
  running = false;
  return { result, turns };
}

const ROWS = 20_000;
const header = 'employee_id,email,market,audience,manager_id';
const csv = [header, ...Array.from({ length: ROWS }, (_, n) => `E${n},person.${n}@example.com,DE,telemarketer,${n > 0 ? `E${n - 1}` : ''}`)].join('\n');
const record = (n: number): EmployeeRecord => ({
  row: n + 2,
  employeeId: `E${n}`,
  email: `person.${n}@example.com`,
  marketId: 'de',
  tierId: 'agent',
  managerEmployeeId: n > 0 ? `E${n - 1}` : null,
});

describe('a large import lets other work in', () => {
  it('reads a 20,000-row file in slices, turning the event loop between them', async () => {
    const { result, turns } = await turnsDuring(() => readEmployeeCsv(Buffer.from(csv)));
    expect(result.rows).toHaveLength(ROWS);
    expect(result.rows[ROWS - 1]).toEqual({
      row: ROWS + 1,
      values: {
        employee_id: `E${ROWS - 1}`,
        email: `person.${ROWS - 1}@example.com`,
        market: 'DE',
        audience: 'telemarketer',
        manager_id: `E${ROWS - 2}`,
      },
    });
    expect(turns).toBeGreaterThanOrEqual(Math.floor(csv.length / (16 * 1024)));
  });

  it('plans 20,000 rows against a directory of 20,000, turning the event loop every few hundred rows', async () => {
    const records = Array.from({ length: ROWS }, (_, n) => record(n));
    const existing: Directory = new ShardedMap();
    for (let n = 0; n < ROWS; n++) {
      const { employeeId, email, marketId, managerEmployeeId } = record(n + ROWS / 2);
      existing.set(employeeId, { id: `id-${n}`, employeeId, email, marketId, managerEmployeeId: managerEmployeeId ?? null, status: 'active', changed: false });
    }
    const { result, turns } = await turnsDuring(() => planImport(records, existing, { full: true }));
    expect(result.problems).toEqual([]);
    expect([result.creates.length, result.unchanged, result.deactivate.length]).toEqual([ROWS / 2, ROWS / 2, ROWS / 2]);
    expect(turns).toBeGreaterThanOrEqual((5 * ROWS) / ROWS_PER_TURN);
  });

  it('still finds every problem of a broken file', async () => {
    const broken = await readEmployeeCsv(Buffer.concat([Buffer.from(csv), Buffer.from([0xff, 0x0a])]));
    expect(broken.problems).toEqual([{ row: 1, column: null, message: 'the file is not UTF-8 text; save it as "CSV UTF-8"' }]);
    const badQuote = await readEmployeeCsv(`${csv}\nE1,"unterminated,DE,telemarketer,\n`);
    expect(badQuote.problems[0].message).toContain('the file is not valid CSV');
  });
});
