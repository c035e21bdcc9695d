import type { QueryRunner } from 'typeorm';
import { createTestApp, type TestApp } from '@changepulse/testing';
import { answerHelpers, type Invited } from './answer-helpers';

// The tables that name a person or an invitation; `unanswered_invitations` only where it exists.
const PERSON_SIDE = ['invitations', 'unanswered_invitations', 'deliveries', 'survey_contacts', 'employees', 'pulse_mutes'];

/**
 * An attacker with read-only SQL on the database while a wave is open, who knows who was invited
 * and wants to know who answered what (comments included). Ground truth: each respondent writes a
 * comment naming themselves. Every join the attacker tries must single out nobody.
 */
describe('a response cannot be linked to its invitation or person, even while the wave is open', () => {
  let t: TestApp;
  let h: ReturnType<typeof answerHelpers>;
  let attacker: QueryRunner;
  let waveId: string;
  let respondents: Invited[];
  let before: Map<string, string[]>;
  let firstCsrf: string;
  const truth = new Map<string, string>(); // response id -> invitation id, from the comments

  beforeAll(async () => {
    t = await createTestApp();
    h = answerHelpers(t);
    const launched = await h.launch(Array.from({ length: 8 }, () => ({})));
    waveId = launched.waveId;
    // Respondents in the invitations' physical order, answering in the reverse of it: with six,
    // no one sits at the same rank on both sides, so a hit by rank could only come from the database.
    const order: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM invitations WHERE wave_id = $1 ORDER BY ctid`, [waveId]);
    const byId = new Map(launched.invited.map((one) => [one.id, one]));
    respondents = order.slice(1, 7).map((row) => byId.get(row.id)!);
    attacker = t.dataSource.createQueryRunner();
    await attacker.connect();
    firstCsrf = await h.csrfOf(respondents[0].token);
    before = await personSide();
    for (const one of [...respondents].reverse()) await h.answer(one.token, { understand_1: '4', analyze_2: '2', comment: `I am ${one.employeeId}` });
    const responses: Array<{ id: string; comment: string }> = await t.dataSource.query(`SELECT id, comment FROM responses WHERE wave_id = $1`, [waveId]);
    for (const response of responses) truth.set(response.id, respondents.find((one) => response.comment === `I am ${one.employeeId}`)!.id);
    expect(truth.size).toBe(6);
  });
  afterAll(async () => {
    await attacker?.release();
    await t?.close();
  });

  /** Runs as the attacker: one read-only transaction, so the attack itself writes nothing. */
  async function read<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    await attacker.query('BEGIN READ ONLY');
    try {
      return (await attacker.query(sql, params)) as T[];
    } finally {
      await attacker.query('COMMIT');
    }
  }

  async function tables(): Promise<string[]> {
    const rows = await read<{ name: string }>(`SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NOT NULL`, [PERSON_SIDE]);
    return rows.map((row) => row.name);
  }

  /** Every visible row of the person side with its physical place and transaction ids. */
  async function personSide(): Promise<Map<string, string[]>> {
    const snapshot = new Map<string, string[]>();
    for (const table of await tables()) {
      const rows = await read<{ row: string }>(`SELECT concat_ws(' ', ctid, xmin, xmax, row_to_json(x)) AS row FROM ${table} x ORDER BY ctid`);
      snapshot.set(table, rows.map((one) => one.row));
    }
    return snapshot;
  }

  /** How many of the attacker's response -> invitation guesses are right. */
  const hits = (guesses: Array<{ response: string; invitation: string }>) => guesses.filter((guess) => truth.get(guess.response) === guess.invitation).length;

  it('finds no row on the person side sharing a transaction id (xmin or xmax) with a response', async () => {
    for (const table of await tables()) {
      const rows = await read<{ response: string }>(
        `SELECT r.id AS response FROM responses r JOIN ${table} x ON x.xmin::text = r.xmin::text OR x.xmax::text = r.xmin::text WHERE r.wave_id = $1`,
        [waveId],
      );
      expect({ table, matches: rows.length }).toEqual({ table, matches: 0 });
    }
  });

  it('links nobody by physical (insertion) order: the k-th response by ctid is not the k-th answered invitation', async () => {
    const responses = await read<{ id: string }>(`SELECT id FROM responses WHERE wave_id = $1 ORDER BY ctid`, [waveId]);
    // Who answered is no secret (participation is counted); before the unanswered table, a flag said it.
    const isAnswered = (await tables()).includes('unanswered_invitations')
      ? 'NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = i.id)'
      : 'responded';
    const answered = await read<{ id: string }>(`SELECT id FROM invitations i WHERE wave_id = $1 AND ${isAnswered} ORDER BY ctid`, [waveId]);
    const ranked = (pairs: Array<{ id: string }>) => responses.map((response, k) => ({ response: response.id, invitation: pairs[k]?.id }));
    expect(hits(ranked(answered))).toBe(0);
    // The invitations' ctid order is the launch's; had a submit moved them, it would be the submit order.
    const all = await read<{ id: string }>(`SELECT id FROM invitations WHERE wave_id = $1 ORDER BY ctid`, [waveId]);
    expect(all.map((row) => row.id).filter((id) => respondents.some((one) => one.id === id))).toEqual(respondents.map((one) => one.id));
  });

  it('leaves every person-side row where it was: no submit changed a ctid, a transaction id or a value there', async () => {
    const after = await personSide();
    for (const [table, rows] of before) {
      if (table !== 'unanswered_invitations') {
        expect({ table, rows: after.get(table) }).toEqual({ table, rows });
        continue;
      }
      // Only the answered invitations' rows are gone (invisible once deleted); the rest are untouched.
      const kept = after.get(table)!;
      expect(kept.every((row) => rows.includes(row))).toBe(true);
      const gone = rows.filter((row) => !kept.includes(row)).map((row) => /"invitation_id":"([^"]+)"/.exec(row)![1]);
      expect(gone.sort()).toEqual(respondents.map((one) => one.id).sort());
    }
  });

  it('gives a response no timestamp finer than the day, no serial id and no column naming its invitation or person', async () => {
    const columns = await read<{ table: string; column: string; type: string; default: string | null }>(
      `SELECT table_name AS table, column_name AS column, data_type AS type, column_default AS default
         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name IN ('responses', 'answers')`,
    );
    expect(columns.filter((c) => /time/.test(c.type) || /nextval|identity/i.test(c.default ?? '') || /invitation|employee|person/.test(c.column))).toEqual([]);
    expect(columns.find((c) => c.table === 'responses' && c.column === 'id')).toMatchObject({ type: 'uuid', default: 'gen_random_uuid()' });
    expect(columns.find((c) => c.column === 'submitted_on')).toMatchObject({ type: 'date' });
    // Random ids: their order against the invitations' ids is chance, so the test does not count it.
    const ids = await read<{ id: string }>(`SELECT id::text FROM responses WHERE wave_id = $1`, [waveId]);
    for (const { id } of ids) expect(id[14]).toBe('4');
  });

  it('still counts who answered, and refuses a second submit of the same token', async () => {
    expect(await h.counts(waveId)).toEqual({ responses: 6, answers: 12, responded: 6 });
    const again = await h.submit(respondents[0].token, { understand_1: '1' }, firstCsrf);
    expect(again.status).toBe(409);
    expect(await h.counts(waveId)).toEqual({ responses: 6, answers: 12, responded: 6 });
  });
});
