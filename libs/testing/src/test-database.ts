import { randomBytes } from 'node:crypto';
import { readTestEnvironment } from '@changepulse/core';
import { createDatabaseFromTemplate, dropDatabase } from '@changepulse/database';

/** A database of its own for one test file, copied from the run's migrated template. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const { databaseServer: server, templateDatabase: template, runPrefix } = readTestEnvironment();
  if (!server || !template) throw new Error('The jest globalSetup (tests/global-setup.ts) did not run');
  const name = `${runPrefix}_${randomBytes(4).toString('hex')}`;
  const url = await createDatabaseFromTemplate(server, name, template);
  return { url, name, drop: () => dropDatabase(server, name) };
}
