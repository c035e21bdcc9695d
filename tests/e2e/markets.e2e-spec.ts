import { createTestApp, uniqueCode, type TestApp } from '@changepulse/testing';

describe('markets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const market = (overrides: object = {}) => ({ code: uniqueCode('X'), name: 'Austria', timezone: 'Europe/Vienna', locale: 'de-at', role: 'control', ...overrides });

  it('creates, reads, lists and updates a market', async () => {
    const session = await t.session();
    const admin = await session.auth();
    const body = market();
    const created = await t.http.post('/api/markets').set(admin).send(body).expect(201);
    expect(created.body).toMatchObject({ code: body.code, name: 'Austria', timezone: 'Europe/Vienna', locale: 'de-AT', role: 'control', controls: [], activeEmployees: 0 });
    await t.http.get(`/api/markets/${body.code}`).set(admin).expect(200, created.body);
    const list = await t.http.get('/api/markets').set(admin).expect(200);
    expect(list.body.map((m: { code: string }) => m.code)).toContain(body.code);
    const updated = await t.http.patch(`/api/markets/${body.code}`).set(admin).send({ name: 'Österreich' }).expect(200);
    expect(updated.body).toMatchObject({ code: body.code, name: 'Österreich', role: 'control' });
  });

  it('lets a pilot list its control markets, and refuses controls that are not control markets', async () => {
    const session = await t.session();
    const admin = await session.auth();
    const control = await session.addMarket({ role: 'control' });
    const other = await session.addMarket({ role: 'other' });
    const pilot = market({ role: 'pilot', controls: [control.code] });
    await t.http.post('/api/markets').set(admin).send(pilot).expect(201);
    const refused = await t.http.post('/api/markets').set(admin).send(market({ role: 'pilot', controls: [other.code] })).expect(400);
    expect(refused.body.message).toMatch(/^controls: .* not a control market/);
    const unknown = await t.http.post('/api/markets').set(admin).send(market({ role: 'pilot', controls: ['NOPE'] })).expect(400);
    expect(unknown.body.message).toMatch(/^controls: no market with code NOPE/);
    const notPilot = await t.http.post('/api/markets').set(admin).send(market({ role: 'other', controls: [control.code] })).expect(400);
    expect(notPilot.body.message).toMatch(/^controls: only a pilot/);
    // A control in use cannot quietly stop being one.
    const inUse = await t.http.patch(`/api/markets/${control.code}`).set(admin).send({ role: 'other' }).expect(409);
    expect(inUse.body.message).toContain(pilot.code);
  });

  it('allows several pilots at once', async () => {
    const session = await t.session();
    const admin = await session.auth();
    await t.http.post('/api/markets').set(admin).send(market({ role: 'pilot' })).expect(201);
    await t.http.post('/api/markets').set(admin).send(market({ role: 'pilot' })).expect(201);
  });

  it.each([
    ['timezone', { timezone: 'Mars/Olympus' }],
    ['timezone', { timezone: 'CET-ish' }],
    ['locale', { locale: 'not a locale' }],
    ['code', { code: 'de' }],
    ['role', { role: 'test' }],
    ['name', { name: '' }],
    ['controls', { role: 'pilot', controls: 'AT' }],
  ])('refuses a bad %s with 400 naming it', async (field, overrides) => {
    const session = await t.session();
    const response = await t.http.post('/api/markets').set(await session.auth()).send(market(overrides)).expect(400);
    expect(JSON.stringify(response.body.message)).toContain(field);
  });

  it('refuses unknown fields with 400 naming them, and writes nothing', async () => {
    const session = await t.session();
    const body = market({ colour: 'blue' });
    const response = await t.http.post('/api/markets').set(await session.auth()).send(body).expect(400);
    expect(response.body.message).toContain('property colour should not exist');
    await t.http.get(`/api/markets/${body.code}`).set(await session.auth()).expect(404);
  });

  it('refuses a second market with the same code with 409', async () => {
    const session = await t.session();
    const response = await t.http.post('/api/markets').set(await session.auth()).send(market({ code: session.market.code })).expect(409);
    expect(response.body.message).toMatch(/^code: /);
  });

  it('answers 404 for an unknown market, and 400 for malformed JSON', async () => {
    const session = await t.session();
    const admin = await session.auth();
    await t.http.get('/api/markets/ZZZZ').set(admin).expect(404);
    await t.http.patch('/api/markets/ZZZZ').set(admin).send({ name: 'x' }).expect(404);
    const broken = await t.http.post('/api/markets').set(admin).set('Content-Type', 'application/json').send('{"code": ').expect(400);
    expect(broken.body.statusCode).toBe(400);
  });

  it('refuses to change a market code through PATCH', async () => {
    const session = await t.session();
    const response = await t.http.patch(`/api/markets/${session.market.code}`).set(await session.auth()).send({ code: 'NEW' }).expect(400);
    expect(response.body.message).toContain('property code should not exist');
  });
});
