import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { refreshRollups } from '@changepulse/analytics';
import { createTestApp, launchBrowser, type TestApp, type TestSession } from '@changepulse/testing';
import { loadProgressFixture, pilotWithReferenceData, progressFixture } from '../support/analytics-fixture';
import { dashboardHelpers } from './dashboard-helpers';

const SCREENSHOTS = join(__dirname, '..', '..', 'dist', 'screenshots');
const expected = progressFixture.expected;

/** Takes every answer of a market back: nobody answered any of its waves (invited people stay). */
async function silence(t: TestApp, code: string): Promise<void> {
  const waves: Array<{ id: string }> = await t.dataSource.query(
    `SELECT w.id FROM survey_waves w JOIN markets m ON m.id = w.market_id WHERE m.code = $1`,
    [code],
  );
  const ids = waves.map((wave) => wave.id);
  await t.dataSource.transaction(async (manager) => {
    await manager.query(`DELETE FROM answers WHERE response_id IN (SELECT id FROM responses WHERE wave_id = ANY($1::uuid[]))`, [ids]);
    await manager.query(`DELETE FROM responses WHERE wave_id = ANY($1::uuid[])`, [ids]);
    // Unanswered invitations are rows of their own (no "responded" mark beside the invitation).
    await manager.query(
      `INSERT INTO unanswered_invitations (invitation_id) SELECT id FROM invitations i WHERE wave_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = i.id)`,
      [ids],
    );
  });
  await refreshRollups(t.dataSource, ids);
}

/** A pilot with two control markets, one where nobody answered: what the comparison says of each. */
describe('control markets in the comparison', () => {
  let t: TestApp;
  let session: TestSession;
  let pilot: string;
  let answering: string;
  let empty: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    let controls: string[];
    ({ session, pilot, controls } = await pilotWithReferenceData(t));
    [answering, empty] = controls;
    await silence(t, empty);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const get = async (path: string, markets?: string[]) => (await t.http.get(path).set(await session.auth('leader', markets)).expect(200)).body;

  it("gives each control's own change and people, and each arm's people", async () => {
    const { did } = await get(`/api/markets/${pilot}/progress`);
    const reference = expected.progress.did.byControl[0];
    const part = did.byControl.find((item: { code: string }) => item.code === answering);
    expect(part).toMatchObject({ pooled: true, note: null, invited: reference.invited, answered: reference.answered });
    expect(part.change).toBeCloseTo(reference.change as number, 9);
    expect(did.arms).toEqual({
      pilot: expected.progress.did.arms.pilot,
      controls: { baseline: reference.answered.baseline, current: reference.answered.current },
    });
    expect(did.estimate).toEqual(expect.any(Number));
  });

  it('shows the control where nobody answered as 0 of N answered, with a caveat, and says it contributed nobody', async () => {
    const body = await get(`/api/markets/${pilot}/progress`);
    const invited = expected.progress.did.byControl[1].invited;
    const part = body.did.byControl.find((item: { code: string }) => item.code === empty);
    expect(part).toEqual({
      code: empty,
      invited,
      answered: { baseline: 0, current: 0 },
      change: null,
      pooled: false,
      note: `0 of ${invited.baseline} answered the baseline; 0 of ${invited.current} answered the current pulses: it contributed nobody to the comparison`,
    });
    expect(body.caveats).toContain(`Control market ${empty}: ${part.note}.`);
    expect(body.did.controls.sort()).toEqual([answering, empty].sort());
  });

  it('keeps the counts of a control market from a leader who may not see it', async () => {
    const { did, caveats } = await get(`/api/markets/${pilot}/progress`, [pilot]);
    const part = did.byControl.find((item: { code: string }) => item.code === empty);
    expect(part).toMatchObject({
      invited: { baseline: null, current: null },
      answered: { baseline: null, current: null },
      note: 'left out of the comparison (not among your markets)',
    });
    expect(JSON.stringify(caveats)).not.toMatch(/0 of \d+ answered/);
  });

  it("says why a withheld Welch's test is withheld: nobody answered, or no spread", async () => {
    const control = await get(`/api/markets/${empty}/progress`);
    expect(control).toMatchObject({ change: null, changeReason: 'nobody answered the baseline' });
    // A second world whose pilot answered every question the same way: no spread to test.
    const flat = await session.addMarket({ role: 'pilot', name: 'Flat pilot' });
    const c1 = await session.addMarket({ name: 'Flat control one' });
    const c2 = await session.addMarket({ name: 'Flat control two' });
    const { waves } = await loadProgressFixture(t.dataSource, { pilot: flat, c1, c2 });
    const flatWaves = [...waves].filter(([wave]) => wave.market === 'pilot').map(([, id]) => id);
    await t.dataSource.query(`UPDATE answers SET value = 5 WHERE response_id IN (SELECT id FROM responses WHERE wave_id = ANY($1::uuid[]))`, [flatWaves]);
    await refreshRollups(t.dataSource, flatWaves);
    const body = (await t.http.get(`/api/markets/${flat.code}/progress`).set(await session.auth('admin')).expect(200)).body;
    expect(body).toMatchObject({ change: null, changeReason: 'no spread: every respondent gave the same score' });
  });

  it('shows a control market its own change on its page, as a comparison market, with no target or progress', async () => {
    const h = dashboardHelpers(t);
    const cookie = await h.signIn(await h.addUser(session, { name: 'Lena Graf', markets: [pilot, answering, empty] }));
    const api = await get(`/api/markets/${answering}/progress`);
    expect(api).toMatchObject({ target: null, progress: null, projection: { reason: 'comparison market' } });
    expect((await get(`/api/markets/${answering}/trend`)).target).toBeNull();

    const baseUrl = await t.listen();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'cp_session', value: cookie.Cookie.split('=')[1], url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    expect((await page.goto(`${baseUrl}/dashboard/markets/${answering}`))?.status()).toBe(200);
    const headline = page.locator('section[aria-labelledby="headline-title"]');
    const text = await headline.innerText();
    expect(text).toContain('comparison (control) market');
    expect(text).toContain('Own change');
    expect(text).not.toMatch(/Target|Progress|baseline \+ 50%/);
    expect(await page.locator('.kpi.target, .kpi.progress').count()).toBe(0);
    expect(await page.locator('#values-title ~ * th', { hasText: 'Target' }).count()).toBe(0);
    expect(await page.locator('svg.bar line[stroke="#1a7f37"]').count()).toBe(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await headline.screenshot({ path: join(SCREENSHOTS, 'control-market-headline.png') });

    // The pilot's page names the empty control as 0 of N answered and who each arm holds.
    await page.goto(`${baseUrl}/dashboard/markets/${pilot}`);
    const controls = await page.locator('section[aria-labelledby="controls-title"]').innerText();
    expect(controls).toMatch(
      new RegExp(
        `${empty}: baseline 0 of \\d+ answered, current 0 of \\d+ answered\\. it contributed nobody|${empty}: baseline 0 of \\d+ answered`,
      ),
    );
    expect(controls).toContain('contributed nobody to the comparison');
    expect(controls).toContain('Respondents per arm');
    await context.close();
  }, 60_000);
});
