import type { AppConfig } from '@changepulse/core';
import { startEmbeddedPostgres } from '@changepulse/database';

/**
 * Internal: holds the embedded PostgreSQL for `start`, in a process group of its own so that
 * Ctrl-C reaches the API and the worker first and the database last. It stops when told to
 * (SIGTERM) or when `start` goes away (the IPC channel closes).
 */
export async function dbServerCommand(config: AppConfig): Promise<void> {
  const database = await startEmbeddedPostgres({ dataDir: config.dataDir });
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
}
