import './support/register-aliases';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onServer, randomDatabaseName, runMigrations, startEmbeddedPostgres, withDatabase, type EmbeddedDatabase } from '@changepulse/database';

declare global {
  var embeddedForTests: EmbeddedDatabase | undefined;
}

/**
 * One real PostgreSQL per run: DATABASE_URL's server when set (CI's second pass), else an
 * embedded one in a temporary folder. The real migrations build a template database; each test
 * file copies it (`createTestApp`), so files run side by side without seeing each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'changepulse-test-'));
    chmodSync(dataDir, 0o755); // the server runs as `postgres` and must enter it
    globalThis.embeddedForTests = await startEmbeddedPostgres({ dataDir });
    serverUrl = globalThis.embeddedForTests.url;
  }
  const template = randomDatabaseName('cp_template');
  await onServer(serverUrl, `CREATE DATABASE "${template}"`);
  await runMigrations(withDatabase(serverUrl, template));
  process.env.TEST_DATABASE_SERVER = serverUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_RUN_PREFIX = template.replace('cp_template', 'cp_test');
}
