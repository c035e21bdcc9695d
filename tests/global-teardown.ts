import './support/register-aliases';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, withDatabase } from '@changepulse/database';

/** Drops what this run created on a shared server, and stops the embedded one. */
export default async function globalTeardown(): Promise<void> {
  const server = process.env.TEST_DATABASE_SERVER!;
  if (globalThis.embeddedForTests) {
    await globalThis.embeddedForTests.stop();
    rmSync(dirname(globalThis.embeddedForTests.directory), { recursive: true, force: true });
    return;
  }
  const client = new Client({ connectionString: withDatabase(server, 'postgres') });
  await client.connect();
  const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${process.env.TEST_RUN_PREFIX}%`]);
  await client.end();
  for (const { datname } of rows) await dropDatabase(server, datname);
  await dropDatabase(server, process.env.TEST_TEMPLATE_DATABASE!);
}
