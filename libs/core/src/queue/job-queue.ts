import type PgBoss from 'pg-boss';
import type { QueueName } from './queues';

/** Runs SQL on the caller's transaction; TypeORM's `EntityManager` fits. */
export interface SqlRunner {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Enqueues background work. Given the caller's transaction, the job is written in it, so the
 * job exists exactly when the change that asked for it was committed.
 */
export class JobQueue {
  constructor(private readonly boss: PgBoss) {}

  async send(name: QueueName, data: object, transaction?: SqlRunner): Promise<string> {
    const db = transaction && { executeSql: async (text: string, values: unknown[]) => ({ rows: (await transaction.query(text, values)) as unknown[] }) };
    const id = await this.boss.send(name, data, db ? { db } : {});
    if (!id) throw new Error(`Queue ${name} refused the job`);
    return id;
  }

  /**
   * At most one job per `key` in each `seconds` slot, a later call landing in the next slot:
   * a burst of calls ends with exactly one job after the burst. Null when the slot is taken.
   */
  sendDebounced(name: QueueName, data: object, key: string, seconds: number): Promise<string | null> {
    return this.boss.sendDebounced(name, data, {}, seconds, key);
  }
}
