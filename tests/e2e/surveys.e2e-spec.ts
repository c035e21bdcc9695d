import { createTestApp, employeeRow, toCsv, type TestApp, type TestSession } from '@changepulse/testing';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('survey waves', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A market with `size` telemarketers in Customer Service and 3 managers in Finance. */
  async function market(size = 8): Promise<TestSession> {
    const session = await t.session();
    const m = session.market.code;
    await session.importCsv(
      toCsv([
        ...Array.from({ length: size }, () => employeeRow(m)),
        ...Array.from({ length: 3 }, () => employeeRow(m, { audience: 'manager', department: 'Finance' })),
        employeeRow(m, { status: 'leaver' }),
      ]),
    );
    return session;
  }

  const create = async (session: TestSession, body: object = {}, status = 201) =>
    t.http
      .post('/api/surveys')
      .set(await session.auth('change_manager'))
      .send({ kind: 'baseline', market: session.market.code, channels: ['email'], opensAt: inDays(0), closesAt: inDays(14), ...body })
      .expect(status);

  it('lists the instrument: five values with three items each, readiness and a comment, in English and German', async () => {
    const session = await t.session();
    const { body } = await t.http.get('/api/instruments').set(await session.auth()).expect(200);
    const [instrument] = body;
    expect(instrument).toMatchObject({ key: 'crm-leadership', version: 1 });
    const codes = instrument.items.map((item: { code: string }) => item.code);
    for (const value of ['understand', 'analyze', 'relate', 'invent', 'enable']) {
      expect(codes).toEqual(expect.arrayContaining([`${value}_1`, `${value}_2`, `${value}_3`]));
    }
    expect(codes).toEqual(expect.arrayContaining(['readiness_people_1', 'readiness_process_1', 'readiness_technology_1', 'comment']));
    for (const item of instrument.items) expect(Object.keys(item.text)).toEqual(expect.arrayContaining(['en', 'de']));
  });

  it('creates a baseline draft asking every item, with a reminder two days before closing', async () => {
    const session = await market();
    const closesAt = inDays(14);
    const { body } = await create(session, { closesAt });
    expect(body).toMatchObject({ kind: 'baseline', status: 'draft', market: session.market.code, invited: 0, responded: 0, responseRate: 0 });
    expect(body.items).toHaveLength(22);
    expect(body.reminders).toEqual([new Date(Date.parse(closesAt) - 2 * 86_400_000).toISOString()]);
  });

  it('launches: invites the active people of the market, once, and counts them per tier and department', async () => {
    const session = await market(8);
    const { body: draft } = await create(session);
    const { body } = await t.http.post(`/api/surveys/${draft.id}/launch`).set(await session.auth('change_manager')).expect(200);
    expect(body).toMatchObject({ status: 'open', invited: 11, responded: 0 });
    // Three managers alone would be a group under the threshold: hidden, and Customer Service with it.
    expect(body.byTier).toEqual([{ key: 'manager', suppressed: true }, { key: 'telemarketer', suppressed: true }]);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM deliveries d JOIN invitations i ON i.id = d.invitation_id WHERE i.wave_id = $1`, [draft.id]);
    expect(count).toBe(22); // an invitation and a reminder each
    await t.http.post(`/api/surveys/${draft.id}/launch`).set(await session.auth()).expect(409);
  });

  it('shows response rates of groups at or above the threshold, hiding the next-smallest beside a small one', async () => {
    const session = await market(6);
    await session.importCsv(toCsv(Array.from({ length: 8 }, () => employeeRow(session.market.code, { department: 'Sales' }))));
    const { body: draft } = await create(session);
    await t.http.post(`/api/surveys/${draft.id}/launch`).set(await session.auth()).expect(200);
    await t.dataSource.query(
      `DELETE FROM unanswered_invitations WHERE invitation_id IN (SELECT id FROM invitations WHERE wave_id = $1 AND department = 'Sales' LIMIT 4)`,
      [draft.id],
    );
    const { body } = await t.http.get(`/api/surveys/${draft.id}`).set(await session.auth('viewer')).expect(200);
    expect(body).toMatchObject({ invited: 17, responded: 4, responseRate: 4 / 17 });
    expect(body.byDepartment).toEqual([
      { key: 'Customer Service', suppressed: true },
      { key: 'Finance', suppressed: true },
      { key: 'Sales', invited: 8, responded: 4, responseRate: 0.5 },
    ]);
    expect(body.byTier).toEqual([
      { key: 'manager', suppressed: true },
      { key: 'telemarketer', suppressed: true },
    ]);
  });

  it('closes: erases who was invited, cancels unsent mails, and refuses a second close', async () => {
    const session = await market();
    const { body: draft } = await create(session);
    await t.http.post(`/api/surveys/${draft.id}/launch`).set(await session.auth()).expect(200);
    const { body } = await t.http.post(`/api/surveys/${draft.id}/close`).set(await session.auth()).expect(200);
    expect(body).toMatchObject({ status: 'closed', invited: 11 });
    const [{ linked }] = await t.dataSource.query(`SELECT count(employee_id)::int AS linked FROM invitations WHERE wave_id = $1`, [draft.id]);
    expect(linked).toBe(0);
    const [{ queued }] = await t.dataSource.query(`SELECT count(*)::int AS queued FROM deliveries d JOIN invitations i ON i.id = d.invitation_id WHERE i.wave_id = $1 AND d.status = 'queued'`, [draft.id]);
    expect(queued).toBe(0);
    await t.http.post(`/api/surveys/${draft.id}/close`).set(await session.auth()).expect(409);
  });

  it.each([
    ['kind', { kind: 'census' }],
    ['market', { market: 'NOWHERE' }],
    ['channels', { channels: ['fax'] }],
    ['channels', { channels: ['slack'] }],
    ['opensAt', { opensAt: 'tomorrow' }],
    ['closesAt', { closesAt: inDays(-1) }],
    ['items', { items: ['understand_1'] }],
    ['segment', { segment: '00000000-0000-4000-8000-000000000000' }],
    ['reminders', { reminders: [inDays(30)] }],
  ])('refuses a bad %s with 400 naming it, and saves nothing', async (field, body) => {
    const session = await market(1);
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM survey_waves`);
    const response = await create(session, body, 400);
    expect(JSON.stringify(response.body.message)).toContain(field);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM survey_waves`)).toEqual(before);
  });

  it('keeps leaders to their markets and away from launching', async () => {
    const session = await market(1);
    const other = await market(1);
    const { body: draft } = await create(session);
    const leader = await session.auth('leader', [other.market.code]);
    await t.http.get(`/api/surveys/${draft.id}`).set(leader).expect(403);
    await t.http.post(`/api/surveys/${draft.id}/launch`).set(await session.auth('leader')).expect(403);
    const list = await t.http.get('/api/surveys').set(leader).expect(200);
    expect(list.body.map((wave: { id: string }) => wave.id)).not.toContain(draft.id);
  });
});
