import { createTestApp, employeeRow, toCsv, type TestApp } from '@changepulse/testing';

// The ladder is shared by the whole database, so this file works on it in order.
describe('audience tiers', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await (await t.session()).auth();
  });
  afterAll(() => t.close());

  const keys = async () => (await t.http.get('/api/tiers').set(admin).expect(200)).body.map((tier: { key: string }) => tier.key);

  it('starts with the programme ladder, executives on top', async () => {
    const { body } = await t.http.get('/api/tiers').set(admin).expect(200);
    expect(body).toEqual([
      { key: 'executive', name: 'Executives', rank: 1, activeEmployees: 0 },
      { key: 'manager', name: 'Managers', rank: 2, activeEmployees: 0 },
      { key: 'back_office', name: 'Back office', rank: 3, activeEmployees: 0 },
      { key: 'telemarketer', name: 'Telemarketers', rank: 4, activeEmployees: 0 },
    ]);
  });

  it('adds a tier at a given rank and shifts the ones below', async () => {
    const created = await t.http.post('/api/tiers').set(admin).send({ key: 'field_sales', name: 'Field sales', rank: 3 }).expect(201);
    expect(created.body).toEqual({ key: 'field_sales', name: 'Field sales', rank: 3, activeEmployees: 0 });
    expect(await keys()).toEqual(['executive', 'manager', 'field_sales', 'back_office', 'telemarketer']);
  });

  it('moves and renames a tier', async () => {
    await t.http.patch('/api/tiers/field_sales').set(admin).send({ rank: 5, name: 'Sales in the field' }).expect(200);
    expect(await keys()).toEqual(['executive', 'manager', 'back_office', 'telemarketer', 'field_sales']);
    const { body } = await t.http.get('/api/tiers').set(admin).expect(200);
    expect(body.map((tier: { rank: number }) => tier.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reorders the whole ladder, and refuses an order that misses a tier', async () => {
    await t.http.put('/api/tiers/order').set(admin).send({ keys: ['executive', 'manager', 'field_sales', 'back_office', 'telemarketer'] }).expect(200);
    expect(await keys()).toEqual(['executive', 'manager', 'field_sales', 'back_office', 'telemarketer']);
    const refused = await t.http.put('/api/tiers/order').set(admin).send({ keys: ['executive', 'manager'] }).expect(400);
    expect(refused.body.message).toMatch(/^keys: /);
  });

  it('refuses a duplicate key (409) and a malformed key (400)', async () => {
    await t.http.post('/api/tiers').set(admin).send({ key: 'manager', name: 'Again' }).expect(409);
    const bad = await t.http.post('/api/tiers').set(admin).send({ key: 'Field Sales', name: 'x' }).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('key');
  });

  it('refuses to remove a tier that still has people, removes an empty one and closes the gap', async () => {
    const session = await t.session();
    await session.importCsv(toCsv([employeeRow(session.market.code, { audience: 'field_sales' })]));
    const refused = await t.http.delete('/api/tiers/field_sales').set(admin).expect(409);
    expect(refused.body.message).toContain('1 employees');
    await t.http.post('/api/tiers').set(admin).send({ key: 'interns', name: 'Interns', rank: 1 }).expect(201);
    await t.http.delete('/api/tiers/interns').set(admin).expect(204);
    const { body } = await t.http.get('/api/tiers').set(admin).expect(200);
    expect(body.map((tier: { rank: number }) => tier.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(body.find((tier: { key: string }) => tier.key === 'field_sales').activeEmployees).toBe(1);
    await t.http.delete('/api/tiers/nope').set(admin).expect(404);
  });
});
