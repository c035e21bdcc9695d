import { IMPORT_COLUMNS } from '@changepulse/people';
import { toCsv, type CsvRow, type TestApp, type TestSession } from '@changepulse/testing';

export const IMPORT = '/api/employees/import';

export interface ExpectedProblem {
  row: number;
  column: string | null;
  message: RegExp;
}

/** A CSV with every column; a string goes in as a raw line, for rows that are broken on purpose. */
export function csvOf(...rows: Array<CsvRow | string>): string {
  const line = (row: CsvRow) => toCsv([row]).split('\n')[1];
  return [IMPORT_COLUMNS.join(','), ...rows.map((row) => (typeof row === 'string' ? row : line(row)))].join('\n') + '\n';
}

/** The import suites' helpers, bound to one test app. */
export function importHelpers(t: TestApp) {
  async function post(session: TestSession, csv: string | Buffer, query: Record<string, string> = {}) {
    return t.http.post(IMPORT).query(query).set(await session.auth()).set('Content-Type', 'text/csv').send(csv);
  }

  /** Posts a file that must be accepted; a refusal fails the test with the problems it names. */
  async function accept(session: TestSession, csv: string | Buffer, query: Record<string, string> = {}) {
    const response = await post(session, csv, query);
    if (response.status !== 200) throw new Error(`import refused: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  }

  /** Every stored column of a market's people, updated_at included, to prove that nothing moved. */
  function peopleIn(market: string): Promise<Array<Record<string, unknown>>> {
    return t.dataSource.query(`SELECT e.* FROM employees e JOIN markets m ON m.id = e.market_id WHERE m.code = $1 ORDER BY e.employee_id`, [market]);
  }

  async function countIn(market: string): Promise<number> {
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM employees e JOIN markets m ON m.id = e.market_id WHERE m.code = $1`, [market]);
    return count;
  }

  async function importLogSize(): Promise<number> {
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM directory_imports`);
    return count;
  }

  /** One person as stored, in the file's terms. */
  async function stored(employeeId: string): Promise<Record<string, unknown>> {
    const rows = await t.dataSource.query(
      `SELECT e.email, e.first_name, e.last_name, m.code AS market, e.department, e.job_title, t.key AS audience,
              boss.employee_id AS manager_id, e.slack_user_id, e.locale, e.timezone,
              to_char(e.hire_date, 'YYYY-MM-DD') AS hire_date, e.status, e.customer_facing
         FROM employees e JOIN markets m ON m.id = e.market_id JOIN audience_tiers t ON t.id = e.tier_id
         LEFT JOIN employees boss ON boss.id = e.manager_id
        WHERE e.employee_id = $1`,
      [employeeId],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  /** Posts a file that must be refused: 422, exactly these problems, and no row of the market nor the import log changed. */
  async function expectRefused(session: TestSession, csv: string | Buffer, problems: ExpectedProblem[]): Promise<void> {
    const before = await peopleIn(session.market.code);
    const importsBefore = await importLogSize();
    const response = await post(session, csv);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ statusCode: 422, message: expect.stringContaining('nothing was imported'), errorCount: problems.length });
    expect(response.body.errors).toEqual(problems.map(({ row, column, message }) => ({ row, column, message: expect.stringMatching(message) })));
    expect(await peopleIn(session.market.code)).toEqual(before);
    expect(await importLogSize()).toBe(importsBefore);
  }

  return { post, accept, peopleIn, countIn, importLogSize, stored, expectRefused };
}
