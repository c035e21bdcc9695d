import { MigrationInterface, QueryRunner } from 'typeorm';

/** The directory (markets, audience tiers, employees, segments), imports and API tokens. */
export class InitialSchema1764061200000 implements MigrationInterface {
  name = 'InitialSchema1764061200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE markets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(16) NOT NULL CONSTRAINT markets_code_key UNIQUE,
        name varchar(200) NOT NULL,
        timezone varchar(64) NOT NULL,
        locale varchar(35) NOT NULL,
        role varchar(16) NOT NULL DEFAULT 'other' CHECK (role IN ('pilot', 'control', 'other')),
        controls text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audience_tiers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(40) NOT NULL CONSTRAINT audience_tiers_key_key UNIQUE,
        name varchar(100) NOT NULL,
        rank integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- deferred so that a reorder can swap ranks inside one transaction
        CONSTRAINT audience_tiers_rank_key UNIQUE (rank) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`
      INSERT INTO audience_tiers (key, name, rank) VALUES
        ('executive', 'Executives', 1),
        ('manager', 'Managers', 2),
        ('back_office', 'Back office', 3),
        ('telemarketer', 'Telemarketers', 4)`);
    await q.query(`
      CREATE TABLE employees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_id varchar(64) NOT NULL CONSTRAINT employees_employee_id_key UNIQUE,
        email varchar(320) NOT NULL,
        first_name varchar(100),
        last_name varchar(100),
        market_id uuid NOT NULL REFERENCES markets (id),
        department varchar(120),
        job_title varchar(200),
        tier_id uuid NOT NULL REFERENCES audience_tiers (id),
        manager_id uuid REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,
        slack_user_id varchar(32),
        locale varchar(35),
        timezone varchar(64),
        hire_date date,
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'leaver')),
        customer_facing boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- deferred so that one import can move an address from one person to another
        CONSTRAINT employees_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`CREATE INDEX employees_market_status_idx ON employees (market_id, status)`);
    await q.query(`CREATE INDEX employees_tier_idx ON employees (tier_id)`);
    await q.query(`CREATE INDEX employees_manager_idx ON employees (manager_id)`);
    await q.query(`CREATE INDEX employees_department_idx ON employees (department)`);
    await q.query(`CREATE INDEX employees_name_idx ON employees (last_name, first_name, employee_id)`);
    await q.query(`
      CREATE TABLE segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        description text,
        rules jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('admin', 'change_manager', 'leader', 'viewer')),
        markets text[],
        token_hash char(64) NOT NULL CONSTRAINT api_tokens_token_hash_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE directory_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_id uuid REFERENCES api_tokens (id),
        mode varchar(10) NOT NULL CHECK (mode IN ('upsert', 'full')),
        rows integer NOT NULL,
        created integer NOT NULL,
        updated integer NOT NULL,
        unchanged integer NOT NULL,
        deactivated integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX directory_imports_created_at_idx ON directory_imports (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE directory_imports, api_tokens, segments, employees, audience_tiers, markets`);
  }
}
