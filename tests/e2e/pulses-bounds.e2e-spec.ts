import { SurveysTickService } from '@changepulse/surveys';
import { createTestApp, employeeRow, toCsv, type TestApp, type TestSession } from '@changepulse/testing';

/**
 * Cadences a pulse cannot have: FREQ=SECONDLY once froze the API for ten minutes (every occurrence
 * over 120 days computed inside the update's transaction), and so did any later read of the row.
 */
describe('pulse cadences are bounded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function programme(session: TestSession, body: object = {}) {
    const response = await t.http
      .post('/api/pulse-programmes')
      .set(await session.auth('change_manager'))
      .send({ market: session.market.code, name: 'Weekly pulse', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2026-12-07', ...body })
      .expect(201);
    return response.body as { id: string; rrule: string; tierRrules: Record<string, string>; upcoming: Array<{ date: string }> };
  }

  const stored = async (id: string) => (await t.dataSource.query(`SELECT rrule, tier_rrules, updated_at FROM pulse_programmes WHERE id = $1`, [id]))[0];

  it.each([
    'FREQ=SECONDLY;INTERVAL=1',
    'FREQ=MINUTELY',
    'FREQ=HOURLY;INTERVAL=24',
    'FREQ=DAILY;BYHOUR=0,6,12,18',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=WEEKLY;COUNT=5',
  ])(
    'refuses PATCH rrule %s with 400 naming rrule, and changes nothing',
    async (rrule) => {
      const session = await t.session();
      const created = await programme(session);
      const before = await stored(created.id);
      const response = await t.http.patch(`/api/pulse-programmes/${created.id}`).set(await session.auth('change_manager')).send({ rrule }).expect(400);
      expect(JSON.stringify(response.body.message)).toContain('rrule');
      expect(await stored(created.id)).toEqual(before);
    },
  );

  it('refuses a cadence more often than daily in the per-tier map, naming the tier, on create and on update', async () => {
    const session = await t.session();
    const refused = await t.http
      .post('/api/pulse-programmes')
      .set(await session.auth('change_manager'))
      .send({ market: session.market.code, name: 'x', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2026-12-07', tierRrules: { executive: 'FREQ=SECONDLY' } })
      .expect(400);
    expect(JSON.stringify(refused.body.message)).toContain('tierRrules.executive');
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM pulse_programmes p JOIN markets m ON m.id = p.market_id WHERE m.code = $1`,
      [session.market.code],
    );
    expect(count).toBe(0);

    const created = await programme(session);
    const before = await stored(created.id);
    const response = await t.http
      .patch(`/api/pulse-programmes/${created.id}`)
      .set(await session.auth('change_manager'))
      .send({ tierRrules: { manager: 'FREQ=WEEKLY', telemarketer: 'FREQ=MINUTELY;INTERVAL=5' } })
      .expect(400);
    expect(JSON.stringify(response.body.message)).toContain('tierRrules.telemarketer');
    expect(await stored(created.id)).toEqual(before);
  });

  it('refuses a cadence that never gives a date, naming the field', async () => {
    const session = await t.session();
    const created = await programme(session);
    const response = await t.http
      .patch(`/api/pulse-programmes/${created.id}`)
      .set(await session.auth('change_manager'))
      .send({ rrule: 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30' })
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(/rrule: .*gives no date/);
  });

  it('accepts the cadences a pulse can have', async () => {
    const session = await t.session();
    const created = await programme(session, { startsOn: '2027-01-04' });
    for (const rrule of [
      'FREQ=DAILY;INTERVAL=14',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      'FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO;UNTIL=20281231',
    ]) {
      const response = await t.http.patch(`/api/pulse-programmes/${created.id}`).set(await session.auth('change_manager')).send({ rrule }).expect(200);
      expect(response.body.rrule).toBe(rrule);
    }
    const last = await t.http.get(`/api/pulse-programmes/${created.id}`).set(await session.auth('viewer')).expect(200);
    expect(last.body.upcoming.map((round: { date: string }) => round.date).slice(0, 2)).toEqual(['2027-01-04', '2027-04-05']);
  });

  it('reads and ticks a programme stored with FREQ=SECONDLY before the check: no rounds from it, nothing frozen', async () => {
    const session = await t.session();
    await session.importCsv(toCsv([employeeRow(session.market.code, { audience: 'manager' }), employeeRow(session.market.code, { audience: 'executive' })]));
    const created = await programme(session, { startsOn: '2026-11-02' });
    // As rows written before this fix may be: every cadence at its worst.
    await t.dataSource.query(`UPDATE pulse_programmes SET rrule = 'FREQ=SECONDLY;INTERVAL=1', tier_rrules = $2 WHERE id = $1`, [
      created.id,
      JSON.stringify({ executive: 'FREQ=MINUTELY', manager: 'FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23' }),
    ]);
    const list = await t.http.get('/api/pulse-programmes').set(await session.auth('viewer')).expect(200);
    const listed = list.body.find((item: { id: string }) => item.id === created.id);
    expect(listed.rrule).toBe('FREQ=SECONDLY;INTERVAL=1');
    expect(listed.upcoming).toEqual([]);
    const one = await t.http.get(`/api/pulse-programmes/${created.id}`).set(await session.auth('viewer')).expect(200);
    expect(one.body.upcoming).toEqual([]);

    const tick = t.app.get(SurveysTickService);
    await tick.tick(new Date('2026-11-03T12:00:00Z'));
    const [{ rounds }] = await t.dataSource.query(`SELECT count(*)::int AS rounds FROM survey_waves WHERE programme_id = $1`, [created.id]);
    expect(rounds).toBe(0);

    // A name change leaves the stored cadence be; a new, daily one replaces it and shows at most six next rounds.
    await t.http.patch(`/api/pulse-programmes/${created.id}`).set(await session.auth('change_manager')).send({ name: 'Renamed' }).expect(200);
    const fixed = await t.http
      .patch(`/api/pulse-programmes/${created.id}`)
      .set(await session.auth('change_manager'))
      .send({ rrule: 'FREQ=DAILY', tierRrules: {} })
      .expect(200);
    expect(fixed.body.upcoming).toHaveLength(6);
  });

  it('shows at most six next rounds of a daily programme', async () => {
    const session = await t.session();
    const created = await programme(session, { rrule: 'FREQ=DAILY', tierRrules: { executive: 'FREQ=DAILY;INTERVAL=2' } });
    expect(created.upcoming.map((round) => round.date)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']);
  });
});
