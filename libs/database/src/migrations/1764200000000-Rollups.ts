import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups for analytics: per wave and group, respondent-level sums (count, sum and sum of squares
 * of each respondent's score) per measure, so that figures, intervals and tests come from a few
 * hundred rows instead of every answer. The worker rebuilds one wave's rows when answers arrive.
 */
export class Rollups1764200000000 implements MigrationInterface {
  name = 'Rollups1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rollup_waves (
        wave_id uuid PRIMARY KEY REFERENCES survey_waves (id) ON DELETE CASCADE,
        market_id uuid NOT NULL REFERENCES markets (id),
        responses integer NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // grouping 'cell' is tier × department (progress, weighting, audience and department
    // breakdowns); 'manager' is the team of one manager. Empty strings stand for "none" so that
    // the key can be a primary key. Measures: 'invited' (n = invited, items = responded),
    // 'responses' (n = responses, items = with a comment), 'cli', the five values, the three
    // readiness dimensions.
    await q.query(`
      CREATE TABLE rollup_scores (
        wave_id uuid NOT NULL REFERENCES survey_waves (id) ON DELETE CASCADE,
        grouping varchar(10) NOT NULL CHECK (grouping IN ('cell', 'manager')),
        tier_key varchar(40) NOT NULL DEFAULT '',
        department varchar(120) NOT NULL DEFAULT '',
        manager_group varchar(36) NOT NULL DEFAULT '',
        measure varchar(20) NOT NULL,
        n integer NOT NULL,
        score_sum double precision NOT NULL DEFAULT 0,
        score_sq_sum double precision NOT NULL DEFAULT 0,
        items integer NOT NULL DEFAULT 0,
        PRIMARY KEY (wave_id, grouping, tier_key, department, manager_group, measure)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rollup_scores, rollup_waves`);
  }
}
