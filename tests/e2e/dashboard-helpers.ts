import { SignInService, SYSTEM_ACTOR } from '@changepulse/access';
import { refreshRollups } from '@changepulse/analytics';
import { mulberry32, type Role } from '@changepulse/core';
import type { TestApp, TestSession } from '@changepulse/testing';

let users = 0;

const VALUES = ['understand', 'analyze', 'relate', 'invent', 'enable'] as const;
const READINESS = ['readiness_people_1', 'readiness_people_2', 'readiness_process_1', 'readiness_process_2', 'readiness_technology_1', 'readiness_technology_2'];
const DAY = 86_400_000;

/** Who works in a seeded market: tier, department and head count (executives are too few to show). */
const GROUPS = [
  { tier: 'executive', department: 'Management', people: 3 },
  { tier: 'manager', department: 'Customer Service', people: 10 },
  { tier: 'manager', department: 'Sales', people: 8 },
  { tier: 'back_office', department: 'Customer Service', people: 30 },
  { tier: 'back_office', department: 'Finance', people: 14 },
  { tier: 'telemarketer', department: 'Customer Service', people: 45 },
  { tier: 'telemarketer', department: 'Sales', people: 30 },
];

export interface SeedPlan {
  /** The share living the values at the baseline, and its rise per weekly pulse round. */
  baseline: number;
  risePerRound: number;
  rounds: number;
  /** The share of people invited who answer the baseline and each pulse. */
  baselineResponse: number;
  pulseResponse: number;
  seed: number;
}

