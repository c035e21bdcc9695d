import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, launchBrowser, TestSession, type TestApp } from '@changepulse/testing';
import { dashboardHelpers } from './dashboard-helpers';

// Under dist/ (git-ignored), beside the answer page's screenshots.
const SCREENSHOTS = join(__dirname, '..', '..', 'dist', 'screenshots');

/** The dashboard in real Chromium over seeded answers: charts drawn, hidden cells marked, a phone, no JavaScript. */
describe('the dashboard in a browser', () => {
  let t: TestApp;
  let h: ReturnType<typeof dashboardHelpers>;
  let browser: Browser;
  let baseUrl: string;
  let pilot: string;
  let control: string;
  let cookie: { Cookie: string };
  beforeAll(async () => {
    t = await createTestApp();
    h = dashboardHelpers(t);
    baseUrl = await t.listen();
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const session = await TestSession.create(t.app, t.http, { name: 'Germany' });
    const other = await session.addMarket({ name: 'Austria' });
    pilot = session.market.code;
    control = other.code;
    await t.http.patch(`/api/markets/${pilot}`).set(await session.auth('admin')).send({ controls: [control] }).expect(200);
    await h.seedAnswers(pilot, { baseline: 0.3, risePerRound: 0.011, rounds: 8, baselineResponse: 0.72, pulseResponse: 0.42, seed: 7 });
    await h.seedAnswers(control, { baseline: 0.32, risePerRound: 0.002, rounds: 8, baselineResponse: 0.65, pulseResponse: 0.55, seed: 11 });
    cookie = await h.signIn(await h.addUser(session, { name: 'Maria Weber', markets: [pilot, control] }));
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  async function signedIn(options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext(options);
    await context.addCookies([{ name: 'cp_session', value: cookie.Cookie.split('=')[1], url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return { context, page, problems };
  }

  /** How many pixels of a canvas something was drawn on (a string: this program has no DOM types). */
  const inkOf = (page: Page, id: string) =>
    page.evaluate<number>(`(() => {
      const canvas = document.getElementById(${JSON.stringify(id)});
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return ink;
    })()`);

  const chartsDrawn = (page: Page) => page.waitForFunction(`document.documentElement.classList.contains('js')`);

  it('draws the charts, marks hidden cells and shows every figure, on a desktop', async () => {
    const { context, page, problems } = await signedIn({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(`${baseUrl}/dashboard`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(`Germany (${pilot})`);
    await chartsDrawn(page);
    for (const id of ['values-chart', 'trend-chart']) {
      expect(await page.locator(`#${id}`).isVisible()).toBe(true);
      expect(await inkOf(page, id)).toBeGreaterThan(2000);
    }
    const hidden = page.locator('.heatmap td.hidden-cell').first();
    expect(await hidden.isVisible()).toBe(true);
    expect(await hidden.innerText()).toBe('hidden (fewer than 5)');
    expect(await page.locator('.heatmap tbody th', { hasText: 'Executives' }).count()).toBe(1);
    const caveats = await page.getByRole('note').innerText();
    expect(caveats).toContain('of the people invited answered the recent pulses');
    expect(await page.locator('.kpi.current .detail').allInnerTexts()).toEqual([expect.stringMatching(/^95% interval \d+–\d+%$/), expect.stringMatching(/^\d+ respondents$/), expect.stringMatching(/^\d+% response rate$/), expect.stringMatching(/^weighted \d+%$/)]);
    expect(await page.getByRole('link', { name: /Governance report for \d{4}-Q[1-4]/ }).getAttribute('href')).toMatch(new RegExp(`^/api/markets/${pilot}/report\\?quarter=\\d{4}-Q[1-4]$`));
    // The report and the export open with the session cookie alone (reads only).
    for (const name of [/Governance report for/, 'All figures as CSV']) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      expect((await context.request.get(`${baseUrl}${href}`)).status()).toBe(200);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-desktop.png'), fullPage: true });
    for (const section of ['headline', 'values', 'trend', 'heatmap']) {
      await page.locator(`section[aria-labelledby="${section}-title"]`).screenshot({ path: join(SCREENSHOTS, `dashboard-desktop-${section}.png`) });
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a phone without sideways scrolling of the page', async () => {
    const { context, page, problems } = await signedIn({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await page.goto(`${baseUrl}/dashboard`);
    await chartsDrawn(page);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await inkOf(page, 'values-chart')).toBeGreaterThan(2000);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone.png') });
    await page.locator('#heatmap-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone-heatmap.png') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches the heatmap to departments and to the control market', async () => {
    const { context, page } = await signedIn({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/dashboard`);
    await page.getByRole('link', { name: 'By department' }).click();
    expect(await page.getByRole('heading', { name: 'Who lives the values, by department' }).isVisible()).toBe(true);
    expect(await page.locator('.heatmap tbody th').allInnerTexts()).toEqual(expect.arrayContaining(['Customer Service', 'Finance', 'Sales']));
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-departments.png'), fullPage: true });
    await page.getByRole('navigation', { name: 'Markets' }).getByRole('link', { name: new RegExp(control) }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(`Austria (${control})`);
    await context.close();
  });

  it('reads without JavaScript: tables instead of charts', async () => {
    const { context, page } = await signedIn({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    await page.goto(`${baseUrl}/dashboard`);
    expect(await page.locator('#values-chart').isVisible()).toBe(false);
    expect(await page.getByRole('table', { name: /Share living each value \(/ }).isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: /Index per pulse round/ }).locator('tbody tr').count()).toBe(8);
    await context.close();
  });

  it('shows a leader limited to some markets a 403 page for the others', async () => {
    const session = await t.session();
    const limited = await h.signIn(await h.addUser(session, { markets: [session.market.code] }));
    const page = await t.http.get(`/dashboard/markets/${pilot}`).set(limited).expect(403);
    expect(page.text).toContain('You cannot see this market');
    await t.http.get(`/dashboard/markets/${session.market.code}`).set(limited).expect(200);
    await t.http.get('/dashboard/markets/NOPE').set(limited).expect(404);
  });

  it('serves the scripts from our own origin with a long cache', async () => {
    for (const name of ['chart.umd.js', 'dashboard.js']) {
      const response = await t.http.get(`/assets/${name}`).expect(200);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    await t.http.get('/assets/secrets.js').expect(404);
  });
});
