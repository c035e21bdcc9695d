import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@changepulse/core';
import { createTestApp, type TestApp } from '@changepulse/testing';
import { parseArgs, UsageError } from '../../apps/cli/src/args';
import { userCommand } from '../../apps/cli/src/commands/user.command';

/** Dashboard users, managed by admins over the API and by operators with the CLI. */
describe('dashboard users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets an admin add, list and change a user', async () => {
    const session = await t.session();
    const admin = await session.auth('admin');
    const { body: created } = await t.http
      .post('/api/users')
      .set(admin)
      .send({ email: '  Board.Member@Example.com ', name: 'Board Member', markets: [session.market.code] })
      .expect(201);
    expect(created).toMatchObject({ email: 'Board.Member@Example.com', name: 'Board Member', role: 'leader', markets: [session.market.code], weeklyDigest: true, disabledAt: null });
    const { body: list } = await t.http.get('/api/users').set(admin).expect(200);
    expect(list.map((user: { id: string }) => user.id)).toContain(created.id);
    const { body: changed } = await t.http.patch(`/api/users/${created.id}`).set(admin).send({ role: 'viewer', markets: null, weeklyDigest: false }).expect(200);
    expect(changed).toMatchObject({ role: 'viewer', markets: null, weeklyDigest: false });
    const { body: disabled } = await t.http.patch(`/api/users/${created.id}`).set(admin).send({ disabled: true }).expect(200);
    expect(disabled.disabledAt).toEqual(expect.any(String));
  });

  it('refuses a second user with the same address in another case, naming the field (409)', async () => {
    const session = await t.session();
    const admin = await session.auth('admin');
    await t.http.post('/api/users').set(admin).send({ email: 'same.person@example.com', name: 'One' }).expect(201);
    const response = await t.http.post('/api/users').set(admin).send({ email: 'SAME.Person@example.com', name: 'Two' }).expect(409);
    expect(response.body.message).toMatch(/^email: /);
    const { body: other } = await t.http.post('/api/users').set(admin).send({ email: 'other.person@example.com', name: 'Three' }).expect(201);
    await t.http.patch(`/api/users/${other.id}`).set(admin).send({ email: 'Same.Person@Example.com' }).expect(409);
  });

  it.each([
    [{ email: 'not-an-address', name: 'X' }, 'email'],
    [{ email: 'x@example.com', name: 'X', role: 'boss' }, 'role'],
    [{ email: 'x@example.com', name: '' }, 'name'],
    [{ email: 'x@example.com', name: 'X', markets: ['de'] }, 'markets'],
    [{ email: 'x@example.com', name: 'X', markets: ['NOWHERE'] }, 'markets'],
    [{ email: 'x@example.com', name: 'X', admin: true }, 'admin'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const session = await t.session();
    const response = await t.http.post('/api/users').set(await session.auth('admin')).send(body).expect(400);
    expect(JSON.stringify(response.body.message)).toContain(field);
  });

  it('answers 404 for an unknown user and 403 to anyone but an admin', async () => {
    const session = await t.session();
    await t.http.patch('/api/users/00000000-0000-4000-8000-000000000000').set(await session.auth('admin')).send({ name: 'X' }).expect(404);
    for (const role of ['change_manager', 'leader', 'viewer'] as const) {
      await t.http.get('/api/users').set(await session.auth(role)).expect(403);
      await t.http.post('/api/users').set(await session.auth(role)).send({ email: 'y@example.com', name: 'Y' }).expect(403);
    }
  });

  // In-process: the command is wired into the CLI's main.ts by its owner; this checks what it does and says.
  describe('from the CLI', () => {
    let folder: string;
    let config: AppConfig;
    beforeAll(() => {
      folder = mkdtempSync(join(tmpdir(), 'changepulse-users-'));
      config = loadConfig({ DATABASE_URL: t.databaseUrl, DATA_DIR: folder, APP_URL: 'https://pulse.example.com', LOG_LEVEL: 'silent' });
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    /** Runs `user …` and answers what it printed. */
    async function user(...argv: string[]): Promise<string> {
      let out = '';
      const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
      try {
        await userCommand(config, parseArgs(['user', ...argv]));
      } finally {
        write.mockRestore();
      }
      return out;
    }

    it('creates a user, lists them and prints a one-time sign-in link on its last line', async () => {
      const session = await t.session();
      const created = await user('create', '--email', 'cli.leader@example.com', '--name', 'CLI Leader', '--markets', session.market.code.toLowerCase());
      expect(created).toContain(`Created leader CLI Leader <cli.leader@example.com> (limited to ${session.market.code}`);
      expect(await user('list')).toMatch(/leader\s+CLI Leader <cli\.leader@example\.com>/);
      const url = (await user('link', '--email', 'CLI.Leader@example.com')).trim().split('\n').at(-1)!;
      expect(url).toMatch(/^https:\/\/pulse\.example\.com\/dashboard\/sign-in\/[A-Za-z0-9_-]{43}$/);
      const page = await t.http.get(new URL(url).pathname).expect(200);
      expect(page.text).toContain('Sign in as CLI Leader?');
    });

    it('says in one line what is wrong (a usage error: exit code 2)', async () => {
      await expect(user('link', '--email', 'nobody@example.com')).rejects.toThrow(new UsageError('email: no user with the address nobody@example.com'));
      await expect(user('create', '--email', 'nope', '--name', 'X')).rejects.toThrow(new UsageError('email must be an email address'));
      await expect(user('create', '--email', 'x@example.com', '--name', 'X', '--role', 'boss')).rejects.toThrow(UsageError);
      await expect(user('remove')).rejects.toThrow(/^usage: user create/);
    });
  });
});
