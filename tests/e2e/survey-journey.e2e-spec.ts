import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  createTestApp,
  employeeRow,
  eventually,
  freePort,
  launchBrowser,
  SmtpSink,
  startTestWorker,
  toCsv,
  type TestApp,
  type TestWorker,
} from '@changepulse/testing';

const SCREENSHOTS = join(__dirname, '..', '..', 'dist', 'screenshots');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * The whole path, with every part real: a change manager launches a baseline by API, the
 * worker mails every invited person once through SMTP, a person follows the one-click link in
 * Chromium, answers, and the wave's response rate moves.
 */
describe('a baseline wave from launch to answer', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: TestWorker;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    const port = await freePort();
    t = await createTestApp({ SMTP_URL: sink.url, APP_URL: `http://127.0.0.1:${port}` });
    baseUrl = await t.listen(port);
    worker = await startTestWorker(t.config);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await worker.close();
    await t.close();
    await sink.close();
  });

  it('mails each invited person once, takes an answer in the browser, and counts it', async () => {
    const session = await t.session();
    const rows = [...Array.from({ length: 5 }, () => employeeRow(session.market.code, { locale: 'en-GB' })), employeeRow(session.market.code, { locale: 'de-DE' })];
    await session.importCsv(toCsv(rows));
    const auth = await session.auth('change_manager');
    const { body: draft } = await t.http
      .post('/api/surveys')
      .set(auth)
      .send({ kind: 'baseline', market: session.market.code, channels: ['email'], opensAt: inDays(-0.01), closesAt: inDays(14) })
      .expect(201);
    await t.http.post(`/api/surveys/${draft.id}/launch`).set(auth).expect(200);

    // The API only enqueued; the worker's own pg-boss handler sends.
    await eventually(async () => rows.every((row) => sink.mailsTo(row.email!).length === 1), 30_000, 'one mail each');
    const unsent = `SELECT count(*)::int AS n FROM deliveries d JOIN invitations i ON i.id = d.invitation_id
                     WHERE i.wave_id = $1 AND d.kind = 'survey_invitation' AND d.status <> 'sent'`;
    await eventually(async () => (await t.dataSource.query(unsent, [draft.id]))[0].n === 0, 30_000, 'every invitation row sent');
    for (const row of rows) expect(sink.mailsTo(row.email!)).toHaveLength(1);

    const [mail] = sink.mailsTo(rows[0].email!);
    const html = String(mail.parsed.html);
    const oneClick = /href="([^"]+\/s\/[^"?]+\?understand_1=4)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(oneClick).toBeDefined();
    expect(oneClick!.startsWith(baseUrl)).toBe(true);
    expect(mail.parsed.text).toContain(oneClick!.split('?')[0]);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(oneClick!);
    expect(await page.locator('input[name="understand_1"][value="4"]').isChecked()).toBe(true);
    await page.locator('input[name="analyze_1"][value="5"]').check();
    await page.locator('textarea[name="comment"]').fill('More time with customers, please.');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'journey-form.png') });
    await Promise.all([page.waitForURL(/\/thanks$/), page.locator('button[type="submit"], input[type="submit"]').first().click()]);
    await page.screenshot({ path: join(SCREENSHOTS, 'journey-thanks.png') });
    await page.close();

    const { body } = await t.http.get(`/api/surveys/${draft.id}`).set(auth).expect(200);
    expect(body).toMatchObject({ invited: 6, responded: 1, responseRate: 1 / 6 });
    const answers = await t.dataSource.query(
      `SELECT a.item_code, a.value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.wave_id = $1 ORDER BY a.item_code`,
      [draft.id],
    );
    expect(answers).toEqual([
      { item_code: 'analyze_1', value: 5 },
      { item_code: 'understand_1', value: 4 },
    ]);
  });
});