/** The dashboard suites' helpers, bound to one test app. */
export function dashboardHelpers(t: TestApp) {
  /** A dashboard user through the admin API; answers the address. */
  async function addUser(session: TestSession, fields: { role?: Role; markets?: string[]; name?: string } = {}): Promise<string> {
    users += 1;
    const email = `Leader.${process.pid}.${users}@Example.com`;
    await t.http
      .post('/api/users')
      .set(await session.auth('admin'))
      .send({ email, name: fields.name ?? `Leader ${users}`, ...fields })
      .expect(201);
    return email;
  }

  /** A one-time link made the operator's way (no mail); answers its token. */
  async function linkToken(email: string): Promise<string> {
    const { url } = await t.app.get(SignInService).createLink(SYSTEM_ACTOR, email);
    return decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
  }

  /** Opens a link's page as a browser does; answers what its button needs: the page's cookie and the form's proof. */
  async function openLink(token: string): Promise<OpenedLink> {
    const page = await t.http.get(`/dashboard/sign-in/${token}`).expect(200);
    const cookie = setCookies(page.headers).find((header) => header.startsWith('cp_sign_in='));
    const proof = /name="proof" value="([^"]+)"/.exec(page.text)?.[1];
    if (!cookie || !proof) throw new Error('the link page set no sign-in cookie or proof');
    return { cookie: cookie.split(';')[0], proof };
  }

  /** Presses a link's button from the browser that opened its page (`opened`, else the page is opened first), expecting `status`. */
  async function press(token: string, status: number, opened?: OpenedLink) {
    const { cookie, proof } = opened ?? (await openLink(token));
    return t.http.post(`/dashboard/sign-in/${token}`).set('Cookie', cookie).type('form').send({ proof }).expect(status);
  }

  /** Signs in over HTTP; answers the `Cookie` header a browser would send. */
  async function signIn(email: string): Promise<{ Cookie: string }> {
    const response = await press(await linkToken(email), 303);
    const cookie = ([response.headers['set-cookie']].flat() as string[]).find((header) => header.startsWith('cp_session='));
    if (!cookie) throw new Error('no session cookie was set');
    return { Cookie: cookie.split(';')[0] };
  }

  /**
   * Answers written straight into a market's tables (a baseline wave and weekly pulse rounds
   * ending yesterday), then its rollups refreshed, as the worker would: real figures for the
   * dashboard without sending a single mail.
   */
  async function seedAnswers(marketCode: string, plan: SeedPlan): Promise<void> {
    const next = mulberry32(plan.seed);
    const [{ id: marketId }] = await t.dataSource.query(`SELECT id FROM markets WHERE code = $1`, [marketCode]);
    const [{ id: instrumentId }] = await t.dataSource.query(`SELECT id FROM instruments ORDER BY version DESC LIMIT 1`);
    const lastRound = Date.now() - DAY;
    const firstRound = lastRound - (plan.rounds - 1) * 7 * DAY;
    const baselineDay = firstRound - 21 * DAY;
    const frequency = VALUES.flatMap((value) => [1, 2, 3].map((item) => `${value}_${item}`));
    const waves: string[] = [];
    const wave = async (kind: 'baseline' | 'pulse', opens: number, items: string[], round: number | null, living: number, response: number) => {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO survey_waves (kind, title, market_id, instrument_id, channels, item_codes, opens_at, closes_at, status, round_date, round_number, launched_at, closed_at)
         VALUES ($1, $2, $3, $4, '{email}', $5, $6, $7, 'closed', $8, $9, $6, $7) RETURNING id`,
        [kind, kind === 'baseline' ? 'Baseline survey' : `Pulse round ${round}`, marketId, instrumentId, items, new Date(opens), new Date(opens + 3 * DAY), kind === 'pulse' ? new Date(opens).toISOString().slice(0, 10) : null, round],
      );
      const invitations: object[] = [];
      const responses: Array<{ tier: string; department: string; answers: Array<[string, number]> }> = [];
      for (const group of GROUPS) {
        for (let person = 0; person < group.people; person++) {
          // Executives answer pulses rarely: their cells stay under the anonymity threshold.
          const answers = next() < (group.tier === 'executive' && kind === 'pulse' ? 0.25 : response);
          invitations.push({ tier: group.tier, department: group.department, responded: answers });
          if (!answers) continue;
          const lean = group.tier === 'manager' ? 0.1 : group.tier === 'telemarketer' ? -0.06 : 0;
          const score = (code: string) => {
            const valueLean = code.startsWith('invent') ? -0.12 : code.startsWith('understand') ? 0.08 : 0;
            const lives = next() < Math.min(0.95, Math.max(0.03, living + lean + valueLean));
            return lives ? 4 + Math.round(next()) : 1 + Math.floor(next() * 3);
          };
          responses.push({ tier: group.tier, department: group.department, answers: items.map((code) => [code, score(code)]) });
        }
      }
      await t.dataSource.query(
        `WITH invited AS (SELECT gen_random_uuid() AS id, x.* FROM jsonb_to_recordset($2::jsonb) AS x(tier text, department text, responded boolean)),
              written AS (INSERT INTO invitations (id, wave_id, locale, tier_key, department, tenure_band)
                          SELECT id, $1, 'en-GB', tier, department, '2-5y' FROM invited)
         INSERT INTO unanswered_invitations (invitation_id) SELECT id FROM invited WHERE NOT responded`,
        [id, JSON.stringify(invitations)],
      );
      for (const answered of responses) {
        const [{ id: responseId }] = await t.dataSource.query(
          `INSERT INTO responses (wave_id, submitted_on, market_id, tier_key, department, tenure_band) VALUES ($1, $2, $3, $4, $5, '2-5y') RETURNING id`,
          [id, new Date(opens + DAY).toISOString().slice(0, 10), marketId, answered.tier, answered.department],
        );
        await t.dataSource.query(
          `INSERT INTO answers (response_id, item_code, value) SELECT $1, x.code, x.value FROM jsonb_to_recordset($2::jsonb) AS x(code text, value int)`,
          [responseId, JSON.stringify(answered.answers.map(([code, value]) => ({ code, value })))],
        );
      }
      waves.push(id);
    };
    await wave('baseline', baselineDay, [...frequency, ...READINESS], null, plan.baseline, plan.baselineResponse);
    for (let round = 0; round < plan.rounds; round++) {
      const items = VALUES.map((value) => `${value}_${(round % 3) + 1}`);
      await wave('pulse', firstRound + round * 7 * DAY, items, round + 1, plan.baseline + plan.risePerRound * (round + 1), plan.pulseResponse);
    }
    await refreshRollups(t.dataSource, waves);
  }

  return { addUser, linkToken, openLink, press, signIn, seedAnswers };
}

/** What a browser holds after opening a sign-in link's page. */
export interface OpenedLink {
  /** `cp_sign_in=…`, for a `Cookie` header. */
  cookie: string;
  proof: string;
}

/** The `Set-Cookie` header of a response, as one string per cookie. */
export function setCookies(headers: Record<string, unknown>): string[] {
  return [headers['set-cookie'] ?? []].flat() as string[];
}
