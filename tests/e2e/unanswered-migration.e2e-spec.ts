import { MIGRATIONS } from '@changepulse/database';
import { createTestApp, type TestApp } from '@changepulse/testing';
import { answerHelpers } from './answer-helpers';

/** The migration that moved "answered" off the invitations, over answers given the old way. */
const Migration = MIGRATIONS.find((migration) => migration.name === 'UnansweredInvitations1795850252864')!;

describe('the unanswered-invitations migration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function migrate(step: 'up' | 'down'): Promise<void> {
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new Migration()[step](runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  }

  const xminJoins = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM responses r JOIN invitations i ON i.xmin::text = r.xmin::text`))[0].n as number;

  it('keeps who answered, and erases the transaction ids and order that old submits left on an open wave', async () => {
    const h = answerHelpers(t);
    const { session, waveId, invited } = await h.launch(Array.from({ length: 8 }, () => ({})));
    const csrf = await h.csrfOf(invited[0].token);
    await migrate('down');
    // Five answers recorded as before the migration: response and "responded" in one statement.
    for (const one of invited.slice(0, 5).reverse()) {
      await t.dataSource.query(
        `WITH i AS (UPDATE invitations SET responded = true WHERE id = $1 RETURNING *)
         INSERT INTO responses (wave_id, submitted_on, market_id, tier_key, department, manager_group, tenure_band, comment)
         SELECT i.wave_id, current_date, w.market_id, i.tier_key, i.department, i.manager_group, i.tenure_band, 'old'
         FROM i JOIN survey_waves w ON w.id = i.wave_id`,
        [one.id],
      );
    }
    expect(await xminJoins()).toBe(5);
    await migrate('up');
    expect(await xminJoins()).toBe(0);
    const [shape] = await t.dataSource.query(
      `SELECT count(DISTINCT xmin::text)::int AS xmins, count(*)::int AS n FROM invitations WHERE wave_id = $1`,
      [waveId],
    );
    expect(shape).toEqual({ xmins: 1, n: 8 });
    const order: Array<{ id: string }> = await t.dataSource.query(`SELECT id::text FROM invitations ORDER BY ctid`);
    expect(order.map((row) => row.id)).toEqual(order.map((row) => row.id).sort());
    expect(await h.counts(waveId)).toEqual({ responses: 5, answers: 0, responded: 5 });
    const { body } = await t.http.get(`/api/surveys/${waveId}`).set(await session.auth()).expect(200);
    expect(body).toMatchObject({ invited: 8, responded: 5 });
    // Those who had not answered still can; those who had are refused.
    await h.answer(invited[7].token, { understand_1: '4' });
    expect((await h.submit(invited[0].token, { understand_1: '4' }, csrf)).status).toBe(409);
    expect(await h.counts(waveId)).toEqual({ responses: 6, answers: 1, responded: 6 });
  });
});
