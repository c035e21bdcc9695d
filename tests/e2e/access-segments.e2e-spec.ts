import { createTestApp, type TestApp, type TestSession } from '@changepulse/testing';

describe('segments within market limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function world() {
    const session = await t.session();
    const own = session.market.code;
    const other = (await session.addMarket()).code;
    const admin = await session.auth('admin');
    const segment = async (rules: object) =>
      (await t.http.post('/api/segments').set(admin).send({ name: `Segment ${JSON.stringify(rules)}`, rules }).expect(201)).body as {
        id: string;
        name: string;
      };
    return {
      session,
      own,
      other,
      admin,
      segment,
      ownSegment: await segment({ markets: [own] }),
      otherSegment: await segment({ markets: [other] }),
      everywhere: await segment({ audiences: ['manager'] }),
    };
  }

  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM segments`))[0].n as number;

  it("refuses a change manager limited to one market another market's segments: create, edit, delete (403, nothing written)", async () => {
    const { session, own, other, otherSegment } = await world();
    const limited = await session.auth('change_manager', [own]);
    const before = await count();
    await t.http.post('/api/segments').set(limited).send({ name: 'Theirs', rules: { markets: [other] } }).expect(403);
    await t.http.post('/api/segments').set(limited).send({ name: 'Both', rules: { markets: [own, other] } }).expect(403);
    await t.http.patch(`/api/segments/${otherSegment.id}`).set(limited).send({ name: 'Renamed by DE token' }).expect(403);
    await t.http.delete(`/api/segments/${otherSegment.id}`).set(limited).expect(403);
    expect(await count()).toBe(before);
    const [row] = await t.dataSource.query(`SELECT name FROM segments WHERE id = $1`, [otherSegment.id]);
    expect(row.name).toBe(otherSegment.name);
  });

  it("hides another market's segments from a viewer limited to one market, in the list and directly", async () => {
    const { session, own, ownSegment, otherSegment, everywhere } = await world();
    const limited = await session.auth('viewer', [own]);
    const list = await t.http.get('/api/segments').set(limited).expect(200);
    expect(list.body.map((segment: { id: string }) => segment.id)).toEqual([ownSegment.id]);
    await t.http.get(`/api/segments/${ownSegment.id}`).set(limited).expect(200);
    for (const hidden of [otherSegment, everywhere]) {
      await t.http.get(`/api/segments/${hidden.id}`).set(limited).expect(403);
      await t.http.get(`/api/segments/${hidden.id}/preview`).set(limited).expect(403);
    }
  });

  it('keeps a segment without a market rule, which spans every market, to actors limited to no market', async () => {
    const { session, own, ownSegment, everywhere } = await world();
    const limited = await session.auth('change_manager', [own]);
    const refused = await t.http.post('/api/segments').set(limited).send({ name: 'Everyone', rules: { audiences: ['manager'] } }).expect(403);
    expect(refused.body.message).toContain('every market');
    // Dropping its own segment's market rule would widen it to every market.
    await t.http.patch(`/api/segments/${ownSegment.id}`).set(limited).send({ rules: { audiences: ['manager'] } }).expect(403);
    await t.http.patch(`/api/segments/${everywhere.id}`).set(limited).send({ name: 'Mine now' }).expect(403);
    await t.http.patch(`/api/segments/${ownSegment.id}`).set(limited).send({ rules: { markets: [own], audiences: ['manager'] } }).expect(200);
    await t.http.post('/api/segments').set(await session.auth('change_manager')).send({ name: 'Everyone', rules: { audiences: ['manager'] } }).expect(201);
  });

  describe('deleting a segment', () => {
    async function surveyUsing(session: TestSession, segment: string, title: string) {
      const body = {
        kind: 'baseline',
        title,
        market: session.market.code,
        segment,
        channels: ['email'],
        opensAt: '2030-03-02T08:00:00Z',
        closesAt: '2030-03-16T17:00:00Z',
      };
      return (await t.http.post('/api/surveys').set(await session.auth()).send(body).expect(201)).body as { id: string };
    }

    it('answers 409 naming the survey that uses it, and keeps it', async () => {
      const { session, admin, ownSegment } = await world();
      await surveyUsing(session, ownSegment.id, 'Spring baseline');
      const refused = await t.http.delete(`/api/segments/${ownSegment.id}`).set(admin).expect(409);
      expect(refused.body.message).toBe(`Segment "${ownSegment.name}" is used by the survey "Spring baseline"; it cannot be deleted`);
      await t.http.get(`/api/segments/${ownSegment.id}`).set(admin).expect(200);
    });

    it('answers 409 naming a pulse programme that uses it', async () => {
      const { session, admin, ownSegment } = await world();
      const programme = { market: session.market.code, name: 'Weekly managers', segment: ownSegment.id, rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2030-03-04' };
      await t.http.post('/api/pulse-programmes').set(admin).send(programme).expect(201);
      const refused = await t.http.delete(`/api/segments/${ownSegment.id}`).set(admin).expect(409);
      expect(refused.body.message).toContain('the pulse programme "Weekly managers"');
    });

    it('names the newest users and counts the rest when many use it', async () => {
      const { session, admin, ownSegment } = await world();
      for (const title of ['First', 'Second', 'Third', 'Fourth', 'Fifth']) await surveyUsing(session, ownSegment.id, title);
      const refused = await t.http.delete(`/api/segments/${ownSegment.id}`).set(admin).expect(409);
      expect(refused.body.message).toMatch(/is used by the survey "\w+", the survey "\w+", the survey "\w+" and 2 more; it cannot be deleted$/);
    });

    it('deletes a segment nothing uses (204)', async () => {
      const { admin, otherSegment } = await world();
      await t.http.delete(`/api/segments/${otherSegment.id}`).set(admin).expect(204);
      await t.http.get(`/api/segments/${otherSegment.id}`).set(admin).expect(404);
    });
  });
});
