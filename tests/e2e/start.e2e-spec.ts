import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, CLI, eventually, freePort, Running } from '@changepulse/testing';

/** `npm start` as a newcomer runs it: no DATABASE_URL, an embedded PostgreSQL in DATA_DIR. */
describe('npm start on the embedded database', () => {
  let dataDir: string;
  let port: number;
  let running: Running | undefined;
  const logs: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-start-'));
    chmodSync(dataDir, 0o755);
    port = await freePort();
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const start = () => {
    running = Running.start(CLI, ['start'], { env: cleanEnv({ PORT: String(port), DATA_DIR: dataDir, LOG_FORMAT: 'json' }) });
    return running;
  };
  const healthy = () => eventually(async () => (await fetch(url('/health'))).status === 200, 60_000, '/health 200');
  const stop = async () => {
    running!.child.kill('SIGINT');
    const code = await running!.exited;
    logs.push(running!.output);
    return code;
  };
  const token = () => readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const get = async (path: string) => {
    const response = await fetch(url(path), { headers: { Authorization: `Bearer ${token()}` } });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('starts the API, the worker and the database, with the demo (people and surveys) and a first admin token', async () => {
    start();
    await healthy();
    const health = (await (await fetch(url('/health'))).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect((await fetch(url('/api/docs'))).status).toBe(200);
    const markets = await get('/api/markets');
    expect(markets.body.map((m: { code: string }) => m.code)).toEqual(['AT', 'CH', 'DE']);
    expect(markets.body.find((m: { code: string }) => m.code === 'DE')).toMatchObject({ role: 'pilot', controls: ['AT', 'CH'] });
    const searched = await get('/api/employees?q=Yilmaz&pageSize=1');
    expect(searched.status).toBe(200);
    const surveys = await get('/api/surveys?market=DE');
    expect(surveys.body.filter((survey: { kind: string }) => survey.kind === 'pulse').length).toBeGreaterThanOrEqual(12);
    // The worker starts beside the API, not before it: on a busy machine it may be ready a little later.
    await eventually(async () => running!.output.includes('Worker ready'), 30_000, 'the worker to be ready');
  });

  it('stops everything cleanly on Ctrl-C, the embedded server included', async () => {
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    expect(await stop()).toBe(0);
    await eventually(async () => !existsSync(pidFile), 10_000, 'postmaster.pid to go');
    await expect(fetch(url('/health'))).rejects.toThrow();
  });

  it('reuses .data on a second start: same data, same secret, same token, no second demo', async () => {
    const secret = readFileSync(join(dataDir, 'secret-key'), 'utf8');
    const before = await eventuallyTokenFile();
    start();
    await healthy();
    expect(readFileSync(join(dataDir, 'secret-key'), 'utf8')).toBe(secret);
    expect(token()).toBe(before);
    const people = await get('/api/employees?pageSize=1');
    expect(people.status).toBe(200);
    expect(people.body.total).toBe(2007);
    expect(running!.output).not.toContain('Demo loaded');
  });

  it('answers /health with 503 when the database dies, without crashing the API', async () => {
    const [pid] = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
    process.kill(Number(pid), 'SIGKILL');
    // The launcher restarts the server within seconds: the body is read from the 503 itself.
    const down = await eventually(async () => {
      const response = await fetch(url('/health'));
      return response.status === 503 && response;
    }, 30_000, '/health 503');
    const body = await down.json();
    expect(body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    await stop();
  });

  it('never writes an email address or a searched name into its logs', () => {
    const all = logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toMatch(/@example\.com/);
    expect(all).not.toContain('Yilmaz');
  });

  function eventuallyTokenFile() {
    return eventually(async () => existsSync(join(dataDir, 'admin-token')) && token(), 1000, 'admin token');
  }
});
