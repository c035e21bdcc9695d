import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries to dashboard users, not only to invitations: the weekly digest is a row per user,
 * kind, channel and period (an ISO week such as 2026-W48), made exactly once by the unique key.
 * A digest row names its user and period; invitation rows keep leaving both empty.
 */
export class DigestDeliveries1764220000000 implements MigrationInterface {
  name = 'DigestDeliveries1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries ADD COLUMN user_id uuid REFERENCES users (id), ADD COLUMN period varchar(20)`);
    // Also the index of the foreign key: its first column is user_id.
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_user_period_key UNIQUE (user_id, kind, channel, period)`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_digest_recipient CHECK (kind <> 'digest' OR (user_id IS NOT NULL AND period IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deliveries WHERE user_id IS NOT NULL`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_digest_recipient, DROP CONSTRAINT deliveries_user_period_key, DROP COLUMN period, DROP COLUMN user_id`);
  }
}
