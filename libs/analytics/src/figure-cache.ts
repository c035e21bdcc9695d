import type { DataSource } from 'typeorm';

const MAX_ENTRIES = 500;

/**
 * Computed figures, kept per process while the data they come from is unchanged. Every request
 * still asks the database for the data's version (one small query), so a copy of the API never
 * serves figures older than its database, and copies need not share anything. Concurrent
 * requests for the same figures wait for one computation.
 */
export class FigureCache {
  private readonly entries = new Map<string, { version: string; value: Promise<unknown> }>();

  constructor(private readonly dataSource: DataSource) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version();
    const cached = this.entries.get(key);
    if (cached?.version === version) return cached.value as Promise<T>;
    const value = compute();
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { version, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Changes whenever a rollup is rebuilt, a wave launched or closed, or a market edited. */
  private async version(): Promise<string> {
    const [row]: Array<{ version: string }> = await this.dataSource.query(
      `SELECT concat_ws('|',
         (SELECT max(refreshed_at)::text || ':' || count(*) FROM rollup_waves),
         (SELECT max(updated_at)::text || ':' || count(*) FROM survey_waves),
         (SELECT max(updated_at)::text || ':' || count(*) FROM markets),
         (SELECT max(updated_at)::text FROM audience_tiers)) AS version`,
    );
    return row.version;
  }
}
