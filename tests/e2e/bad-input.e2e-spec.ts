import { createTestApp, employeeRow, type TestApp, type TestSession } from '@changepulse/testing';
import { answerHelpers } from './answer-helpers';
import { nestedJson } from './fuzz-cases';
import { csvOf, importHelpers } from './import-helpers';

/**
 * Input that an outside probe turned into 500s: each must answer 4xx naming the field, and
 * write nothing. (The OpenAPI fuzz covers every other operation the same way.)
 */
describe('bad input', () => {
  let t: TestApp;
  let session: TestSession;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    session = await t.session();
    admin = await session.auth();
  });
  afterAll(() => t.close());

  const message = (body: { message?: unknown }) => JSON.stringify(body.message);
  const count = async (table: string) => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;

  it('refuses a NUL byte in a path parameter with 400 naming it', async () => {
    const response = await t.http.get('/api/markets/%00').set(admin).expect(400);
    expect(message(response.body)).toMatch(/code must not contain a NUL character/);
    await t.http.get(`/api/markets/${session.market.code}%00/progress`).set(admin).expect(400);
  });

  it('refuses a NUL byte in a query parameter with 400 naming it', async () => {
    const response = await t.http.get('/api/employees?q=a%00b').set(admin).expect(400);
    expect(message(response.body)).toMatch(/q must not contain a NUL character/);
  });

  it('refuses a NUL byte in a token name with 400 naming name, and creates no token', async () => {
    const before = await count('api_tokens');
    const response = await t.http.post('/api/tokens').set(admin).send({ name: 'HR\u0000import', role: 'viewer' }).expect(400);
    expect(message(response.body)).toMatch(/name must not contain a NUL character/);
    expect(await count('api_tokens')).toBe(before);
  });

  it('refuses a NUL byte in an answer-page comment with a 400 page naming comment, and records nothing', async () => {
    const answers = answerHelpers(t);
    const { waveId, invited } = await answers.launch([{}]);
    const response = await answers.submit(invited[0].token, { understand_1: '4', comment: 'fine\u0000' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toMatch(/comment must not contain a NUL character/);
    expect(await answers.counts(waveId)).toEqual({ responses: 0, answers: 0, responded: 0 });
    await answers.answer(invited[0].token, { understand_1: '4', comment: 'fine' });
  });

  it('refuses JSON nested deeper than 32 levels with 400, before any validation', async () => {
    const before = await count('segments');
    for (const body of [nestedJson(10_000, 'rules'), nestedJson(10_000)]) {
      const response = await t.http.post('/api/segments').set(admin).set('Content-Type', 'application/json').send(body).expect(400);
      expect(message(response.body)).toMatch(/nested deeper than 32 levels/);
    }
    const inField = await t.http
      .post('/api/segments')
      .set(admin)
      .set('Content-Type', 'application/json')
      .send(`{"name":"Deep","rules":${nestedJson(40, 'markets')}}`);
    expect(inField.status).toBe(400);
    expect(message(inField.body)).toMatch(/^"rules(\.markets)+ is nested deeper/);
    expect(await count('segments')).toBe(before);
  });

  it('refuses POST /api/segments without rules, naming rules', async () => {
    const before = await count('segments');
    for (const rules of [undefined, null, 'DE']) {
      const response = await t.http.post('/api/segments').set(admin).send({ name: 'No rules', rules }).expect(400);
      expect(message(response.body)).toMatch(/rules must be an object/);
    }
    expect(await count('segments')).toBe(before);
  });

  it('refuses controls: null on a market naming controls, and leaves the market as it was', async () => {
    const path = `/api/markets/${session.market.code}`;
    const before = (await t.http.get(path).set(admin).expect(200)).body;
    const response = await t.http.patch(path).set(admin).send({ controls: null }).expect(400);
    expect(message(response.body)).toMatch(/controls/);
    for (const field of ['name', 'timezone', 'locale', 'role']) {
      const refused = await t.http.patch(path).set(admin).send({ [field]: null }).expect(400);
      expect(message(refused.body)).toMatch(new RegExp(field));
    }
    expect((await t.http.get(path).set(admin).expect(200)).body).toEqual(before);
  });

  it('refuses openDays: null on a programme naming openDays, and leaves the programme as it was', async () => {
    const { body: programme } = await t.http
      .post('/api/pulse-programmes')
      .set(admin)
      .send({ market: session.market.code, name: 'Weekly', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2027-01-04' })
      .expect(201);
    const path = `/api/pulse-programmes/${programme.id}`;
    for (const field of ['openDays', 'name', 'localTime', 'itemsPerRound', 'tierRrules', 'active']) {
      const response = await t.http.patch(path).set(admin).send({ [field]: null }).expect(400);
      expect(message(response.body)).toMatch(new RegExp(field));
    }
    expect((await t.http.get(path).set(admin).expect(200)).body).toMatchObject({ openDays: 3, name: 'Weekly', active: true });
  });

  it('refuses a pulse programme that starts on a date that does not exist, naming startsOn', async () => {
    const response = await t.http
      .post('/api/pulse-programmes')
      .set(admin)
      .send({ market: session.market.code, name: 'Never', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2027-02-30' })
      .expect(400);
    expect(message(response.body)).toMatch(/startsOn must be a date that exists/);
  });

  it('refuses null for a field where it means nothing, naming the field (tiers, segments, users)', async () => {
    await t.http.post('/api/tiers').set(admin).send({ key: 'null_probe', name: 'Probe' }).expect(201);
    const { body: segment } = await t.http.post('/api/segments').set(admin).send({ name: 'Probe', rules: { markets: [session.market.code] } }).expect(201);
    const { body: user } = await t.http.post('/api/users').set(admin).send({ email: 'null.probe@example.com', name: 'Probe' }).expect(201);
    const cases: Array<[string, object, RegExp]> = [
      ['/api/tiers/null_probe', { name: null }, /name/],
      [`/api/segments/${segment.id}`, { name: null }, /name/],
      [`/api/segments/${segment.id}`, { rules: null }, /rules/],
      [`/api/segments/${segment.id}`, { rules: { markets: null } }, /rules\.markets/],
      [`/api/users/${user.id}`, { email: null }, /email/],
    ];
    for (const [path, body, field] of cases) {
      const response = await t.http.patch(path).set(admin).send(body);
      expect([path, response.status]).toEqual([path, 400]);
      expect(message(response.body)).toMatch(field);
    }
  });

  it('keeps null where it means something: a segment without description, a user of every market', async () => {
    const { body: segment } = await t.http.post('/api/segments').set(admin).send({ name: 'Described', description: 'text', rules: {} }).expect(201);
    const cleared = await t.http.patch(`/api/segments/${segment.id}`).set(admin).send({ description: null }).expect(200);
    expect(cleared.body.description).toBeNull();
    const { body: user } = await t.http
      .post('/api/users')
      .set(admin)
      .send({ email: 'every.market@example.com', name: 'Every', markets: [session.market.code] })
      .expect(201);
    const everywhere = await t.http.patch(`/api/users/${user.id}`).set(admin).send({ markets: null }).expect(200);
    expect(everywhere.body.markets).toBeNull();
  });

  it('refuses a CSV with a NUL in a name with the same 422 naming row and column on dryRun and on import', async () => {
    const imports = importHelpers(t);
    const market = session.market.code;
    const csv = csvOf(employeeRow(market), employeeRow(market, { first_name: 'An\u0000na' }));
    const dryRun = await imports.post(session, csv, { dryRun: 'true' });
    const real = await imports.post(session, csv);
    expect([dryRun.status, real.status]).toEqual([422, 422]);
    expect(dryRun.body.errors).toEqual([{ row: 3, column: 'first_name', message: 'first_name must not contain a NUL character (\\u0000)' }]);
    expect(real.body).toEqual(dryRun.body);
    expect(await imports.countIn(market)).toBe(0);
  });
});
