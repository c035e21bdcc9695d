import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';

/**
 * The embedded server under `dataDir` if one is already running (say, `npm start` in another
 * terminal), else a new one. Only the process that started it stops it.
 */
export async function attachOrStartEmbedded(dataDir: string, onLog?: (line: string) => void): Promise<EmbeddedDatabase> {
  const running = runningEmbedded(dataDir);
  return running ?? startEmbeddedPostgres({ dataDir, onLog });
}

/** Reads postmaster.pid (pid on line 1, port on line 4) to find a live server. */
export function runningEmbedded(dataDir: string): EmbeddedDatabase | null {
  const directory = join(resolve(dataDir), 'postgres');
  const pidFile = join(directory, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch {
    return null; // stale file of a server that was killed; the next start cleans it up
  }
  const password = readFileSync(join(resolve(dataDir), 'postgres-password'), 'utf8').trim();
  return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${Number(port)}/changepulse`, directory, stop: async () => undefined };
}
