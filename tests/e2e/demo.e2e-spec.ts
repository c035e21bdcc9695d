import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@changepulse/access';
import { loadConfig } from '@changepulse/core';
import { DEMO_MARKETS, demoDirectoryCsv, EmployeeImportService, MarketsService } from '@changepulse/people';
import { DEMO_MODEL, DEMO_SEED, generateWaveRows, latestInstrument, loadDemoPeople, loadDemoSurveys, planDemoWaves, type DemoMarket, type DemoSurveyReport } from '@changepulse/surveys';
import { cleanEnv, CLI, createTestDatabase, runNode } from '@changepulse/testing';
import { CliModule } from '../../apps/cli/src/cli.module';

/** The demo data behind `npm run demo` and the first `npm start`, loaded into a database of its own. */
describe('the demo', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let dataDir: string;
  let report: DemoSurveyReport;
  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => dataSource.query(sql, params);

  // The libs as the CLI wires them (no HTTP), on a database of this file's own.
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-demo-'));
    context = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig({ DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent' })), { logger: false });
    dataSource = context.get(DataSource);
    for (const market of DEMO_MARKETS) await context.get(MarketsService).create(SYSTEM_ACTOR, market);
    await context.get(EmployeeImportService).import(SYSTEM_ACTOR, demoDirectoryCsv(), {});
    report = await loadDemoSurveys(dataSource, { currentRound: false });
  }, 60_000);
  afterAll(async () => {
    await context.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes about 2,000 people: a pilot of about 1,000 and two controls of about 500, in every tier', async () => {
    const rows = await query<{ code: string; tier: string; n: number }>(
      `SELECT m.code, t.key AS tier, count(*)::int AS n FROM employees e JOIN markets m ON m.id = e.market_id JOIN audience_tiers t ON t.id = e.tier_id GROUP BY 1, 2`,
    );
    const total = (code: string) => rows.filter((row) => row.code === code).reduce((sum, row) => sum + row.n, 0);
    expect(total('DE')).toBeGreaterThan(900);
    for (const code of ['AT', 'CH']) expect(total(code)).toBeGreaterThan(450);
    for (const code of ['DE', 'AT', 'CH']) {
      expect(rows.filter((row) => row.code === code).map((row) => row.tier).sort()).toEqual(['back_office', 'executive', 'manager', 'telemarketer']);
    }
    const teams = await query<{ size: number }>(`SELECT count(*)::int AS size FROM employees e JOIN audience_tiers t ON t.id = e.tier_id WHERE t.key IN ('back_office', 'telemarketer') GROUP BY e.manager_id`);
    for (const team of teams) expect(team.size).toBeGreaterThanOrEqual(6);
    for (const team of teams) expect(team.size).toBeLessThanOrEqual(12);
  });

  it('gives each market a closed baseline a week long and twelve closed weekly pulses after it', async () => {
    expect(report.markets.map((market) => [market.code, market.waves])).toEqual([['DE', 13], ['AT', 13], ['CH', 13]]);
    const [totals] = await query<{ invited: number; responses: number; answers: number }>(
      `SELECT (SELECT count(*) FROM invitations)::int AS invited, (SELECT count(*) FROM responses)::int AS responses, (SELECT count(*) FROM answers)::int AS answers`,
    );
    expect({ invited: report.markets.reduce((sum, market) => sum + market.invited, 0), responses: report.responses, answers: report.answers }).toEqual(totals);
    const waves = await query<{ code: string; kind: string; status: string; items: number; round: number | null; opens: Date; closes: Date }>(
      `SELECT m.code, w.kind, w.status, cardinality(w.item_codes) AS items, w.round_number AS round, w.opens_at AS opens, w.closes_at AS closes
         FROM survey_waves w JOIN markets m ON m.id = w.market_id ORDER BY m.code, w.opens_at`,
    );
    expect(waves).toHaveLength(39);
    for (const code of ['AT', 'CH', 'DE']) {
      const [baseline, ...pulses] = waves.filter((wave) => wave.code === code);
      expect(baseline).toMatchObject({ kind: 'baseline', status: 'closed', items: 22, round: null });
      expect(baseline.closes.getTime() - baseline.opens.getTime()).toBeGreaterThan(6 * 86_400_000);
      expect(pulses.map((wave) => wave.round)).toEqual([...Array(12).keys()]);
      for (const pulse of pulses) expect(pulse).toMatchObject({ kind: 'pulse', status: 'closed', items: 5 });
      expect(pulses.at(-1)!.closes.getTime()).toBeLessThan(Date.now());
      expect(Date.now() - pulses.at(-1)!.opens.getTime()).toBeLessThan(14 * 86_400_000);
    }
  });

  it('asks one item per value each round, and every frequency item once in three rounds', async () => {
    const pulses = await query<{ items: string[] }>(`SELECT item_codes AS items FROM survey_waves w JOIN markets m ON m.id = w.market_id WHERE m.code = 'DE' AND kind = 'pulse' ORDER BY round_number`);
    for (const { items } of pulses) expect(new Set(items.map((code) => code.split('_')[0])).size).toBe(5);
    for (let round = 0; round + 3 <= pulses.length; round += 3) {
      expect(new Set(pulses.slice(round, round + 3).flatMap((pulse) => pulse.items)).size).toBe(15);
    }
  });

  it("lifts the pilot's share of 4–5 answers by about 40% over its baseline, while the controls stay within a few points", async () => {
    const rows = await query<{ code: string; late: boolean; share: number }>(
      `SELECT m.code, COALESCE(w.round_number >= 8, false) AS late, avg((a.value >= 4)::int)::float8 AS share
         FROM answers a JOIN responses r ON r.id = a.response_id JOIN survey_waves w ON w.id = r.wave_id JOIN markets m ON m.id = w.market_id
        WHERE a.item_code IN (SELECT code FROM instrument_items WHERE scale = 'frequency') AND (w.kind = 'baseline' OR w.round_number >= 8)
        GROUP BY 1, 2`,
    );
    const share = (code: string, late: boolean) => rows.find((row) => row.code === code && row.late === late)!.share;
    for (const code of ['AT', 'CH', 'DE']) {
      expect(share(code, false)).toBeGreaterThan(0.28);
      expect(share(code, false)).toBeLessThan(0.42);
    }
    const lift = share('DE', true) / share('DE', false);
    expect(lift).toBeGreaterThan(1.3);
    expect(lift).toBeLessThan(1.5);
    for (const code of ['AT', 'CH']) expect(Math.abs(share(code, true) - share(code, false))).toBeLessThan(0.03);
  });

  it('leaves no person on the invitations of a closed wave, and answers at 60–80%, telemarketers least', async () => {
    const [{ linked }] = await query<{ linked: number }>(`SELECT count(*)::int AS linked FROM invitations i JOIN survey_waves w ON w.id = i.wave_id WHERE w.status = 'closed' AND i.employee_id IS NOT NULL`);
    expect(linked).toBe(0);
    const rates = await query<{ tier: string; rate: number }>(
      `SELECT tier_key AS tier, avg((NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = i.id))::int)::float8 AS rate ` +
        `FROM invitations i GROUP BY 1 ORDER BY 2`,
    );
    expect(rates[0].tier).toBe('telemarketer');
    const [{ overall }] = await query<{ overall: number }>(
      `SELECT avg((NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = i.id))::int)::float8 AS overall FROM invitations i`,
    );
    expect(overall).toBeGreaterThan(0.6);
    expect(overall).toBeLessThan(0.8);
    const [{ orphans }] = await query<{ orphans: number }>(
      `SELECT (SELECT count(*) FROM responses)::int - ` +
        `(SELECT count(*) FROM invitations i WHERE NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = i.id))::int AS orphans`,
    );
    expect(orphans).toBe(0);
  });

  it('writes a comment on about a tenth of baseline responses, in German and English', async () => {
    const [{ share }] = await query<{ share: number }>(
      `SELECT avg((comment IS NOT NULL)::int)::float8 AS share FROM responses r JOIN survey_waves w ON w.id = r.wave_id WHERE w.kind = 'baseline'`,
    );
    expect(share).toBeGreaterThan(0.06);
    expect(share).toBeLessThan(0.14);
    const comments = (await query<{ comment: string }>(`SELECT DISTINCT comment FROM responses WHERE comment IS NOT NULL`)).map((row) => row.comment);
    expect(comments.some((comment) => /\b(und|die|wir)\b/.test(comment))).toBe(true);
    expect(comments.some((comment) => /\b(the|and|our)\b/.test(comment))).toBe(true);
  });

  it('refreshes the rollups of every wave', async () => {
    const rows = await query<{ responses: number; rolled: number | null }>(
      `SELECT (SELECT count(*) FROM responses r WHERE r.wave_id = w.id)::int AS responses, rw.responses AS rolled
         FROM survey_waves w LEFT JOIN rollup_waves rw ON rw.wave_id = w.id`,
    );
    expect(rows).toHaveLength(39);
    for (const row of rows) expect(row.rolled).toBe(row.responses);
  });

  it('draws the same answers from the same seed, whatever the ids', async () => {
    const [market] = await query<DemoMarket>(`SELECT id, code, role, timezone, locale FROM markets WHERE code = 'DE'`);
    const instrument = await latestInstrument(dataSource);
    const people = await loadDemoPeople(dataSource, market, DEMO_MODEL, DEMO_SEED);
    const values = () => {
      const [, wave] = planDemoWaves([market], instrument, { now: new Date(), pulses: 12, currentRound: false }).waves;
      const batches = [...generateWaveRows(wave, people, { model: DEMO_MODEL, seed: DEMO_SEED, items: instrument.items, now: new Date(), batchSize: 300 })];
      expect(batches).toHaveLength(Math.ceil(people.length / 300));
      // Who answered, in the order invited; what they answered, in the order of their (shuffled) responses.
      return batches.flatMap(({ invitations, unanswered, answers }) => {
        const open = new Set(unanswered[0]);
        return [...invitations[0].map((id) => !open.has(id)), ...answers[1].map((code, i) => `${code}=${answers[2][i]}`)];
      });
    };
    expect(values()).toEqual(values());
  });

  // The command on the same database: the demo is there already, then --reset loads it afresh.
  describe('npm run demo', () => {
    let folder: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(() => {
      folder = mkdtempSync(join(tmpdir(), 'changepulse-demo-cli-'));
      env = cleanEnv({ DATABASE_URL: database.url, DATA_DIR: folder, APP_URL: 'http://demo.test' });
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    const counts = async () =>
      (
        await query<Record<string, number> & { ids: string[] }>(
          `SELECT (SELECT count(*) FROM markets)::int AS markets, (SELECT count(*) FROM employees)::int AS employees,
                  (SELECT count(*) FROM survey_waves)::int AS waves, (SELECT count(*) FROM invitations)::int AS invitations,
                  (SELECT count(*) FROM responses)::int AS responses, (SELECT count(*) FROM answers)::int AS answers,
                  (SELECT count(*) FROM rollup_waves)::int AS rollups, (SELECT array_agg(id ORDER BY id) FROM survey_waves) AS ids`,
        )
      )[0];

    it('says the demo is there and changes nothing', async () => {
      const before = await counts();
      const result = await runNode(CLI, ['demo'], env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('The demo is already loaded; nothing changed');
      expect(result.stdout).toContain('Dashboard: http://demo.test/dashboard');
      expect(await counts()).toEqual(before);
    });

    it('wipes the demo markets and loads them afresh with --reset; a run after that changes nothing', async () => {
      const before = await counts();
      const reset = await runNode(CLI, ['demo', '--reset'], env);
      expect(reset.stderr).toBe('');
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(/Demo loaded in [\d.]+ s/);
      expect(reset.stdout).toMatch(/DE pilot +\d[\d,]* people +1[34] waves/);
      expect(reset.stdout).toContain('Dashboard: http://demo.test/dashboard');
      const after = await counts();
      expect(after).toMatchObject({ markets: 3, employees: before.employees, rollups: after.waves });
      expect(after.waves).toBeGreaterThanOrEqual(before.waves); // and this week's round, once it has opened
      expect(after.ids.some((id) => before.ids.includes(id))).toBe(false);

      const again = await runNode(CLI, ['demo'], env);
      expect(again.stdout).toContain('nothing changed');
      expect(await counts()).toEqual(after);
    });

    it("leaves a database alone that has markets of its own and none of the demo's", async () => {
      const other = await createTestDatabase();
      const client = new Client({ connectionString: other.url });
      await client.connect();
      try {
        await client.query(`INSERT INTO markets (code, name, timezone, locale) VALUES ('FR', 'France', 'Europe/Paris', 'fr-FR')`);
        const result = await runNode(CLI, ['demo'], { ...env, DATABASE_URL: other.url });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('markets of its own (FR)');
        expect((await client.query(`SELECT count(*)::int AS n FROM employees`)).rows[0].n).toBe(0);
      } finally {
        await client.end();
        await other.drop();
      }
    });
  });
});
