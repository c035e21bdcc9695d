import { setImmediate as nextTurn } from 'node:timers/promises';
import { EmployeeImportService } from '@changepulse/people';
import { createTestApp, employeeRow, toCsv, type TestApp } from '@changepulse/testing';

/**
 * A 723,000-row dry run once held the event loop for 8.7 s: /health answered 503 meanwhile. The
 * import now parses, checks and plans a few hundred rows at a time, turning the loop in between
 * (the checking and planning passes are shown in libs/people/src/import/import-turns.spec.ts).
 */
describe('a large import does not hold the event loop', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const actor = { tokenId: 'system', name: 'test', role: 'admin' as const, markets: null };

  /** Runs `work` and answers how many of `scheduled` turns of the event loop came before it settled. */
  async function turnsBefore(work: () => Promise<unknown>, scheduled = 10): Promise<number> {
    let settled = false;
    let before = 0;
    const turns = (async () => {
      for (let turn = 0; turn < scheduled; turn++) {
        await nextTurn();
        if (!settled) before++;
      }
    })();
    await work().then(
      () => (settled = true),
      () => (settled = true),
    );
    await turns;
    return before;
  }

  it('turns the event loop while it reads a 20,000-row file, before refusing it for its last line', async () => {
    const session = await t.session();
    const csv = toCsv(Array.from({ length: 20_000 }, () => employeeRow(session.market.code)));
    const importer = t.app.get(EmployeeImportService);
    // Refused while reading, before any query: every turn that comes first is one the import gave.
    const brokenBytes = Buffer.concat([Buffer.from(csv), Buffer.from([0xc3, 0x28, 0x0a])]);
    expect(await turnsBefore(() => importer.import(actor, brokenBytes, { dryRun: true }))).toBe(10);
    const brokenQuote = `${csv}${session.market.code}-x,"never closed,${session.market.code},telemarketer\n`;
    expect(await turnsBefore(() => importer.import(actor, brokenQuote, { dryRun: true }))).toBe(10);
    await expect(importer.import(actor, brokenBytes, { dryRun: true })).rejects.toMatchObject({
      response: { errors: [{ row: 1, message: expect.stringContaining('not UTF-8') }] },
    });
  });

  it('still answers a 20,000-row dry run in full, writing nothing', async () => {
    const session = await t.session();
    const csv = Buffer.from(toCsv(Array.from({ length: 20_000 }, () => employeeRow(session.market.code))));
    const response = await t.http.post('/api/employees/import?dryRun=true').set(await session.auth()).set('content-type', 'text/csv').send(csv).expect(200);
    expect(response.body).toMatchObject({ created: 20_000, updated: 0, dryRun: true });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM employees e JOIN markets m ON m.id = e.market_id WHERE m.code = $1`,
      [session.market.code],
    );
    expect(count).toBe(0);
  });
});
