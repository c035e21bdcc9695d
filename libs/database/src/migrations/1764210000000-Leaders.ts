import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People who sign in to the dashboard (leaders, change managers, admins), the one-time sign-in
 * links mailed to them and their browser sessions. Only SHA-256 hashes of the secrets are kept.
 */
export class Leaders1764210000000 implements MigrationInterface {
  name = 'Leaders1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(320) NOT NULL,
        name varchar(200) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('admin', 'change_manager', 'leader', 'viewer')),
        markets text[],
        weekly_digest boolean NOT NULL DEFAULT true,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One account per address whatever its case; sign-in looks the address up the same way.
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`
      CREATE TABLE sign_in_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL CONSTRAINT sign_in_links_token_hash_key UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The rate limit counts a user's recent links; the cleanup deletes by expiry.
    await q.query(`CREATE INDEX sign_in_links_user_created_idx ON sign_in_links (user_id, created_at)`);
    await q.query(`CREATE INDEX sign_in_links_expires_idx ON sign_in_links (expires_at)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash char(64) NOT NULL CONSTRAINT sessions_token_hash_key UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions, sign_in_links, users`);
  }
}
