import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createTestApp, eventually, freePort, launchBrowser, SmtpSink, type ReceivedMail, type TestApp } from '@changepulse/testing';
import { dashboardHelpers } from './dashboard-helpers';

const SCREENSHOTS = join(__dirname, '..', '..', 'dist', 'screenshots');

/** A leader signs in as they would: the form, a real mail through SMTP, the link in Chromium, the button. */
describe('signing in to the dashboard by mail', () => {
  let t: TestApp;
  let h: ReturnType<typeof dashboardHelpers>;
  let sink: SmtpSink;
  let browser: Browser;
  let baseUrl: string;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    const port = await freePort();
    t = await createTestApp({ SMTP_URL: sink.url, APP_URL: `http://127.0.0.1:${port}`, MAIL_FROM: 'CRM change team <change@example.com>' });
    h = dashboardHelpers(t);
    baseUrl = await t.listen(port);
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
    await sink.close();
  });

  const mailTo = (email: string) => eventually(async () => sink.mailsTo(email)[0], 10_000, `a mail to ${email}`);
  const linkIn = (mail: ReceivedMail) => /http:\/\/\S+\/dashboard\/sign-in\/[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? '')?.[0];

  it('mails a link that opens a page with a button, which signs in and lands on the dashboard', async () => {
    const session = await t.session();
    const email = await h.addUser(session, { name: 'Anna Schmidt', markets: [session.market.code] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-sign-in.png') });
    await page.getByLabel('Work email address').fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Mail me a sign-in link' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Check your inbox');

    const mail = await mailTo(email);
    expect(mail.parsed.from?.text).toBe('"CRM change team" <change@example.com>');
    expect(mail.parsed.subject).toBe('Your sign-in link for the changepulse dashboard');
    expect(mail.parsed.text).toContain('Hello Anna Schmidt,');
    expect(mail.parsed.text).toContain('The link works once, for 15 minutes');
    expect(mail.parsed.text).toContain('If you did not ask to sign in, you can ignore this mail');
    const link = linkIn(mail)!;
    expect(link.startsWith(`${baseUrl}/dashboard/sign-in/`)).toBe(true);
    expect(mail.parsed.html).toContain(`href="${link}"`);

    await page.goto(link);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in as Anna Schmidt?');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-sign-in-confirm.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/dashboard`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(`(${session.market.code})`);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'cp_session', httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });

    // The same link a second time: used up.
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('answers an unknown address exactly as a known one, and mails nothing', async () => {
    const session = await t.session();
    const known = await h.addUser(session);
    const unknown = `nobody.${Date.now()}@example.com`;
    const answer = (email: string) => t.http.post('/dashboard/sign-in').type('form').send({ email }).expect(200);
    const [forKnown, forUnknown] = [await answer(known), await answer(unknown)];
    expect(forUnknown.text.replace(unknown, 'ADDRESS')).toBe(forKnown.text.replace(known, 'ADDRESS'));
    await mailTo(known);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.attemptsFor(unknown)).toBe(0);
  });

  it('answers before the address is even looked up, so a known and an unknown address get the same bytes at the same moment', async () => {
    const session = await t.session();
    const known = await h.addUser(session);
    const unknown = known.replace('Leader', 'Nobody'); // the same length: the same Content-Length
    const answer = (email: string) => t.http.post('/dashboard/sign-in').type('form').send({ email }).timeout(5_000);
    const shape = (response: Awaited<ReturnType<typeof answer>>, email: string) => ({
      status: response.status,
      headers: { ...response.headers, date: 'DATE' },
      body: response.text.replace(email, 'ADDRESS'),
    });
    // With the users table locked, any lookup before answering would hang (it did: a known address took longer to answer).
    const lock = t.dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      await lock.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const [forKnown, forUnknown] = [await answer(known), await answer(unknown)];
      expect(forKnown.status).toBe(200);
      expect(shape(forUnknown, unknown)).toEqual(shape(forKnown, known));
      expect(sink.mailsTo(known)).toEqual([]);
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }
    await mailTo(known);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.attemptsFor(unknown)).toBe(0);
  });

  it('mails a disabled user nothing, with the same answer', async () => {
    const session = await t.session();
    const email = await h.addUser(session);
    const { body: users } = await t.http.get('/api/users').set(await session.auth('admin')).expect(200);
    const user = users.find((item: { email: string }) => item.email === email);
    await t.http.patch(`/api/users/${user.id}`).set(await session.auth('admin')).send({ disabled: true }).expect(200);
    const response = await t.http.post('/dashboard/sign-in').type('form').send({ email }).expect(200);
    expect(response.text).toContain('Check your inbox');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.attemptsFor(email)).toBe(0);
  });

  it('sends at most five links in fifteen minutes to one address, answering the same every time', async () => {
    const session = await t.session();
    const email = await h.addUser(session);
    for (let i = 0; i < 7; i++) {
      const response = await t.http.post('/dashboard/sign-in').type('form').send({ email }).expect(200);
      expect(response.text).toContain('Check your inbox');
    }
    await eventually(async () => sink.mailsTo(email).length === 5, 10_000, 'five mails');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.mailsTo(email)).toHaveLength(5);
    const [{ links }] = await t.dataSource.query(`SELECT count(*)::int AS links FROM sign_in_links l JOIN users u ON u.id = l.user_id WHERE lower(u.email) = lower($1)`, [email]);
    expect(links).toBe(5);
  });

  it('asks again, keeping what was typed, when the form holds no address', async () => {
    const response = await t.http.post('/dashboard/sign-in').type('form').send({ email: 'anna at example' }).expect(400);
    expect(response.text).toContain('Please enter your email address');
    expect(response.text).toContain('value="anna at example"');
  });

  it('names the field on a page when a form is malformed (a repeated email field)', async () => {
    const response = await t.http.post('/dashboard/sign-in').type('form').send('email=a%40example.com&email=b%40example.com').expect(400);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('email must be a string');
    expect(response.text).not.toContain('Bad Request Exception');
  });
});
