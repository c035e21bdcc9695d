import type { AppConfig } from '@changepulse/core';
import { runMigrations } from '@changepulse/database';
import { withDatabase } from '../cli-context';

/** Applies pending migrations (compose runs this before the API and the worker). */
export async function migrateCommand(config: AppConfig): Promise<void> {
  const applied = await withDatabase(config, (url) => runMigrations(url));
  process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The database is up to date\n');
}
