import type { DataSource } from 'typeorm';

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
