import { createTestApp, employeeRow, toCsv, type CsvRow, type TestApp, type TestSession } from '@changepulse/testing';

type Query = Record<string, string | number | boolean>;

describe('employee list (GET /api/employees)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  function list(auth: { Authorization: string }, query: Query) {
    return t.http.get('/api/employees').query(query).set(auth);
  }

  /** The employee ids of one page, in the order the API gives them. */
  async function idsOf(session: TestSession, query: Query): Promise<string[]> {
    const response = await list(await session.auth(), query).expect(200);
    return response.body.items.map((item: { employeeId: string }) => item.employeeId);
  }

  /** Imports rows and answers their employee ids in the order given. */
  async function seed(session: TestSession, rows: CsvRow[]): Promise<string[]> {
    await session.importCsv(toCsv(rows));
    return rows.map((row) => row.employee_id!);
  }

  it('lists the people of the market asked for, in name order, with a total', async () => {
    const session = await t.session();
    const other = await session.addMarket();
    const here = await seed(session, [employeeRow(session.market.code, { last_name: 'Bauer' }), employeeRow(session.market.code, { last_name: 'Adler' })]);
    const there = await seed(session, [employeeRow(other.code)]);

    const response = await list(await session.auth(), { market: session.market.code }).expect(200);

    expect(response.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(response.body.items.map((item: { employeeId: string }) => item.employeeId)).toEqual([here[1], here[0]]);
    expect(await idsOf(session, { market: other.code })).toEqual(there);
  });

  it('filters by audience tier', async () => {
    const session = await t.session();
    const market = session.market.code;
    const [boss] = await seed(session, [employeeRow(market, { audience: 'manager' }), employeeRow(market, { audience: 'telemarketer' })]);
    expect(await idsOf(session, { market, audience: 'manager' })).toEqual([boss]);
    expect(await idsOf(session, { market, audience: 'executive' })).toEqual([]);
  });

  it('filters by department', async () => {
    const session = await t.session();
    const market = session.market.code;
    const [seller] = await seed(session, [employeeRow(market, { department: 'Sales' }), employeeRow(market, { department: 'Customer Service' })]);
    expect(await idsOf(session, { market, department: 'Sales' })).toEqual([seller]);
  });

  it("lists a manager's direct reports, not the reports of their reports", async () => {
    const session = await t.session();
    const market = session.market.code;
    const boss = employeeRow(market, { last_name: 'Boss' });
    const lead = employeeRow(market, { last_name: 'Lead', manager_id: boss.employee_id });
    const peer = employeeRow(market, { last_name: 'Peer', manager_id: boss.employee_id });
    const agent = employeeRow(market, { last_name: 'Agent', manager_id: lead.employee_id });
    await seed(session, [boss, lead, peer, agent]);

    const response = await list(await session.auth(), { manager: boss.employee_id! }).expect(200);

    expect(response.body.total).toBe(2);
    expect(response.body.items.map((item: { employeeId: string; managerId: string }) => [item.employeeId, item.managerId])).toEqual([
      [lead.employee_id, boss.employee_id],
      [peer.employee_id, boss.employee_id],
    ]);
    expect(await idsOf(session, { manager: lead.employee_id! })).toEqual([agent.employee_id]);
  });

  it('searches first name, last name, full name, email and employee id, ignoring case', async () => {
    const session = await t.session();
    const market = session.market.code;
    const [zoe] = await seed(session, [
      employeeRow(market, { first_name: 'Zenobia', last_name: 'Quartermaine', email: `zq.${market.toLowerCase()}@example.com` }),
      employeeRow(market, { first_name: 'Anna', last_name: 'Schmidt' }),
    ]);
    for (const q of ['zenobia', 'QUARTERMAINE', 'Zenobia quarterm', `ZQ.${market}@`, zoe.toLowerCase()]) {
      expect({ q, ids: await idsOf(session, { market, q }) }).toEqual({ q, ids: [zoe] });
    }
    expect(await idsOf(session, { market, q: 'nobody-like-this' })).toEqual([]);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const session = await t.session();
    const market = session.market.code;
    const [underscored] = await seed(session, [employeeRow(market, { last_name: 'Under_score' }), employeeRow(market, { last_name: 'Underxscore' })]);
    expect(await idsOf(session, { market, q: 'under_' })).toEqual([underscored]);
    expect(await idsOf(session, { market, q: '%' })).toEqual([]);
  });

  it('shows active people by default, leavers with status=leaver and both with status=all', async () => {
    const session = await t.session();
    const market = session.market.code;
    const [active, leaver] = await seed(session, [employeeRow(market, { last_name: 'Active' }), employeeRow(market, { last_name: 'Leaver', status: 'leaver' })]);
    expect(await idsOf(session, { market })).toEqual([active]);
    expect(await idsOf(session, { market, status: 'active' })).toEqual([active]);
    expect(await idsOf(session, { market, status: 'leaver' })).toEqual([leaver]);
    expect(await idsOf(session, { market, status: 'all' })).toEqual([active, leaver]);
  });

  it('filters by customerFacing', async () => {
    const session = await t.session();
    const market = session.market.code;
    const [facing, backstage] = await seed(session, [employeeRow(market, { customer_facing: 'true' }), employeeRow(market, { customer_facing: 'false' })]);
    expect(await idsOf(session, { market, customerFacing: true })).toEqual([facing]);
    expect(await idsOf(session, { market, customerFacing: false })).toEqual([backstage]);
  });

  it('pages through the list with the same total on every page', async () => {
    const session = await t.session();
    const market = session.market.code;
    const rows = ['Gamma', 'Alpha', 'Eta', 'Beta', 'Zeta', 'Delta', 'Epsilon'].map((last_name) => employeeRow(market, { last_name }));
    await seed(session, rows);
    const inNameOrder = [...rows].sort((a, b) => a.last_name!.localeCompare(b.last_name!)).map((row) => row.employee_id);

    const pages = [];
    for (const page of [1, 2, 3, 4]) pages.push((await list(await session.auth(), { market, page, pageSize: 3 }).expect(200)).body);

    expect(pages.map(({ total, page, pageSize }) => ({ total, page, pageSize }))).toEqual([1, 2, 3, 4].map((page) => ({ total: 7, page, pageSize: 3 })));
    expect(pages.map(({ items }) => items.length)).toEqual([3, 3, 1, 0]);
    expect(pages.flatMap(({ items }) => items.map((item: { employeeId: string }) => item.employeeId))).toEqual(inNameOrder);
  });

  it('answers an empty page with the true total for a page past the end, and 400 for an absurd page', async () => {
    const session = await t.session();
    const market = session.market.code;
    await seed(session, [employeeRow(market), employeeRow(market)]);
    for (const page of ['3', '1000000']) {
      const response = await list(await session.auth(), { market, page, pageSize: 1 }).expect(200);
      expect(response.body).toEqual({ items: [], total: 2, page: Number(page), pageSize: 1 });
    }
    const absurd = await list(await session.auth(), { market, page: '1e20', pageSize: 1 }).expect(400);
    expect(JSON.stringify(absurd.body.message)).toContain('page');
  });

  it.each([
    [{ pageSize: 0 }, 'pageSize'],
    [{ pageSize: 501 }, 'pageSize'],
    [{ page: 0 }, 'page'],
    [{ page: 'first' }, 'page'],
    [{ audience: 'Bad Key' }, 'audience'],
    [{ market: 'not a code' }, 'market'],
    [{ status: 'retired' }, 'status'],
    [{ customerFacing: 'maybe' }, 'customerFacing'],
    [{ nickname: 'Al' }, 'nickname'],
  ] as Array<[Query, string]>)('answers 400 naming the parameter for %j', async (query, parameter) => {
    const session = await t.session();
    const response = await list(await session.auth(), query).expect(400);
    expect(response.body.message).toEqual(expect.arrayContaining([expect.stringContaining(parameter)]));
  });

  it("returns one employee by employee id, with the market's locale and time zone when the person has none", async () => {
    const session = await t.session();
    const market = session.market.code;
    const boss = employeeRow(market, { locale: 'fr-FR', timezone: 'Europe/Paris', slack_user_id: 'U0BOSS123' });
    const person = employeeRow(market, { first_name: 'Anna', last_name: 'Schmidt', manager_id: boss.employee_id });
    await seed(session, [boss, person]);

    const response = await t.http
      .get(`/api/employees/${person.employee_id}`)
      .set(await session.auth('viewer'))
      .expect(200);

    expect(response.body).toEqual({
      employeeId: person.employee_id,
      email: person.email,
      firstName: 'Anna',
      lastName: 'Schmidt',
      market,
      department: 'Customer Service',
      jobTitle: 'Agent',
      audience: 'telemarketer',
      managerId: boss.employee_id,
      slackUserId: null,
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
      hireDate: '2022-03-01',
      status: 'active',
      customerFacing: true,
    });
    const bossResponse = await t.http
      .get(`/api/employees/${boss.employee_id}`)
      .set(await session.auth())
      .expect(200);
    expect(bossResponse.body).toMatchObject({ locale: 'fr-FR', timezone: 'Europe/Paris', slackUserId: 'U0BOSS123', managerId: null });
  });

  it('answers 404 for an employee id nobody has', async () => {
    const session = await t.session();
    const response = await t.http
      .get('/api/employees/NOBODY-404')
      .set(await session.auth())
      .expect(404);
    expect(response.body.message).toContain('NOBODY-404');
  });

  it('shows a token limited to one market only the people of that market', async () => {
    const session = await t.session();
    const other = await session.addMarket();
    const [mine] = await seed(session, [employeeRow(session.market.code)]);
    const [theirs] = await seed(session, [employeeRow(other.code)]);
    const limited = await session.auth('viewer', [session.market.code]);

    const all = await list(limited, {}).expect(200);
    expect(all.body).toMatchObject({ total: 1, items: [{ employeeId: mine }] });
    const asked = await list(limited, { market: other.code }).expect(200);
    expect(asked.body).toMatchObject({ total: 0, items: [] });
    await t.http.get(`/api/employees/${mine}`).set(limited).expect(200);
    const refused = await t.http.get(`/api/employees/${theirs}`).set(limited).expect(403);
    expect(refused.body.message).toContain(other.code);
  });

  it('answers 403 to a leader token and 401 without a token', async () => {
    const session = await t.session();
    const [someone] = await seed(session, [employeeRow(session.market.code)]);
    await list(await session.auth('leader'), {}).expect(403);
    await t.http
      .get(`/api/employees/${someone}`)
      .set(await session.auth('leader'))
      .expect(403);
    await t.http.get('/api/employees').expect(401);
    await t.http.get(`/api/employees/${someone}`).expect(401);
  });
});
