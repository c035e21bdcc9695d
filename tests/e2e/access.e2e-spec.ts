import { createTestApp, type TestApp } from '@changepulse/testing';

describe('who may do what', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 with a Bearer challenge when the token is missing', async () => {
    const response = await t.http.get('/api/markets').expect(401);
    expect(response.headers['www-authenticate']).toContain('Bearer');
    expect(response.body.message).toMatch(/Authorization: Bearer/);
  });

  it('answers 401 to an unknown token and to a malformed header', async () => {
    await t.http.get('/api/markets').set('Authorization', 'Bearer cp_not-a-real-token').expect(401);
    await t.http.get('/api/markets').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    await t.http.get('/api/markets').set('Authorization', 'Bearer').expect(401);
  });

  it('answers 401 once a token is revoked', async () => {
    const session = await t.session();
    const admin = await session.auth('admin');
    const created = await t.http.post('/api/tokens').set(admin).send({ name: 'short-lived', role: 'viewer' }).expect(201);
    const viewer = { Authorization: `Bearer ${created.body.token}` };
    await t.http.get('/api/markets').set(viewer).expect(200);
    await t.http.post(`/api/tokens/${created.body.id}/revoke`).set(admin).expect(201);
    await t.http.get('/api/markets').set(viewer).expect(401);
  });

  it('never stores or shows the secret again after creation', async () => {
    const session = await t.session();
    const admin = await session.auth('admin');
    const created = await t.http.post('/api/tokens').set(admin).send({ name: 'listing', role: 'leader', markets: [session.market.code] }).expect(201);
    const list = await t.http.get('/api/tokens').set(admin).expect(200);
    const listed = list.body.find((token: { id: string }) => token.id === created.body.id);
    expect(listed).toMatchObject({ name: 'listing', role: 'leader', markets: [session.market.code] });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const [row] = await t.dataSource.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [created.body.id]);
    expect(row.token_hash).not.toContain(created.body.token.slice(3, 20));
  });

  it.each([
    ['viewer', 'post', '/api/markets'],
    ['leader', 'post', '/api/markets'],
    ['change_manager', 'post', '/api/tiers'],
    ['viewer', 'post', '/api/segments'],
    ['leader', 'get', '/api/employees'],
    ['leader', 'get', '/api/segments'],
    ['viewer', 'post', '/api/employees/import'],
    ['change_manager', 'get', '/api/tokens'],
    ['change_manager', 'post', '/api/tokens'],
  ] as const)('refuses a %s token on %s %s with 403', async (role, method, path) => {
    const session = await t.session();
    const response = await t.http[method](path).set(await session.auth(role)).send({});
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/needs the role/);
  });

  it.each([
    ['admin', 'get', '/api/employees'],
    ['change_manager', 'get', '/api/employees'],
    ['viewer', 'get', '/api/employees'],
    ['leader', 'get', '/api/markets'],
    ['viewer', 'get', '/api/tiers'],
    ['change_manager', 'get', '/api/segments'],
  ] as const)('lets a %s token %s %s', async (role, method, path) => {
    const session = await t.session();
    await t.http[method](path).set(await session.auth(role)).expect(200);
  });

  it('limits a leader to their markets: others are hidden from lists and 403 directly', async () => {
    const session = await t.session();
    const other = await session.addMarket();
    const leader = await session.auth('leader', [session.market.code]);
    const list = await t.http.get('/api/markets').set(leader).expect(200);
    expect(list.body.map((market: { code: string }) => market.code)).toEqual([session.market.code]);
    await t.http.get(`/api/markets/${session.market.code}`).set(leader).expect(200);
    const refused = await t.http.get(`/api/markets/${other.code}`).set(leader).expect(403);
    expect(refused.body.message).toContain(other.code);
  });

  it('rejects a token request naming a bad role, with the field in the message', async () => {
    const session = await t.session();
    const response = await t.http.post('/api/tokens').set(await session.auth()).send({ name: 'x', role: 'superuser' }).expect(400);
    expect(JSON.stringify(response.body.message)).toContain('role');
  });
});
