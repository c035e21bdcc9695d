import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rows a worker holds (`sending`), by when they were last touched: every drain looks for
 * those a stopped worker left behind, and there are few of them among many sent rows.
 */
export class DeliveriesSending1764130000000 implements MigrationInterface {
  name = 'DeliveriesSending1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX deliveries_sending_idx ON deliveries (updated_at) WHERE status = 'sending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliveries_sending_idx`);
  }
}
