import { createTestApp, employeeRow, toCsv, type TestApp } from '@changepulse/testing';

describe('segments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A small org: a head, two team leads, their teams; one leaver. */
  async function org() {
    const session = await t.session();
    const m = session.market.code;
    const head = employeeRow(m, { audience: 'executive', department: 'Management', customer_facing: 'false', hire_date: '2015-01-01' });
    const leadA = employeeRow(m, { audience: 'manager', manager_id: head.employee_id, department: 'Customer Service' });
    const leadB = employeeRow(m, { audience: 'manager', manager_id: head.employee_id, department: 'Finance', customer_facing: 'false' });
    const agents = [1, 2, 3].map((i) => employeeRow(m, { manager_id: leadA.employee_id, hire_date: `2024-0${i}-01` }));
    const clerk = employeeRow(m, { audience: 'back_office', manager_id: leadB.employee_id, department: 'Finance', customer_facing: 'false' });
    const leaver = employeeRow(m, { manager_id: leadA.employee_id, status: 'leaver' });
    await session.importCsv(toCsv([head, leadA, leadB, ...agents, clerk, leaver]));
    return { session, head, leadA, leadB, agents, clerk };
  }

  const create = async (session: Awaited<ReturnType<typeof org>>['session'], rules: object, status = 201) =>
    t.http.post('/api/segments').set(await session.auth('change_manager')).send({ name: 'Segment', rules }).expect(status);

  it('previews the active people a segment holds, with a count and the first page', async () => {
    const { session, agents } = await org();
    const segment = await create(session, { markets: [session.market.code], audiences: ['telemarketer'] });
    const preview = await t.http.get(`/api/segments/${segment.body.id}/preview?pageSize=2`).set(await session.auth('viewer')).expect(200);
    expect(preview.body.count).toBe(3);
    expect(preview.body.total).toBe(3);
    expect(preview.body.items).toHaveLength(2);
    expect(agents.map((a) => a.employee_id)).toEqual(expect.arrayContaining(preview.body.items.map((i: { employeeId: string }) => i.employeeId)));
  });

  it('resolves a manager subtree at every depth, without the manager', async () => {
    const { session, head, leadA, leadB, agents, clerk } = await org();
    const whole = await create(session, { managerSubtree: head.employee_id });
    const all = await t.http.get(`/api/segments/${whole.body.id}/preview?pageSize=100`).set(await session.auth()).expect(200);
    const ids = all.body.items.map((i: { employeeId: string }) => i.employeeId).sort();
    expect(ids).toEqual([leadA, leadB, ...agents, clerk].map((p) => p.employee_id!).sort());
    const team = await create(session, { managerSubtree: leadB.employee_id });
    const teamPreview = await t.http.get(`/api/segments/${team.body.id}/preview`).set(await session.auth()).expect(200);
    expect(teamPreview.body.items.map((i: { employeeId: string }) => i.employeeId)).toEqual([clerk.employee_id]);
  });

  it('combines customer-facing, department and hire-date rules', async () => {
    const { session } = await org();
    const recent = await create(session, { markets: [session.market.code], customerFacing: true, departments: ['Customer Service'], hiredFrom: '2024-02-01', hiredTo: '2024-12-31' });
    const preview = await t.http.get(`/api/segments/${recent.body.id}/preview`).set(await session.auth()).expect(200);
    expect(preview.body.count).toBe(2);
  });

  it('lists, reads, updates and deletes segments', async () => {
    const { session } = await org();
    const auth = await session.auth('change_manager');
    const segment = await create(session, { markets: [session.market.code] });
    await t.http.get(`/api/segments/${segment.body.id}`).set(auth).expect(200, segment.body);
    const updated = await t.http.patch(`/api/segments/${segment.body.id}`).set(auth).send({ name: 'Renamed', rules: { audiences: ['manager'] } }).expect(200);
    expect(updated.body).toMatchObject({ name: 'Renamed', rules: { audiences: ['manager'] } });
    const list = await t.http.get('/api/segments').set(auth).expect(200);
    expect(list.body.map((s: { id: string }) => s.id)).toContain(segment.body.id);
    await t.http.delete(`/api/segments/${segment.body.id}`).set(auth).expect(204);
    await t.http.get(`/api/segments/${segment.body.id}`).set(auth).expect(404);
    await t.http.get('/api/segments/not-a-uuid').set(auth).expect(400);
  });

  it.each([
    ['rules.markets', { markets: ['NOWHERE'] }],
    ['rules.audiences', { audiences: ['astronaut'] }],
    ['rules.managerSubtree', { managerSubtree: 'no-such-person' }],
    ['rules.hiredTo', { hiredFrom: '2025-01-01', hiredTo: '2024-01-01' }],
    ['hiredFrom', { hiredFrom: '2024-13-01' }],
    ['customerFacing', { customerFacing: 'yes' }],
    ['unknownRule', { unknownRule: true }],
  ])('refuses rules with a bad %s (400, field named), and saves nothing', async (field, rules) => {
    const { session } = await org();
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM segments`);
    const response = await create(session, rules, 400);
    expect(JSON.stringify(response.body.message)).toContain(field);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM segments`)).toEqual(before);
  });
});
