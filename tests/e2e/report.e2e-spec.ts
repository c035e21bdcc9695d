import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '@changepulse/access';
import { AnalyticsService, refreshRollups, type QuarterlyReportDto } from '@changepulse/analytics';
import { createTestApp, launchBrowser, type TestApp, type TestSession } from '@changepulse/testing';
import { pilotWithReferenceData } from '../support/analytics-fixture';

/** JSON round trip: what the API would have sent. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The quarterly governance report, on the reference dataset (its waves are all in 2026-Q2). */
describe('the quarterly governance report', () => {
  let t: TestApp;
  let session: TestSession;
  let pilot: string;
  let controls: string[];

  beforeAll(async () => {
    t = await createTestApp();
    ({ session, pilot, controls } = await pilotWithReferenceData(t));
  });
  afterAll(() => t.close());

  const report = async (code: string, quarter: string, status = 200, markets?: string[]) =>
    (await t.http.get(`/api/markets/${code}/report?quarter=${quarter}`).set(await session.auth('leader', markets)).set('Accept', 'application/json').expect(status)).body;

  it('gives, as JSON, the figures /progress gives as at the end of the quarter', async () => {
    const body: QuarterlyReportDto = await report(pilot, '2026-Q2');
    const progress = (await t.http.get(`/api/markets/${pilot}/progress`).set(await session.auth('leader')).expect(200)).body;
    const asOfEnd = plain(await t.app.get(AnalyticsService).progress(SYSTEM_ACTOR, pilot, new Date('2026-06-30T23:59:59.999Z')));
    expect(asOfEnd).toEqual(progress); // nothing happened after the quarter
    expect(body).toMatchObject({ quarter: '2026-Q2', start: '2026-04-01', end: '2026-06-30', asOf: '2026-06-30T23:59:59.999Z', hasData: true, minGroup: 5 });
    for (const key of ['baselineWave', 'window', 'baseline', 'current', 'target', 'capped', 'progress', 'change', 'projection'] as const) expect(body.summary[key]).toEqual(progress[key]);
    expect(body.values).toEqual(progress.values);
    expect(body.readiness).toEqual(progress.readiness);
    expect(body.did).toEqual(progress.did);
    expect(body.caveats).toEqual(progress.caveats);
  });

  it('gives response rates per tier from the breakdowns, and what changed since the previous quarter', async () => {
    const body: QuarterlyReportDto = await report(pilot, '2026-Q2');
    for (const wave of ['baseline', 'current'] as const) {
      const breakdown = (await t.http.get(`/api/markets/${pilot}/breakdown?by=audience&wave=${wave}`).set(await session.auth('leader')).expect(200)).body;
      expect(body.responseRates![wave]).toEqual(breakdown.groups);
    }
    expect(body.responseRates!.laterRounds).toBe(0);
    const { changes } = body;
    expect(changes.previousQuarter).toBe('2026-Q1');
    expect(changes.rounds).toEqual(['2026-05-18', '2026-05-25', '2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22']);
    expect(changes.cli).toEqual({ then: null, now: body.summary.current, difference: null });
    expect(changes.responseRate).toEqual({ then: null, now: (body.summary.current as { responseRate: number }).responseRate });
    expect(changes.projection).toMatchObject({ then: { reason: 'no target' }, now: body.summary.projection, changed: true });
    expect(body.feedback).toEqual({ collected: false, themes: [] });
  });

  it('refuses a malformed quarter with 400 naming it, and one still to come', async () => {
    const { message } = await report(pilot, '2026-Q5', 400);
    expect([message].flat().join(' ')).toMatch(/quarter/);
    expect((await report(pilot, '2999-Q1', 400)).message).toMatch(/^quarter:/);
  });

  it('renders a quarter before the first wave with "no data for this quarter"', async () => {
    const body: QuarterlyReportDto = await report(pilot, '2026-Q1');
    expect(body).toMatchObject({ hasData: false, responseRates: null, caveats: [], comments: { shown: false, items: [] } });
    const page = await t.http.get(`/api/markets/${pilot}/report?quarter=2026-Q1`).set(await session.auth('viewer')).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/No data for this quarter/);
  });

  it('refuses a leader limited to other markets with 403', async () => {
    await report(pilot, '2026-Q2', 403, [controls[0]]);
    await report(pilot, '2026-Q2', 200, [pilot]);
  });

  it('shows comments only once the quarter has at least 10 respondents, at most 12, without tier or date', async () => {
    const market = await session.addMarket({ name: 'Small market', role: 'other' });
    const [{ id: instrumentId }] = await t.dataSource.query(`SELECT id FROM instruments WHERE key = 'crm-leadership' AND version = 1`);
    const [{ id: waveId }] = await t.dataSource.query(
      `INSERT INTO survey_waves (kind, title, market_id, instrument_id, channels, item_codes, opens_at, closes_at, status, launched_at, closed_at)
       SELECT 'baseline', 'small baseline', id, $1, '{email}', '{understand_1}', '2026-08-03T07:00Z', '2026-08-10T07:00Z', 'closed', '2026-08-03T07:00Z', '2026-08-10T07:00Z'
         FROM markets WHERE code = $2 RETURNING id`,
      [instrumentId, market.code],
    );
    const answer = (count: number, text: (index: number) => string) =>
      t.dataSource.query(
        `INSERT INTO responses (wave_id, submitted_on, market_id, tier_key, department, tenure_band, comment)
         SELECT $1, '2026-08-04', m.id, 'telemarketer', 'Sales', '1-3y', $3 || i FROM markets m, generate_series(1, $2) AS i WHERE m.code = $4`,
        [waveId, count, text(0), market.code],
      );
    await answer(9, () => 'Secret remark number ');
    await refreshRollups(t.dataSource, [waveId]);
    const hidden: QuarterlyReportDto = await report(market.code, '2026-Q3');
    expect(hidden.comments).toEqual({ shown: false, minRespondents: 10, items: [] });
    const hiddenPage = (await t.http.get(`/api/markets/${market.code}/report?quarter=2026-Q3`).set(await session.auth('leader')).expect(200)).text;
    expect(hiddenPage).not.toMatch(/Secret remark/);

    await answer(1, () => 'Secret remark number ');
    const shown: QuarterlyReportDto = await report(market.code, '2026-Q3');
    expect(shown.comments.shown).toBe(true);
    expect([...shown.comments.items].sort()).toEqual(Array.from({ length: 10 }, (_, index) => `Secret remark number ${index < 9 ? index + 1 : 1}`).sort());
    const shownPage = (await t.http.get(`/api/markets/${market.code}/report?quarter=2026-Q3`).set(await session.auth('leader')).expect(200)).text;
    const comments = shownPage.slice(shownPage.indexOf('id="comments"'), shownPage.indexOf('id="method"'));
    expect(comments).toMatch(/Secret remark number 5/);
    expect(comments).not.toMatch(/telemarketer|Sales|2026-08|Aug 2026/i);

    await answer(20, () => 'More to say ');
    expect((await report(market.code, '2026-Q3')).comments.items).toHaveLength(12);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let baseUrl: string;
    beforeAll(async () => {
      baseUrl = await t.listen();
      browser = await launchBrowser();
    });
    afterAll(() => browser.close());

    function watchConsole(page: Page): string[] {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(message.text());
      });
      return problems;
    }

    it('prints the report to an A4 PDF of several pages, with nothing refused by the CSP', async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
      const problems = watchConsole(page);
      await page.setExtraHTTPHeaders(await session.auth('leader'));
      const response = await page.goto(`${baseUrl}/api/markets/${pilot}/report?quarter=2026-Q2`);
      expect(response!.status()).toBe(200);
      expect(response!.headers()['content-type']).toMatch(/^text\/html/);
      expect(response!.headers()['content-security-policy']).not.toMatch(/script-src/);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Test market (${pilot}), 2026-Q2`);
      const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
      expect(headings.map((heading) => heading.replace(/^\d+\s*/, ''))).toEqual([
        'Summary',
        'Values',
        'Readiness: people, process, technology',
        'Who answered',
        'What changed since 2026-Q1',
        'Feedback themes',
        'What people wrote',
        'Notes on method',
      ]);
      expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(10);
      await page.screenshot({ path: join(tmpdir(), 'changepulse-report.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(tmpdir(), 'changepulse-report-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(join(tmpdir(), 'changepulse-report.pdf'), pdf);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(problems).toEqual([]);
      await page.close();
    });
  });
});
