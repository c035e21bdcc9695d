import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { createTestApp, freePort, launchBrowser, type TestApp } from '@changepulse/testing';
import { dashboardHelpers, setCookies } from './dashboard-helpers';

const BY_SECRET = `token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`;

/**
 * Login CSRF: a page elsewhere that posts the attacker's own sign-in link from the victim's
 * browser must not replace the victim's session. The button works only with the cookie and the
 * proof that the link's page gave this browser.
 */
describe('the sign-in button works only in the browser that opened the link', () => {
  let t: TestApp;
  let h: ReturnType<typeof dashboardHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    h = dashboardHelpers(t);
  });
  afterAll(() => t.close());

  /** The attacker's own account and link; the victim signed in with a session of their own. */
  async function scene() {
    const session = await t.session();
    const attacker = await h.addUser(session, { name: 'Mallory Attacker' });
    const victim = await h.signIn(await h.addUser(session, { name: 'Victoria Victim' }));
    return { attackerToken: await h.linkToken(attacker), victim };
  }

  const linkUsed = async (token: string) =>
    (await t.dataSource.query(`SELECT used_at IS NOT NULL AS used FROM sign_in_links WHERE ${BY_SECRET}`, [token]))[0].used as boolean;
  const attackerSessions = async (token: string) =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = (SELECT user_id FROM sign_in_links WHERE ${BY_SECRET})`, [
        token,
      ])
    )[0].n as number;

  it('refuses a cross-site press with 403, leaving the victim signed in and the link unused', async () => {
    const { attackerToken, victim } = await scene();
    // What another site's auto-submitted form sends: the victim's cookies, no proof, or the attacker's own proof.
    const attackerOpened = await h.openLink(attackerToken);
    for (const proof of [undefined, attackerOpened.proof]) {
      const response = await t.http
        .post(`/dashboard/sign-in/${attackerToken}`)
        .set(victim)
        .type('form')
        .send(proof ? { proof } : {})
        .expect(403);
      expect(response.text).toContain('Please open your sign-in link again');
      expect(setCookies(response.headers)).toEqual([]);
    }
    expect(await linkUsed(attackerToken)).toBe(false);
    expect(await attackerSessions(attackerToken)).toBe(0);
    const dashboard = await t.http.get('/dashboard').set(victim).expect(200);
    expect(dashboard.text).toContain('Signed in as Victoria Victim');
  });

  it('refuses a proof made for another browser or another link', async () => {
    const { attackerToken } = await scene();
    const mine = await h.openLink(attackerToken);
    const other = await h.openLink(await h.linkToken(await h.addUser(await t.session())));
    await h.press(attackerToken, 403, { cookie: other.cookie, proof: mine.proof });
    await h.press(attackerToken, 403, { cookie: mine.cookie, proof: other.proof });
    const tampered = mine.proof.slice(0, -1) + (mine.proof.endsWith('A') ? 'B' : 'A');
    await h.press(attackerToken, 403, { cookie: mine.cookie, proof: tampered });
    expect(await linkUsed(attackerToken)).toBe(false);
  });

  it('refuses a press the browser says came from another site, even with the right pair', async () => {
    const { attackerToken } = await scene();
    const opened = await h.openLink(attackerToken);
    for (const site of ['cross-site', 'same-site', 'none']) {
      await t.http
        .post(`/dashboard/sign-in/${attackerToken}`)
        .set('Cookie', opened.cookie)
        .set('Sec-Fetch-Site', site)
        .type('form')
        .send({ proof: opened.proof })
        .expect(403);
    }
    const response = await t.http
      .post(`/dashboard/sign-in/${attackerToken}`)
      .set('Cookie', opened.cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ proof: opened.proof })
      .expect(303);
    expect(response.headers.location).toBe('/dashboard');
  });

  it('gives the link page a short-lived strict cookie for the sign-in paths only, and clears it on signing in', async () => {
    const session = await t.session();
    const token = await h.linkToken(await h.addUser(session));
    const page = await t.http.get(`/dashboard/sign-in/${token}`).expect(200);
    const [cookie] = setCookies(page.headers);
    expect(cookie).toMatch(/^cp_sign_in=[A-Za-z0-9_-]{43}; Path=\/dashboard\/sign-in; Max-Age=900; HttpOnly; SameSite=Strict$/);
    expect(page.text).toMatch(/<input type="hidden" name="proof" value="[A-Za-z0-9_-]{43}">/);
    // The same browser opening a second link keeps its value, so both pages' buttons work.
    const second = await t.http.get(`/dashboard/sign-in/${token}`).set('Cookie', cookie.split(';')[0]).expect(200);
    expect(setCookies(second.headers)[0].split(';')[0]).toBe(cookie.split(';')[0]);
    const signedIn = await h.press(token, 303);
    expect(setCookies(signedIn.headers)).toEqual([
      expect.stringMatching(/^cp_session=/),
      'cp_sign_in=; Path=/dashboard/sign-in; Max-Age=0; HttpOnly; SameSite=Strict',
    ]);
  });

  describe('in real Chromium', () => {
    let browser: Browser;
    let baseUrl: string;
    let evil: Server;
    let evilUrl: string;
    let evilPage = '';
    beforeAll(async () => {
      baseUrl = await t.listen();
      browser = await launchBrowser();
      // Another origin on the same host (another port): same-site for SameSite cookies, so only the proof stops it.
      evil = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end(evilPage));
      const port = await freePort();
      await new Promise<void>((resolve) => evil.listen(port, '127.0.0.1', resolve));
      evilUrl = `http://127.0.0.1:${port}/`;
    });
    afterAll(async () => {
      await browser.close();
      evil.closeAllConnections();
      await new Promise((resolve) => evil.close(resolve));
    });

    it("an auto-submitting page on another origin does not replace the victim's session", async () => {
      const { attackerToken, victim } = await scene();
      const opened = await h.openLink(attackerToken);
      evilPage =
        `<!doctype html><form method="post" action="${baseUrl}/dashboard/sign-in/${attackerToken}">` +
        `<input type="hidden" name="proof" value="${opened.proof}"></form><script>document.forms[0].submit()</script>`;
      const context = await browser.newContext();
      const [name, value] = victim.Cookie.split('=');
      await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      const landed = page.waitForResponse((response) => response.url().includes('/dashboard/sign-in/'));
      await page.goto(evilUrl);
      expect((await landed).status()).toBe(403);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Please open your sign-in link again');
      expect((await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`)).toEqual([victim.Cookie]);
      await page.goto(`${baseUrl}/dashboard`);
      expect(await page.getByText('Signed in as').innerText()).toBe('Signed in as Victoria Victim');
      expect(await linkUsed(attackerToken)).toBe(false);
      await context.close();
    });
  });
});
