import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { API, cleanEnv, CLI, createTestDatabase, employeeRow, runNode, toCsv } from '@changepulse/testing';

/** The operator commands as a newcomer types them, against a database of their own. */
describe('the CLI', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let sql: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    folder = mkdtempSync(join(tmpdir(), 'changepulse-cli-'));
    env = cleanEnv({ DATABASE_URL: database.url, DATA_DIR: folder });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    await sql.query(`INSERT INTO markets (code, name, timezone, locale, role) VALUES ('CLI', 'CLI land', 'Europe/Berlin', 'de-DE', 'pilot')`);
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const count = async () => (await sql.query(`SELECT count(*)::int AS n FROM employees`)).rows[0].n;

  it('prints the usage for help', async () => {
    const result = await runNode(CLI, ['help'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('token create --role');
    expect(result.stdout).toContain('employees import FILE [--dry-run] [--mode full]');
  });

  it('creates a token and prints it alone as the last line, stored only as a hash', async () => {
    const result = await runNode(CLI, ['token', 'create', '--role', 'admin', '--name', 'ops'], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const token = lines[lines.length - 1];
    expect(token).toMatch(/^cp_[A-Za-z0-9_-]{43}$/);
    const { rows } = await sql.query(`SELECT name, role, token_hash FROM api_tokens WHERE name = 'ops'`);
    expect(rows).toEqual([{ name: 'ops', role: 'admin', token_hash: expect.not.stringContaining(token) }]);
  });

  it('limits a token to markets with --markets', async () => {
    const result = await runNode(CLI, ['token', 'create', '--role', 'leader', '--name', 'de lead', '--markets', 'cli'], env);
    expect(result.code).toBe(0);
    const { rows } = await sql.query(`SELECT markets FROM api_tokens WHERE name = 'de lead'`);
    expect(rows[0].markets).toEqual(['CLI']);
  });

  it('refuses a bad role with exit code 2 and one line', async () => {
    const result = await runNode(CLI, ['token', 'create', '--role', 'god', '--name', 'x'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('--role must be one of admin, change_manager, leader, viewer');
  });

  it('imports a file, and on a second run finds nothing to change', async () => {
    const file = join(folder, 'people.csv');
    writeFileSync(file, toCsv([employeeRow('CLI'), employeeRow('CLI'), employeeRow('CLI')]));
    const dry = await runNode(CLI, ['employees', 'import', file, '--dry-run'], env);
    expect(dry.stdout).toContain('Dry run, nothing written: 3 created');
    expect(await count()).toBe(0);
    const first = await runNode(CLI, ['employees', 'import', file], env);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe('Imported: 3 created, 0 updated, 0 unchanged, 0 deactivated');
    const second = await runNode(CLI, ['employees', 'import', file], env);
    expect(second.stdout.trim()).toBe('Imported: 0 created, 0 updated, 3 unchanged, 0 deactivated');
  });

  it('marks people missing from a full import as leavers', async () => {
    const file = join(folder, 'full.csv');
    writeFileSync(file, toCsv([employeeRow('CLI')]));
    const result = await runNode(CLI, ['employees', 'import', file, '--mode', 'full'], env);
    expect(result.stdout.trim()).toBe('Imported: 1 created, 0 updated, 0 unchanged, 3 deactivated');
    expect((await sql.query(`SELECT count(*)::int AS n FROM employees WHERE status = 'leaver'`)).rows[0].n).toBe(3);
  });

  it('lists every problem of a bad file with its line, exits 1 and writes nothing', async () => {
    const file = join(folder, 'bad.csv');
    writeFileSync(file, toCsv([employeeRow('CLI'), employeeRow('CLI', { email: 'not-an-email' }), employeeRow('NOPE')]));
    const before = await count();
    const result = await runNode(CLI, ['employees', 'import', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The file has 2 problems; nothing was imported');
    expect(result.stderr).toContain(`${file}:3 [email]: email "not-an-email" is not an email address`);
    expect(result.stderr).toContain(`${file}:4 [market]: unknown market "NOPE"`);
    expect(await count()).toBe(before);
  });

  it('says which file is missing and how to call the command', async () => {
    expect((await runNode(CLI, ['employees', 'import', join(folder, 'nope.csv')], env)).stderr.trim()).toBe(`no file ${join(folder, 'nope.csv')}`);
    expect((await runNode(CLI, ['employees'], env)).stderr.trim()).toBe('usage: employees import FILE [--dry-run] [--mode full]');
    expect((await runNode(CLI, ['frobnicate'], env)).code).toBe(2);
  });

  it('migrates, and says so when there is nothing to do', async () => {
    const result = await runNode(CLI, ['migrate'], env);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('The database is up to date');
  });

  it('stops a process on a bad variable with one line naming it', async () => {
    const result = await runNode(API, [], { ...env, PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: PORT /)]);
  });
});
