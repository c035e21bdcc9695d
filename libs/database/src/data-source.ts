import { DataSource, DataSourceOptions } from 'typeorm';
import { Client } from 'pg';
import { MIGRATIONS } from './migrations';

/** TypeORM options for the product's database. The schema comes from migrations only. */
export function dataSourceOptions(url: string, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10, application_name: 'changepulse' },
  };
}

/**
 * Runs pending migrations, each in its own transaction. An advisory lock on a separate
 * connection makes concurrent starts (several API or worker copies) take turns.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('changepulse.migrations'))`);
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      const done = await dataSource.runMigrations({ transaction: 'each' });
      return done.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end();
  }
}
