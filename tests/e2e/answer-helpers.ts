import { invitationToken } from '@changepulse/surveys';
import { employeeRow, toCsv, type CsvRow, type TestApp, type TestSession } from '@changepulse/testing';

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export interface Invited {
  id: string;
  token: string;
  locale: string;
  employeeId: string;
}

export interface LaunchedWave {
  session: TestSession;
  waveId: string;
  invited: Invited[];
}

/** The answer page suites' helpers, bound to one test app. */
export function answerHelpers(t: TestApp) {
  /** A market with `people` (one row each, English unless they say otherwise), a wave created with `wave` and launched; its invitations and tokens. */
  async function launch(people: CsvRow[] = [{}, {}, {}], wave: object = {}): Promise<LaunchedWave> {
    const session = await t.session();
    await session.importCsv(toCsv(people.map((row) => employeeRow(session.market.code, { locale: 'en-GB', ...row }))));
    const { body } = await t.http
      .post('/api/surveys')
      .set(await session.auth('change_manager'))
      .send({ kind: 'baseline', market: session.market.code, channels: ['email'], opensAt: inDays(-1 / 24), closesAt: inDays(14), ...wave })
      .expect(201);
    await t.http.post(`/api/surveys/${body.id}/launch`).set(await session.auth('change_manager')).expect(200);
    const rows: Array<{ id: string; locale: string; employee_id: string }> = await t.dataSource.query(
      `SELECT i.id, i.locale, e.employee_id FROM invitations i JOIN employees e ON e.id = i.employee_id WHERE i.wave_id = $1 ORDER BY e.employee_id`,
      [body.id],
    );
    const invited = rows.map((row) => ({ id: row.id, locale: row.locale, employeeId: row.employee_id, token: invitationToken(t.config.secretKey!, row.id) }));
    return { session, waveId: body.id, invited };
  }

  /** GETs the form and reads its CSRF field. */
  async function csrfOf(token: string): Promise<string> {
    const response = await t.http.get(`/s/${token}`).expect(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(response.text)?.[1];
    if (!csrf) throw new Error(`no csrf field in the form:\n${response.text}`);
    return csrf;
  }

  /** POSTs the form as a browser would (urlencoded, with the CSRF field unless given). */
  async function submit(token: string, fields: Record<string, string | string[]>, csrf?: string) {
    const body = new URLSearchParams();
    body.append('csrf', csrf ?? (await csrfOf(token)));
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
    return t.http.post(`/s/${token}`).type('form').send(body.toString());
  }

  /** Submits answers that must be recorded (303 to the thank-you page). */
  async function answer(token: string, fields: Record<string, string | string[]>) {
    const response = await submit(token, fields);
    if (response.status !== 303) throw new Error(`the submit answered ${response.status}, not 303:\n${response.text}`);
    return response;
  }

  /** How many responses and answers the wave has, and how many invitations are marked answered. */
  async function counts(waveId: string): Promise<{ responses: number; answers: number; responded: number }> {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM responses WHERE wave_id = $1) AS responses,
              (SELECT count(*)::int FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.wave_id = $1) AS answers,
              (SELECT count(*)::int FROM invitations i WHERE wave_id = $1
                  AND NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = i.id)) AS responded`,
      [waveId],
    );
    return row;
  }

  return { launch, csrfOf, submit, answer, counts };
}
