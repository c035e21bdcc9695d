import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, CLI, eventually, freePort, Running } from '@changepulse/testing';

/**
 * `npm start` under `kill -9`: the worker, the API and the embedded PostgreSQL each come back on
 * their own while the rest keeps serving, and Ctrl-C still leaves nothing behind. One start (the
 * demo loads once), the kills in turn; the times each took are printed.
 */
describe('npm start supervises the API, the worker and the embedded database', () => {
  let dataDir: string;
  let port: number;
  let running: Running;
  const seen = new Set<number>();
  const times: Record<string, number> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-supervisor-'));
    chmodSync(dataDir, 0o755);
    port = await freePort();
    running = Running.start(CLI, ['start'], { env: cleanEnv({ PORT: String(port), DATA_DIR: dataDir, LOG_FORMAT: 'json' }) });
    await eventually(async () => (await fetch(url('/health'))).status === 200, 60_000, '/health 200');
    // Until the launcher has seen the API answer (its banner), a death means the start failed and
    // stops everything; and the worker must be up before it can be killed and come back.
    await eventually(
      async () => running.output.includes('Ctrl-C stops everything') && running.output.includes('Worker ready'),
      30_000,
      'the banner and a ready worker',
    );
  }, 100_000);
  afterAll(async () => {
    if (running.child.exitCode === null) running.child.kill('SIGKILL');
    for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await running.exited;
    rmSync(dataDir, { recursive: true, force: true });
    process.stdout.write(`supervisor e2e, seconds until back: ${JSON.stringify(times)}\n`);
  });

  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const pids = (): Record<string, number> => {
    const found = JSON.parse(readFileSync(join(dataDir, 'pids.json'), 'utf8')) as Record<string, number>;
    for (const pid of Object.values(found)) seen.add(pid);
    return found;
  };
  const postmaster = () => Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const people = () =>
    fetch(url('/api/employees?pageSize=1'), {
      headers: { Authorization: `Bearer ${readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()}` },
    });
  const linesOf = (pattern: RegExp) => running.output.split('\n').filter((line) => pattern.test(line));

  it('starts a new worker after a kill -9 while the API answers /health 200 throughout', async () => {
    const { worker } = pids();
    const health = watch(() => fetch(url('/health')).then((response) => response.status));
    const killedAt = Date.now();
    process.kill(worker, 'SIGKILL');
    await eventually(async () => pids().worker !== worker && linesOf(/Worker ready/).length === 2, 20_000, 'a new worker');
    times.worker = (Date.now() - killedAt) / 1000;
    expect(await health.stop()).toEqual([200]);
    expect(linesOf(new RegExp(`worker \\(pid ${worker}\\) ended with signal SIGKILL; restarting in 1 s`))).toHaveLength(1);
  }, 30_000);

  it('starts the API again within seconds after a kill -9', async () => {
    const { api, worker } = pids();
    const killedAt = Date.now();
    process.kill(api, 'SIGKILL');
    await eventually(async () => (await fetch(url('/health'))).status === 200 && pids().api !== api, 20_000, 'the API back');
    times.api = (Date.now() - killedAt) / 1000;
    expect(times.api).toBeLessThan(10);
    expect(pids().worker).toBe(worker);
  }, 30_000);

  it('restarts a killed PostgreSQL: routes answer 503 with Retry-After meanwhile, never 500, then the same data', async () => {
    const before = pids();
    const killedAt = Date.now();
    process.kill(postmaster(), 'SIGKILL');
    const answers: { status: number; retryAfter: string | null }[] = [];
    await eventually(
      async () => {
        const response = await people();
        answers.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
        return response.status === 200 && answers.length > 1 && ((await response.json()) as { total: number }).total === 2007;
      },
      60_000,
      'the database back with its data',
    );
    times.database = (Date.now() - killedAt) / 1000;
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((answer) => `${answer.status} ${answer.retryAfter}`))).toEqual(new Set(['503 5']));
    expect((await fetch(url('/health'))).status).toBe(200);
    expect(pids()).toEqual(before); // the API and the worker waited for it, neither crashed
    expect(linesOf(/postgres \(port \d+\) ended with signal SIGKILL; restarting in 1 s/)).toHaveLength(1);
    // Said once per process (the API, the worker), not once per failed request.
    expect(linesOf(/database unavailable/).length).toBeLessThanOrEqual(2);
    expect(linesOf(/Unhandled error/)).toEqual([]);
  }, 70_000);

  it('stops everything on Ctrl-C: no process left behind', async () => {
    const all = [...Object.values(pids()), postmaster()];
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
    await eventually(async () => all.every((pid) => !alive(pid)), 10_000, 'every process gone');
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'pids.json'))).toBe(false);
  }, 30_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `probe` every 100 ms until stopped; answers the distinct results seen. */
function watch<T>(probe: () => Promise<T>): { stop(): Promise<T[]> } {
  const results = new Set<T>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      results.add(await probe().catch((error: unknown) => String(error) as T));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return [...results];
    },
  };
}
