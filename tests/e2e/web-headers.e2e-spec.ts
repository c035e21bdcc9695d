import { createTestApp, type TestApp } from '@changepulse/testing';
import { digestUnsubscribeToken } from '@changepulse/analytics';
import { answerHelpers } from './answer-helpers';
import { dashboardHelpers } from './dashboard-helpers';

/** The headers a browser is given: HSTS on https, no sniffing or storing of API answers, a CSP on the docs; strict answer-page paths. */
describe('security headers and strict link paths', () => {
  let t: TestApp;
  let a: ReturnType<typeof answerHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    a = answerHelpers(t);
  });
  afterAll(() => t.close());

  /** Runs `check` with the public address switched to https, as behind a TLS proxy. */
  async function overHttps(check: () => Promise<void>): Promise<void> {
    const before = t.config.appUrl;
    t.config.appUrl = 'https://pulse.example.com';
    try {
      await check();
    } finally {
      t.config.appUrl = before;
    }
  }

  it('sends HSTS on every answer when the public address is https, and never over plain http', async () => {
    const session = await t.session();
    const requests = async () => [
      await t.http.get('/api/markets').set(await session.auth('admin')),
      await t.http.get('/api/markets'),
      await t.http.get('/dashboard/sign-in'),
      await t.http.get('/health'),
    ];
    await overHttps(async () => {
      for (const response of await requests()) expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    });
    for (const response of await requests()) expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('marks JSON and CSV answers nosniff and no-store, errors included', async () => {
    const session = await t.session();
    const auth = await session.auth('admin');
    const responses = [
      await t.http.get('/api/markets').set(auth).expect(200),
      await t.http.get(`/api/markets/${session.market.code}`).set(auth).expect(200),
      await t.http.get('/api/markets/NOPE').set(auth).expect(404),
      await t.http.get('/api/markets').expect(401),
      await t.http.get('/api/docs-json').expect(200),
      await t.http.get('/health'),
      await t.http.get(`/api/markets/${session.market.code}/export.csv`).set(auth).expect(200),
    ];
    expect(responses.at(-1)!.headers['content-type']).toMatch(/^text\/csv/);
    for (const response of responses) {
      expect({ url: response.request.url, nosniff: response.headers['x-content-type-options'], cache: response.headers['cache-control'] }).toEqual({
        url: response.request.url,
        nosniff: 'nosniff',
        cache: expect.stringMatching(/(^|, )no-store(,|$)/),
      });
    }
  });

  it('gives the API docs page a CSP: scripts of its own origin only, no framing', async () => {
    const page = await t.http.get('/api/docs').redirects(1).expect(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Swagger UI's page loads every script from a file: none inline that the policy would block.
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    const script = await t.http.get('/api/docs/swagger-ui-init.js').expect(200);
    expect(script.headers['content-security-policy']).toBe(csp);
  });

  it('answers 404 to an answer link with anything added to its token', async () => {
    const { invited } = await a.launch([{}]);
    const [{ token }] = invited;
    await t.http.get(`/s/${token}`).expect(200);
    for (const path of [
      `/s/${token}.extra`,
      `/s/${token}.`,
      `/s/${token}x`,
      `/s/${token}.extra/unsubscribe`,
      `/s/${token}.extra/thanks`,
      `/s/${token.replace('.', '..')}`,
    ]) {
      const response = await t.http.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.text).not.toContain('<form');
    }
    const posted = await t.http.post(`/s/${token}.extra`).type('form').send({ csrf: await a.csrfOf(token), understand_1: '4' });
    expect(posted.status).toBe(404);
    expect(
      await a.counts((await t.dataSource.query(`SELECT wave_id FROM invitations WHERE id = $1`, [invited[0].id]))[0].wave_id),
    ).toMatchObject({ responses: 0 });
  });

  it('answers 404 to a digest unsubscribe link with anything added to its token', async () => {
    const email = await dashboardHelpers(t).addUser(await t.session());
    const [{ id }] = await t.dataSource.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]);
    const token = digestUnsubscribeToken(t.config.secretKey!, id);
    await t.http.get(`/dashboard/digest/unsubscribe/${token}`).expect(200);
    await t.http.get(`/dashboard/digest/unsubscribe/${token}.extra`).expect(404);
    await t.http.post(`/dashboard/digest/unsubscribe/${token}.extra`).expect(404);
  });
});
