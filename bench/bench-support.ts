import { readTestEnvironment } from '@changepulse/core';
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { EventLoopFigures } from './event-loop-probe';
import { dropDatabase, onServer, randomDatabaseName, runMigrations, startEmbeddedPostgres, withDatabase } from '@changepulse/database';

const DIST = join(__dirname, '..');
export const API_ENTRY = join(DIST, 'apps', 'api', 'src', 'main.js');
export const CLI_ENTRY = join(DIST, 'apps', 'cli', 'src', 'main.js');
const EVENT_LOOP_PROBE = join(__dirname, 'event-loop-probe.js');

/** Things to undo at the end, last first, whether the run worked or not. */
export class Cleanup {
  private readonly steps: Array<() => Promise<void> | void> = [];
  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.reverse()) await Promise.resolve(step()).catch((error: unknown) => console.error('cleanup:', error));
  }
}

/** A temp folder the `postgres` user can enter (mkdtemp makes 0700, which stops the embedded server as root). */
export function tempFolder(cleanup: Cleanup, prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `changepulse-${prefix}-`));
  chmodSync(folder, 0o755);
  cleanup.add(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** A fresh, migrated database on DATABASE_URL's server, or on an embedded server started for the run. */
export async function freshDatabase(cleanup: Cleanup, prefix: string): Promise<{ url: string; server: string }> {
  let serverUrl = readTestEnvironment().databaseUrl;
  let server = 'DATABASE_URL';
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: tempFolder(cleanup, `${prefix}-pg`) });
    cleanup.add(() => embedded.stop());
    serverUrl = embedded.url;
    server = 'embedded';
  }
  const name = randomDatabaseName(prefix);
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  cleanup.add(() => dropDatabase(serverUrl, name));
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  return { url, server };
}

export async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}


/** Runs the CLI with `env`; its stdout. */
export async function cli(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI_ENTRY, ...args], { env, maxBuffer: 1 << 20 });
  return stdout;
}

/** Reads one `Vm…` line of /proc/<pid>/status, in MB. */
function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return line ? Number(line[1]) / 1024 : 0;
}

/** The real API in a process of its own, so that its memory is its own; RSS polled every 50 ms. */
export class ApiProcess {
  private readonly output: string[] = [];
  private readonly sampler: NodeJS.Timeout;
  private phasePeak = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split('\n').filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 40));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.sampler = setInterval(() => this.sample(), 50);
  }

  static async start(env: NodeJS.ProcessEnv, port: number): Promise<ApiProcess> {
    // The probe measures the API's own event loop; the IPC channel carries its figures to the bench.
    const child = spawn(process.execPath, ['--require', EVENT_LOOP_PROBE, API_ENTRY], {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`);
    await api.waitUntilHealthy(60_000);
    return api;
  }

  /** The largest RSS seen since the last call, in MB. */
  takePhasePeak(): number {
    this.sample();
    const peak = this.phasePeak;
    this.phasePeak = this.rssMb();
    return peak;
  }

  /** The API's event-loop delay since the last call (or its start), measured inside the API process. */
  eventLoop(): Promise<EventLoopFigures> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the API did not report its event loop within 60 s')), 60_000);
      const answer = (message: unknown) => {
        if (typeof message !== 'object' || message === null || !('eventLoopFigures' in message)) return;
        clearTimeout(timer);
        this.child.off('message', answer);
        resolve((message as { eventLoopFigures: EventLoopFigures }).eventLoopFigures);
      };
      this.child.on('message', answer);
      this.child.send({ eventLoop: true });
    });
  }

  rssMb(): number {
    return this.alive ? memoryMb(this.child.pid!, 'VmRSS') : 0;
  }

  /** The kernel's high-water mark of the process's RSS over its whole life, in MB. */
  peakRssMb(): number {
    return this.alive ? memoryMb(this.child.pid!, 'VmHWM') : 0;
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  /** The API's last lines of output, for an error message. */
  recentOutput(): string {
    return this.output.join('\n');
  }

  private get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private sample(): void {
    if (this.alive) this.phasePeak = Math.max(this.phasePeak, this.rssMb());
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`The API exited (${this.child.exitCode ?? this.child.signalCode}) before it was healthy:\n${this.recentOutput()}`);
      const healthy = await fetch(`${this.baseUrl}/health`).then((response) => response.ok, () => false);
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The API was not healthy after ${timeoutMs / 1000} s:\n${this.recentOutput()}`);
  }
}

/** What the numbers were measured on. */
export async function machine(url: string): Promise<{ cpus: string; memory: string; cpuModel: string; node: string; postgres: string; date: string }> {
  const kb = Number(readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m)?.[1] ?? 0);
  const model = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown CPU';
  const [{ server_version: postgres }] = await query<{ server_version: string }>(url, 'SHOW server_version');
  return {
    cpus: execFileSync('nproc').toString().trim(),
    memory: `${(kb / 1024 / 1024).toFixed(1)} GiB`,
    cpuModel: model.trim(),
    node: process.version,
    postgres,
    date: execFileSync('date', ['-u']).toString().trim(),
  };
}

const BENCHMARKS_FILE = join(__dirname, '..', '..', 'docs', 'BENCHMARKS.md');

/** Appends a dated section to docs/BENCHMARKS.md (made with its intro if missing); answers the file's path. */
export function recordBenchmark(section: string): string {
  if (!existsSync(BENCHMARKS_FILE)) {
    writeFileSync(
      BENCHMARKS_FILE,
      '# Benchmarks\n\nMeasured numbers, newest last. Each section is appended by `npm run bench -- NAME` on the machine it names;\n' +
        'compare runs of the same machine only. Goals are stated with each benchmark.\n\n',
    );
  }
  appendFileSync(BENCHMARKS_FILE, `${section}\n`);
  return BENCHMARKS_FILE;
}
