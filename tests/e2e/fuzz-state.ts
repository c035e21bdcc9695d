import type { DataSource } from 'typeorm';
import type { FuzzCase } from './fuzz-cases';

/** The tables a refused request must leave as they were, with columns that change on every read left out. */
const WATCHED: Record<string, string[]> = {
  markets: [],
  audience_tiers: [],
  employees: [],
  directory_imports: [],
  segments: [],
  survey_waves: [],
  survey_contacts: [],
  invitations: [],
  responses: [],
  answers: [],
  pulse_programmes: [],
  pulse_mutes: [],
  // Authenticating touches last_used_at (at most once a minute): a read, not a change.
  api_tokens: ['last_used_at'],
  users: [],
  sign_in_links: [],
};

/**
 * Counts every row a request inserts, updates or deletes in the watched tables: a row trigger
 * notes the table in `fuzz_writes`, in the writer's own transaction (a rolled-back write leaves
 * no trace). Cheaper than checksumming the tables after each of thousands of requests.
 */
export async function watchWrites(dataSource: DataSource): Promise<() => Promise<string[]>> {
  await dataSource.query(`CREATE TABLE fuzz_writes (t text NOT NULL)`);
  await dataSource.query(`CREATE FUNCTION fuzz_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO fuzz_writes VALUES (TG_TABLE_NAME); RETURN NULL; END $$`);
  for (const [table, skip] of Object.entries(WATCHED)) {
    const row = (side: string) => `(to_jsonb(${side})${skip.map((column) => ` - '${column}'`).join('')})`;
    await dataSource.query(`CREATE TRIGGER fuzz_insert_delete AFTER INSERT OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION fuzz_note_write()`);
    await dataSource.query(
      `CREATE TRIGGER fuzz_update AFTER UPDATE ON ${table} FOR EACH ROW WHEN (${row('OLD')} IS DISTINCT FROM ${row('NEW')}) EXECUTE FUNCTION fuzz_note_write()`,
    );
  }
  /** The tables written since the last call. */
  return async () => {
    const rows: Array<{ t: string }> = await dataSource.query(`WITH d AS (DELETE FROM fuzz_writes RETURNING t) SELECT t FROM d`);
    return [...new Set(rows.map((row) => row.t))];
  };
}

/** The public pages (no login): an invitation's pages, the dashboard sign-in, the digest unsubscribe. */
export function publicCases(answerToken: string, csrf: string): FuzzCase[] {
  const form = (fields: Record<string, string>) => ({ raw: new URLSearchParams(fields).toString(), type: 'application/x-www-form-urlencoded' });
  const tokens: Array<[string, string]> = [
    ['real token', answerToken],
    ['NUL', '%00'],
    ['token with NUL', `${answerToken}%00`],
    ['emoji', encodeURIComponent('😀')],
    ['8k string', 'x'.repeat(8_000)],
    ['bad percent-encoding', '%E0%A4%A'],
  ];
  const cases: FuzzCase[] = [];
  for (const [label, token] of tokens) {
    for (const suffix of ['', '/thanks', '/unsubscribe']) cases.push({ method: 'GET', path: `/s/${token}${suffix}`, label: `answer page${suffix}: ${label}` });
    cases.push({ method: 'POST', path: `/s/${token}/unsubscribe`, body: form({ 'List-Unsubscribe': 'One-Click' }), label: `unsubscribe POST: ${label}` });
    cases.push({ method: 'GET', path: `/dashboard/sign-in/${token}`, label: `sign-in link: ${label}` });
    cases.push({ method: 'POST', path: `/dashboard/sign-in/${token}`, label: `sign-in redeem: ${label}` });
    cases.push({ method: 'GET', path: `/dashboard/digest/unsubscribe/${token}`, label: `digest unsubscribe page: ${label}` });
    cases.push({ method: 'GET', path: `/assets/${token}`, label: `asset: ${label}` });
  }
  const comments: Array<[string, string]> = [
    ['NUL', 'before\u0000after'],
    ['100k', 'x'.repeat(100_000)],
    ['emoji', '😀👍🏽🇩🇪'],
    ['right-to-left', '\u202Eمرحبا'],
    ['combining marks', 'Z\u0337\u0321a\u0335'],
  ];
  for (const [label, comment] of comments) cases.push({ method: 'POST', path: `/s/${answerToken}`, body: form({ csrf, comment }), label: `answer comment: ${label}` });
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: form({ csrf, 'understand_\u00001': '3' }), label: 'answer field name with NUL' });
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: form({ csrf: 'a\u0000b', understand_1: '3' }), label: 'answer csrf with NUL' });
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: form({ csrf, understand_1: '1e308' }), label: 'answer value 1e308' });
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: { raw: nestedForm(), type: 'application/x-www-form-urlencoded' }, label: 'answer nested fields' });
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: { json: { csrf, comment: ['a'] } }, label: 'answer as JSON' });
  cases.push({ method: 'GET', path: `/s/${answerToken}`, query: 'understand_1=%00&comment=%00', label: 'answer preselection with NUL' });
  for (const [label, email] of [...comments, ['array', ''] as [string, string]]) {
    const body = label === 'array' ? { raw: 'email=a%40b.de&email=c%40d.de', type: 'application/x-www-form-urlencoded' } : form({ email: `${email}@example.com` });
    cases.push({ method: 'POST', path: '/dashboard/sign-in', body, label: `sign-in email: ${label}` });
  }
  cases.push({ method: 'GET', path: '/dashboard/sign-in', label: 'sign-in page' });
  cases.push({ method: 'GET', path: '/dashboard', query: 'heatmap=%00', label: 'dashboard heatmap NUL (signed out)' });
  return cases;
}

const nestedForm = () => `csrf=x&${'a['.repeat(50)}b${']'.repeat(50)}=1`;
