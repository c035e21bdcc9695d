import { signInProof } from '@changepulse/access';
import { createTestApp, type TestApp } from '@changepulse/testing';
import { dashboardHelpers, setCookies } from './dashboard-helpers';

// Rows are found by their secret the way the product stores it: the SHA-256 hex of it.
const BY_SECRET = `token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`;
const secretOf = (cookie: { Cookie: string }) => cookie.Cookie.slice('cp_session='.length);

/** Sign-in links and sessions over HTTP: single use, expiry, the cookie's flags, reads only. */
describe('dashboard sign-in links and sessions', () => {
  let t: TestApp;
  let h: ReturnType<typeof dashboardHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    h = dashboardHelpers(t);
  });
  afterAll(() => t.close());

  it('sends signed-out visitors of the dashboard to the sign-in page', async () => {
    const response = await t.http.get('/dashboard').expect(303);
    expect(response.headers.location).toBe('/dashboard/sign-in');
    await t.http.get('/dashboard/markets/DE').expect(303);
    const form = await t.http.get('/dashboard/sign-in').expect(200);
    expect(form.text).toContain('<form method="post" action="/dashboard/sign-in">');
    expect(form.headers['content-security-policy']).not.toContain('script-src');
  });

  it('does not use a link up when it is only opened, as mail scanners do; the button does, once', async () => {
    const session = await t.session();
    const token = await h.linkToken(await h.addUser(session, { name: 'Anna Schmidt' }));
    for (let i = 0; i < 2; i++) {
      const page = await t.http.get(`/dashboard/sign-in/${token}`).expect(200);
      expect(page.text).toContain('Sign in as Anna Schmidt?');
      expect(page.text).toContain(`<form method="post" action="/dashboard/sign-in/${token}">`);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
    }
    const opened = await h.openLink(token);
    const signedIn = await h.press(token, 303, opened);
    expect(signedIn.headers.location).toBe('/dashboard');
    const again = await h.press(token, 410, opened);
    expect(again.text).toContain('This sign-in link was already used');
    await t.http.get(`/dashboard/sign-in/${token}`).expect(410);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, for the whole site, and keeps only its hash', async () => {
    const session = await t.session();
    const token = await h.linkToken(await h.addUser(session));
    const response = await h.press(token, 303);
    const [cookie] = setCookies(response.headers);
    expect(cookie).toMatch(/^cp_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax$/);
    const secret = cookie.slice('cp_session='.length, cookie.indexOf(';'));
    const rows: Array<{ token_hash: string }> = await t.dataSource.query(`SELECT token_hash FROM sessions`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.token_hash.length === 64 && !row.token_hash.includes(secret))).toBe(true);
  });

  it('marks the cookie Secure when the public address is https', async () => {
    const session = await t.session();
    const token = await h.linkToken(await h.addUser(session));
    const before = t.config.appUrl;
    t.config.appUrl = 'https://pulse.example.com';
    try {
      const response = await h.press(token, 303);
      expect(setCookies(response.headers)[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      t.config.appUrl = before;
    }
  });

  it('refuses an expired link with 410 and a way to ask for a new one', async () => {
    const session = await t.session();
    const token = await h.linkToken(await h.addUser(session));
    // Opened in time, pressed too late.
    const opened = await h.openLink(token);
    await t.dataSource.query(`UPDATE sign_in_links SET expires_at = now() - interval '1 second' WHERE ${BY_SECRET}`, [token]);
    const page = await t.http.get(`/dashboard/sign-in/${token}`).expect(410);
    expect(page.text).toContain('This sign-in link has expired');
    expect(page.text).toContain('href="/dashboard/sign-in"');
    await h.press(token, 410, opened);
    const [{ sessions }] = await t.dataSource.query(`SELECT count(*)::int AS sessions FROM sessions WHERE user_id = (SELECT user_id FROM sign_in_links WHERE ${BY_SECRET})`, [token]);
    expect(sessions).toBe(0);
  });

  it('answers 404 to a link it never made', async () => {
    const unknown = 'not-a-link-we-ever-made-0123456789';
    const page = await t.http.get(`/dashboard/sign-in/${unknown}`).expect(404);
    expect(page.text).toContain('We do not know this sign-in link');
    expect(setCookies(page.headers)).toEqual([]);
    // Its page hands out no proof; one made with the server's key still finds no link.
    const binding = 'B'.repeat(43);
    await h.press(unknown, 404, { cookie: `cp_sign_in=${binding}`, proof: signInProof(t.config.secretKey!, binding, unknown) });
  });

  it('lets one of several simultaneous presses sign in', async () => {
    const session = await t.session();
    const token = await h.linkToken(await h.addUser(session));
    const opened = await h.openLink(token);
    const press = () => t.http.post(`/dashboard/sign-in/${token}`).set('Cookie', opened.cookie).type('form').send({ proof: opened.proof });
    const statuses = await Promise.all([1, 2, 3].map(() => press().then((response) => response.status)));
    expect(statuses.sort()).toEqual([303, 410, 410]);
  });

  it('accepts the session cookie for reading the API, never for writing', async () => {
    const session = await t.session();
    const cookie = await h.signIn(await h.addUser(session, { role: 'admin' }));
    await t.http.get('/api/markets').set(cookie).expect(200);
    await t.http.head('/api/markets').set(cookie).expect(200);
    const write = await t.http.post('/api/markets').set(cookie).send({ code: 'ZZ', name: 'Nope', timezone: 'Europe/Berlin', locale: 'de-DE' }).expect(401);
    expect(write.body.message).toMatch(/Authorization: Bearer/);
    await t.http.patch(`/api/markets/${session.market.code}`).set(cookie).send({ name: 'Renamed' }).expect(401);
    // A bearer header wins over the cookie, so a bad token is not rescued by it.
    await t.http.get('/api/markets').set(cookie).set('Authorization', 'Bearer cp_wrong').expect(401);
  });

  it('limits a leader’s session to their markets, as a token is', async () => {
    const session = await t.session();
    const other = await session.addMarket();
    const cookie = await h.signIn(await h.addUser(session, { role: 'leader', markets: [session.market.code] }));
    const list = await t.http.get('/api/markets').set(cookie).expect(200);
    expect(list.body.map((market: { code: string }) => market.code)).toEqual([session.market.code]);
    await t.http.get(`/api/markets/${other.code}`).set(cookie).expect(403);
    await t.http.get('/api/users').set(cookie).expect(403);
  });

  it('ends the session on sign-out: the cookie is cleared and no longer works', async () => {
    const session = await t.session();
    const cookie = await h.signIn(await h.addUser(session));
    await t.http.get('/api/markets').set(cookie).expect(200);
    const out = await t.http.post('/dashboard/sign-out').set(cookie).expect(303);
    expect(out.headers.location).toBe('/dashboard/sign-in');
    expect(setCookies(out.headers)[0]).toMatch(/^cp_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/);
    await t.http.get('/api/markets').set(cookie).expect(401);
    await t.http.get('/dashboard').set(cookie).expect(303);
  });

  it('ends a session when it has been idle too long, or when the user is disabled', async () => {
    const session = await t.session();
    const email = await h.addUser(session);
    const idle = await h.signIn(email);
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE ${BY_SECRET}`, [secretOf(idle)]);
    await t.http.get('/api/markets').set(idle).expect(401);
    const cookie = await h.signIn(email);
    await t.http.get('/api/markets').set(cookie).expect(200);
    const { body: list } = await t.http.get('/api/users').set(await session.auth('admin')).expect(200);
    const user = list.find((item: { email: string }) => item.email === email);
    await t.http.patch(`/api/users/${user.id}`).set(await session.auth('admin')).send({ disabled: true }).expect(200);
    await t.http.get('/api/markets').set(cookie).expect(401);
  });

  it('moves the idle deadline on use, never past seven days after signing in', async () => {
    const session = await t.session();
    const cookie = await h.signIn(await h.addUser(session));
    await t.dataSource.query(`UPDATE sessions SET created_at = now() - interval '6 days 23 hours', last_seen_at = now() - interval '2 hours' WHERE ${BY_SECRET}`, [secretOf(cookie)]);
    await t.http.get('/api/markets').set(cookie).expect(200);
    const [row] = await t.dataSource.query(`SELECT extract(epoch FROM expires_at - now())::int AS left FROM sessions WHERE ${BY_SECRET}`, [secretOf(cookie)]);
    expect(row.left).toBeGreaterThan(3000);
    expect(row.left).toBeLessThanOrEqual(3600);
  });
});
