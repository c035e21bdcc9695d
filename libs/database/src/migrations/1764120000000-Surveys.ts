import { MigrationInterface, QueryRunner } from 'typeorm';
import instrument from './data/crm-leadership.v1.json';

/**
 * Instruments and their items (the CRM-leadership instrument v1 as data), survey waves,
 * invitations, anonymous responses and answers, pulse programmes, and the delivery log.
 * Responses carry no person: only the wave, the day and a demographic snapshot.
 */
export class Surveys1764120000000 implements MigrationInterface {
  name = 'Surveys1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE instruments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(60) NOT NULL,
        version integer NOT NULL,
        title jsonb NOT NULL,
        scales jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT instruments_key_version_key UNIQUE (key, version)
      )`);
    await q.query(`
      CREATE TABLE instrument_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instrument_id uuid NOT NULL REFERENCES instruments (id),
        code varchar(40) NOT NULL,
        scale varchar(20) NOT NULL CHECK (scale IN ('frequency', 'agreement', 'text')),
        value varchar(20) CHECK (value IN ('understand', 'analyze', 'relate', 'invent', 'enable')),
        dimension varchar(20) CHECK (dimension IN ('people', 'process', 'technology')),
        optional boolean NOT NULL DEFAULT false,
        position integer NOT NULL,
        text jsonb NOT NULL,
        CONSTRAINT instrument_items_code_key UNIQUE (instrument_id, code)
      )`);
    const [{ id }] = await q.query(`INSERT INTO instruments (key, version, title, scales) VALUES ($1, $2, $3, $4) RETURNING id`, [
      instrument.key,
      instrument.version,
      JSON.stringify(instrument.title),
      JSON.stringify(instrument.scales),
    ]);
    for (const [position, item] of instrument.items.entries()) {
      const { code, scale, text } = item;
      const extra = item as { value?: string; dimension?: string; optional?: boolean };
      await q.query(
        `INSERT INTO instrument_items (instrument_id, code, scale, value, dimension, optional, position, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, code, scale, extra.value ?? null, extra.dimension ?? null, extra.optional ?? false, position + 1, JSON.stringify(text)],
      );
    }

    await q.query(`
      CREATE TABLE pulse_programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        market_id uuid NOT NULL REFERENCES markets (id),
        segment_id uuid REFERENCES segments (id),
        instrument_id uuid NOT NULL REFERENCES instruments (id),
        name varchar(200) NOT NULL,
        rrule text NOT NULL,
        tier_rrules jsonb NOT NULL DEFAULT '{}',
        local_time varchar(5) NOT NULL DEFAULT '09:00',
        items_per_round integer NOT NULL DEFAULT 5,
        open_days integer NOT NULL DEFAULT 3,
        starts_on date NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE survey_waves (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(10) NOT NULL CHECK (kind IN ('baseline', 'pulse')),
        title varchar(200) NOT NULL,
        market_id uuid NOT NULL REFERENCES markets (id),
        segment_id uuid REFERENCES segments (id),
        instrument_id uuid NOT NULL REFERENCES instruments (id),
        channels text[] NOT NULL,
        item_codes text[] NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        reminders_at timestamptz[] NOT NULL DEFAULT '{}',
        status varchar(10) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
        programme_id uuid REFERENCES pulse_programmes (id),
        round_date date,
        round_number integer,
        launched_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_at > opens_at),
        -- a programme's round is created exactly once, however many workers tick
        CONSTRAINT survey_waves_round_key UNIQUE (programme_id, round_date)
      )`);
    await q.query(`CREATE INDEX survey_waves_market_idx ON survey_waves (market_id, opens_at DESC)`);
    await q.query(`CREATE INDEX survey_waves_open_idx ON survey_waves (closes_at) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        wave_id uuid NOT NULL REFERENCES survey_waves (id),
        -- erased when the wave closes: afterwards nothing links a person to the wave
        employee_id uuid REFERENCES employees (id),
        locale varchar(35) NOT NULL,
        tier_key varchar(40) NOT NULL,
        department varchar(120),
        manager_group uuid,
        tenure_band varchar(10) NOT NULL,
        responded boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invitations_wave_employee_key UNIQUE (wave_id, employee_id)
      )`);
    await q.query(`CREATE INDEX invitations_employee_idx ON invitations (employee_id, created_at)`);
    await q.query(`
      CREATE TABLE responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        wave_id uuid NOT NULL REFERENCES survey_waves (id),
        submitted_on date NOT NULL,
        market_id uuid NOT NULL REFERENCES markets (id),
        tier_key varchar(40) NOT NULL,
        department varchar(120),
        manager_group uuid,
        tenure_band varchar(10) NOT NULL,
        comment text
      )`);
    await q.query(`CREATE INDEX responses_wave_idx ON responses (wave_id)`);
    await q.query(`
      CREATE TABLE answers (
        response_id uuid NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
        item_code varchar(40) NOT NULL,
        value smallint NOT NULL CHECK (value BETWEEN 1 AND 5),
        PRIMARY KEY (response_id, item_code)
      )`);
    // When each person was last asked, for the fatigue cap; kept apart from the invitations,
    // whose link to people is erased when a wave closes.
    await q.query(`
      CREATE TABLE survey_contacts (
        employee_id uuid NOT NULL REFERENCES employees (id),
        invited_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX survey_contacts_employee_idx ON survey_contacts (employee_id, invited_at)`);
    await q.query(`
      CREATE TABLE pulse_mutes (
        employee_id uuid PRIMARY KEY REFERENCES employees (id),
        muted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(30) NOT NULL,
        channel varchar(10) NOT NULL CHECK (channel IN ('email', 'slack')),
        invitation_id uuid REFERENCES invitations (id),
        sequence smallint NOT NULL DEFAULT 0,
        status varchar(10) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
        due_at timestamptz NOT NULL DEFAULT now(),
        attempts smallint NOT NULL DEFAULT 0,
        provider_message_id varchar(300),
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deliveries_invitation_key UNIQUE (invitation_id, kind, channel, sequence)
      )`);
    await q.query(`CREATE INDEX deliveries_due_idx ON deliveries (due_at) WHERE status = 'queued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deliveries, pulse_mutes, survey_contacts, answers, responses, invitations, survey_waves, pulse_programmes, instrument_items, instruments`);
  }
}
