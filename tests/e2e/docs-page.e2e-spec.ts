import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createTestApp, launchBrowser, type TestApp } from '@changepulse/testing';

/** The API documentation as a person opens it, in real Chromium. */
describe('the API documentation page', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.listen();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  it('renders every group of endpoints under its CSP, and a call made from it reaches the API with a token', async () => {
    const session = await t.session();
    const token = await session.token('admin');
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Whatever the policy blocks, Chromium reports on the console.
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    const opened = await page.goto(`${baseUrl}/api/docs`);
    expect(opened?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByText('changepulse API').first().waitFor();
    for (const tag of ['health', 'markets', 'audience tiers', 'employees', 'segments', 'tokens']) {
      await page.locator(`h3[data-tag="${tag}"]`).waitFor();
    }
    await page.getByRole('button', { name: /Authorize/ }).first().click();
    const dialog = page.locator('.dialog-ux');
    await dialog.locator('.auth-container input').fill(token);
    await dialog.locator('.auth-btn-wrapper button.authorize').click();
    await dialog.locator('.auth-btn-wrapper button.btn-done').click();
    await page.locator('#operations-markets-MarketsController_list').click();
    await page.getByRole('button', { name: 'Try it out' }).click();
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.locator('.live-responses-table .response-col_status').filter({ hasText: '200' }).first().waitFor();
    mkdirSync(join(__dirname, '..', '..', 'dist', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(__dirname, '..', '..', 'dist', 'screenshots', 'api-docs.png') });
    expect(await page.locator('.live-responses-table').innerText()).toContain(session.market.code);
    expect(blocked).toEqual([]);
    await page.close();
  });
});
