import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `text` as a named prepared statement on TypeORM's own pool, so PostgreSQL parses and plans
 * it once per connection instead of on every call (for the answer page's statements, planning
 * cost more than running). For hot paths only; everything else goes through TypeORM.
 */
export async function preparedQuery<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query({ name, text, values })).rows as T[];
}
