import { SurveysTickService } from '@changepulse/surveys';
import { createTestApp, employeeRow, toCsv, type CsvRow, type TestApp, type TestSession } from '@changepulse/testing';

/** Pulse programmes and the worker's tick, driven with a chosen "now". */
describe('recurring pulses', () => {
  let t: TestApp;
  let tick: SurveysTickService;
  beforeAll(async () => {
    t = await createTestApp();
    tick = t.app.get(SurveysTickService);
  });
  afterAll(() => t.close());

  async function programme(session: TestSession, body: object = {}) {
    const response = await t.http
      .post('/api/pulse-programmes')
      .set(await session.auth('change_manager'))
      .send({ market: session.market.code, name: 'Weekly pulse', rrule: 'FREQ=WEEKLY;BYDAY=MO', localTime: '09:00', startsOn: '2026-12-07', ...body })
      .expect(201);
    return response.body;
  }

  const rounds = (programmeId: string) =>
    t.dataSource.query(`SELECT id, round_date::text AS date, round_number, item_codes, opens_at, closes_at, status FROM survey_waves WHERE programme_id = $1 ORDER BY round_date`, [programmeId]);

  const invitedIn = async (waveId: string) =>
    (
      await t.dataSource.query(
        `SELECT e.employee_id, d.due_at FROM invitations i JOIN employees e ON e.id = i.employee_id JOIN deliveries d ON d.invitation_id = i.id WHERE i.wave_id = $1 ORDER BY e.employee_id`,
        [waveId],
      )
    ).map((row: { employee_id: string; due_at: Date }) => ({ id: row.employee_id, due: row.due_at.toISOString() }));

  async function people(session: TestSession, rows: CsvRow[]) {
    await session.importCsv(toCsv(rows.map((row) => employeeRow(session.market.code, row))));
  }

  it('lands at 09:00 in each person’s own time zone, in one round per date', async () => {
    const session = await t.session();
    await people(session, [
      { employee_id: `${session.market.code}-berlin`, timezone: 'Europe/Berlin' },
      { employee_id: `${session.market.code}-newyork`, timezone: 'America/New_York' },
    ]);
    const created = await programme(session);
    await tick.tick(new Date('2026-12-06T12:00:00Z'));
    const [round] = await rounds(created.id);
    expect(round).toMatchObject({ date: '2026-12-07', round_number: 0, status: 'open' });
    expect(await invitedIn(round.id)).toEqual([
      { id: `${session.market.code}-berlin`, due: '2026-12-07T08:00:00.000Z' },
      { id: `${session.market.code}-newyork`, due: '2026-12-07T14:00:00.000Z' },
    ]);
    expect(round.opens_at.toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(round.closes_at.toISOString()).toBe('2026-12-10T14:00:00.000Z');
  });

  it('creates each round exactly once, however many workers tick at the same time', async () => {
    const session = await t.session();
    await people(session, [{}, {}]);
    const created = await programme(session, { startsOn: '2026-12-14' });
    const now = new Date('2026-12-13T12:00:00Z');
    await Promise.all([tick.tick(now), tick.tick(now), tick.tick(now)]);
    await tick.tick(now);
    const made = await rounds(created.id);
    expect(made).toHaveLength(1);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM invitations WHERE wave_id = $1`, [made[0].id]);
    expect(count).toBe(2);
  });

  it('follows each tier’s cadence and rotates the items so that every item is asked within three rounds', async () => {
    const session = await t.session();
    await people(session, [{ audience: 'executive' }, { audience: 'manager' }, { audience: 'telemarketer' }]);
    const created = await programme(session, {
      startsOn: '2027-01-04',
      tierRrules: { executive: 'FREQ=MONTHLY;BYDAY=1MO', telemarketer: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO' },
    });
    for (const day of ['2027-01-03', '2027-01-10', '2027-01-17']) await tick.tick(new Date(`${day}T12:00:00Z`));
    const made = await rounds(created.id);
    expect(made.map((round: { date: string }) => round.date)).toEqual(['2027-01-04', '2027-01-11', '2027-01-18']);
    // Earlier rounds are closed by later ticks (their link to people erased): the tier snapshot tells who was asked.
    const tiers = (waveId: string) => t.dataSource.query(`SELECT tier_key FROM invitations WHERE wave_id = $1 ORDER BY tier_key`, [waveId]);
    const who = await Promise.all(made.map(async (round: { id: string }) => (await tiers(round.id)).map((row: { tier_key: string }) => row.tier_key)));
    expect(who).toEqual([['executive', 'manager', 'telemarketer'], ['manager'], ['manager', 'telemarketer']]);
    const items = made.map((round: { item_codes: string[] }) => round.item_codes);
    expect(items[0]).toEqual(['understand_1', 'analyze_1', 'relate_1', 'invent_1', 'enable_1']);
    expect(new Set(items.flat()).size).toBe(15);
  });

  it('skips people at the fatigue cap and people who muted pulses', async () => {
    const session = await t.session();
    const m = session.market.code;
    await people(session, [{ employee_id: `${m}-tired` }, { employee_id: `${m}-muted` }, { employee_id: `${m}-fresh` }]);
    await t.dataSource.query(
      `INSERT INTO survey_contacts (employee_id, invited_at) SELECT id, ts FROM employees, (VALUES (timestamptz '2027-02-02T08:00Z'), (timestamptz '2027-02-05T08:00Z')) v(ts) WHERE employee_id = $1`,
      [`${m}-tired`],
    );
    await t.dataSource.query(`INSERT INTO pulse_mutes (employee_id) SELECT id FROM employees WHERE employee_id = $1`, [`${m}-muted`]);
    const created = await programme(session, { startsOn: '2027-02-08' });
    await tick.tick(new Date('2027-02-07T12:00:00Z'));
    const [round] = await rounds(created.id);
    expect((await invitedIn(round.id)).map((person: { id: string }) => person.id)).toEqual([`${m}-fresh`]);
  });

  it('closes a round when its time is up and erases who was invited', async () => {
    const session = await t.session();
    await people(session, [{}]);
    const created = await programme(session, { startsOn: '2027-03-01', openDays: 2 });
    await tick.tick(new Date('2027-02-28T12:00:00Z'));
    await tick.tick(new Date('2027-03-04T12:00:00Z'));
    const [round] = await rounds(created.id);
    expect(round.status).toBe('closed');
    const [{ linked }] = await t.dataSource.query(`SELECT count(employee_id)::int AS linked FROM invitations WHERE wave_id = $1`, [round.id]);
    expect(linked).toBe(0);
  });

  it('shows the next rounds with their tiers and items, and pauses', async () => {
    const session = await t.session();
    const created = await programme(session, { startsOn: '2027-04-05', tierRrules: { executive: 'FREQ=MONTHLY;BYDAY=1MO' } });
    expect(created.upcoming.slice(0, 2)).toEqual([
      { date: '2027-04-05', tiers: ['executive', 'manager', 'back_office', 'telemarketer'], items: ['understand_1', 'analyze_1', 'relate_1', 'invent_1', 'enable_1'] },
      { date: '2027-04-12', tiers: ['manager', 'back_office', 'telemarketer'], items: ['understand_2', 'analyze_2', 'relate_2', 'invent_2', 'enable_2'] },
    ]);
    const paused = await t.http.patch(`/api/pulse-programmes/${created.id}`).set(await session.auth()).send({ active: false }).expect(200);
    expect(paused.body.active).toBe(false);
    await tick.tick(new Date('2027-04-04T12:00:00Z'));
    expect(await rounds(created.id)).toEqual([]);
  });

  it.each([
    ['rrule', { rrule: 'every monday' }],
    ['localTime', { localTime: '9am' }],
    ['tierRrules', { tierRrules: { astronaut: 'FREQ=WEEKLY' } }],
    ['tierRrules.executive', { tierRrules: { executive: 'FREQ=SOMETIMES' } }],
    ['market', { market: 'NOWHERE' }],
    ['startsOn', { startsOn: 'next week' }],
  ])('refuses a bad %s with 400 naming it', async (field, body) => {
    const session = await t.session();
    const response = await t.http
      .post('/api/pulse-programmes')
      .set(await session.auth())
      .send({ market: session.market.code, name: 'x', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2027-05-03', ...body })
      .expect(400);
    expect(JSON.stringify(response.body.message)).toContain(field);
  });
});
