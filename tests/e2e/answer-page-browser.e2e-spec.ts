import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, launchBrowser, type TestApp } from '@changepulse/testing';
import { answerHelpers } from './answer-helpers';

const SCREENSHOTS = join(__dirname, '..', '..', 'dist', 'screenshots');

/** The answer page as a person uses it, in real Chromium: one-click link, keyboard, phone, no JavaScript. */
describe('the answer page in a browser', () => {
  let t: TestApp;
  let h: ReturnType<typeof answerHelpers>;
  let browser: Browser;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp();
    h = answerHelpers(t);
    baseUrl = await t.listen();
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  /** Fails the test on anything the page's CSP refused or the console complained about. */
  function watchConsole(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(message.text());
    });
    return problems;
  }

  const answersOf = (waveId: string) =>
    t.dataSource.query(`SELECT a.item_code, a.value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.wave_id = $1 ORDER BY a.item_code`, [waveId]);

  it('opens the one-click link with the answer chosen, takes two more by click and keyboard, and thanks', async () => {
    const { session, waveId, invited } = await h.launch([{}, {}]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchConsole(page);
    await page.goto(`${baseUrl}/s/${invited[0].token}?understand_1=4`);
    expect(await page.getByRole('group', { name: /ask customers what they were really trying to achieve/ }).getByRole('radio', { name: 'Often' }).isChecked()).toBe(true);
    // The stylesheet is allowed by its hash: the button is styled.
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('button[type=submit]')).backgroundColor`)).toBe('rgb(10, 86, 165)');
    await page.screenshot({ path: join(SCREENSHOTS, 'answer-form-desktop.png'), fullPage: true });

    await page.locator('label[for="q-analyze_2-5"]').click();
    await page.locator('#q-relate_1-1').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: join(SCREENSHOTS, 'answer-form-keyboard-focus.png') });
    await page.getByLabel(/anything you would like to add/i).fill('Less paperwork, more time with customers.');
    await page.getByRole('button', { name: 'Send my answers' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/s/${invited[0].token}/thanks`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Thank you!');
    await page.screenshot({ path: join(SCREENSHOTS, 'answer-thanks-desktop.png'), fullPage: true });

    expect(await answersOf(waveId)).toEqual([
      { item_code: 'analyze_2', value: 5 },
      { item_code: 'relate_1', value: 3 },
      { item_code: 'understand_1', value: 4 },
    ]);
    const { body } = await t.http.get(`/api/surveys/${waveId}`).set(await session.auth()).expect(200);
    expect(body).toMatchObject({ invited: 2, responded: 1 });
    await page.goBack();
    await page.reload();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('You have already answered');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a phone: no sideways scrolling, large tap targets, in German for a de-DE person', async () => {
    const { invited } = await h.launch([{ locale: 'de-DE' }]);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${baseUrl}/s/${invited[0].token}?enable_1=5`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const choice = await page.locator('label[for="q-understand_1-3"]').boundingBox();
    expect(choice!.height).toBeGreaterThanOrEqual(44);
    expect(choice!.width).toBeGreaterThan(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'answer-form-phone.png') });
    // Not fullPage: the headless GPU's texture limit makes a capture of the whole long form repeat itself.
    await page.getByRole('button', { name: 'Antworten senden' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'answer-form-phone-end.png') });
    await page.locator('label[for="q-understand_1-3"]').tap();
    await page.getByRole('button', { name: 'Antworten senden' }).tap();
    await page.waitForURL(/\/thanks$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Vielen Dank!');
    await page.screenshot({ path: join(SCREENSHOTS, 'answer-thanks-phone.png') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works with JavaScript turned off', async () => {
    const { waveId, invited } = await h.launch([{}]);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/s/${invited[0].token}`);
    await page.locator('label[for="q-invent_3-2"]').click();
    await page.locator('label[for="q-readiness_technology_2-4"]').click();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.waitForURL(/\/thanks$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Thank you!');
    expect(await answersOf(waveId)).toEqual([
      { item_code: 'invent_3', value: 2 },
      { item_code: 'readiness_technology_2', value: 4 },
    ]);
    await context.close();
  });

  it('shows an empty submit its problem at the top of the form, with nothing recorded', async () => {
    const { waveId, invited } = await h.launch([{}]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/s/${invited[0].token}`);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Please answer at least one question');
    await page.screenshot({ path: join(SCREENSHOTS, 'answer-form-problem.png') });
    expect(await h.counts(waveId)).toEqual({ responses: 0, answers: 0, responded: 0 });
    await page.close();
  });

  it('stops pulses from the unsubscribe page’s button, without JavaScript', async () => {
    const { invited } = await h.launch([{}], { kind: 'pulse' });
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/s/${invited[0].token}`);
    await page.getByRole('link', { name: 'Stop pulse surveys' }).click();
    await page.screenshot({ path: join(SCREENSHOTS, 'unsubscribe-phone.png') });
    await page.getByRole('button', { name: 'Stop pulse surveys' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('You will get no more pulse surveys');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pulse_mutes m JOIN employees e ON e.id = m.employee_id WHERE e.employee_id = $1`, [invited[0].employeeId]);
    expect(n).toBe(1);
    await context.close();
  });
});
