import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claimed row carries a lease (`lease_until`) and its holder (`claimed_by`, one id per worker
 * process): the holder renews the lease while it works, and a row whose lease ran out belongs to
 * a worker that died, so any drain takes it back within the lease instead of after ten minutes.
 * Rows `sending` today keep the old ten minutes, counted from their last touch.
 */
export class DeliveryLeases1795844477932 implements MigrationInterface {
  name = 'DeliveryLeases1795844477932';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries ADD COLUMN lease_until timestamptz, ADD COLUMN claimed_by uuid`);
    await q.query(`UPDATE deliveries SET lease_until = updated_at + interval '10 minutes' WHERE status = 'sending'`);
    await q.query(`DROP INDEX deliveries_sending_idx`);
    // Every drain looks for expired leases: few rows are `sending` among many sent.
    await q.query(`CREATE INDEX deliveries_lease_idx ON deliveries (lease_until) WHERE status = 'sending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliveries_lease_idx`);
    await q.query(`CREATE INDEX deliveries_sending_idx ON deliveries (updated_at) WHERE status = 'sending'`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN claimed_by, DROP COLUMN lease_until`);
  }
}
