import type { AppConfig } from '@changepulse/core';
import { startEmbeddedPostgres, stopLeftoverServer, type OwnedEmbeddedDatabase } from '@changepulse/database';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { launcherLogger, restartDelaySeconds, STABLE_AFTER_MS } from './supervisor';

/**
 * Internal: holds the embedded PostgreSQL for `start`, in a process group of its own so that
 * Ctrl-C reaches the API and the worker first and the database last. When the server dies
 * (a crash, `kill -9`) it is started again on the same folder and port. It stops when told to
 * (SIGTERM) or when `start` goes away (the IPC channel closes). `--port` is given when `start`
 * restarts this process: it takes over the server the previous one left running.
 */
export async function dbServerCommand(config: AppConfig, args?: ParsedArgs): Promise<void> {
  const port = portFlag(args);
  if (port) await stopLeftoverServer(config.dataDir);
  const database = await startEmbeddedPostgres({ dataDir: config.dataDir, port });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void database.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined);
  process.on('disconnect', stop);
  process.send?.({ url: database.url });
  void keepRunning(database, launcherLogger(config, 'database'), () => stopping);
}

/** Restarts the server each time it dies, with the launcher's backoff (1 s, 2 s … 30 s). */
async function keepRunning(database: OwnedEmbeddedDatabase, log: ReturnType<typeof launcherLogger>, stopping: () => boolean): Promise<void> {
  let failures = 0;
  let startedAt = Date.now();
  for (;;) {
    const how = await database.died();
    if (stopping()) return;
    if (Date.now() - startedAt >= STABLE_AFTER_MS) failures = 0;
    const diedAt = Date.now();
    let delay = restartDelaySeconds(failures++);
    log.warn({ process: 'postgres', port: database.port, how }, `postgres (port ${database.port}) ended with ${how}; restarting in ${delay} s`);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, delay * 1000));
      if (stopping()) return;
      try {
        await database.restart();
        break;
      } catch (error) {
        // Orphaned backends may still hold the old shared memory for a moment: try again.
        delay = restartDelaySeconds(failures++);
        log.warn({ err: error }, `postgres did not start again; retrying in ${delay} s`);
      }
    }
    startedAt = Date.now();
    log.info(`postgres is back on port ${database.port} after ${Math.round((startedAt - diedAt) / 100) / 10} s`);
  }
}

function portFlag(args?: ParsedArgs): number | undefined {
  const value = args && stringFlag(args, 'port');
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number (got ${value})`);
  return port;
}
