import type { DataSource, EntityManager } from 'typeorm';

/** The measures a respondent gets a score for: the values (and the CLI over them) and the readiness dimensions. */
const SCORES = `
  WITH wave AS (SELECT id, instrument_id FROM survey_waves WHERE id = $1),
  per_measure AS (
    SELECT r.id AS response_id, r.tier_key, COALESCE(r.department, '') AS department,
           COALESCE(r.manager_group::text, '') AS manager_group, i.scale,
           COALESCE(i.value, i.dimension) AS measure,
           avg((a.value >= 4)::int)::float8 AS score, count(*)::int AS items
      FROM responses r
      JOIN answers a ON a.response_id = r.id
      JOIN wave ON wave.id = r.wave_id
      JOIN instrument_items i ON i.instrument_id = wave.instrument_id AND i.code = a.item_code
     WHERE r.wave_id = $1 AND i.scale IN ('frequency', 'agreement')
     GROUP BY r.id, r.tier_key, r.department, r.manager_group, i.scale, COALESCE(i.value, i.dimension)
  ),
  scores AS (
    SELECT response_id, tier_key, department, manager_group, measure, score, items FROM per_measure
    UNION ALL
    -- a respondent's CLI: the mean of their value shares, each value weighing the same
    SELECT response_id, tier_key, department, manager_group, 'cli', avg(score), sum(items)::int
      FROM per_measure WHERE scale = 'frequency'
     GROUP BY response_id, tier_key, department, manager_group
  )`;

// An invitation is answered once its unanswered_invitations row is gone (as libs/surveys reads it).
const ANSWERED = `NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = invitations.id)`;
const INSERT = `INSERT INTO rollup_scores (wave_id, grouping, tier_key, department, manager_group, measure, n, score_sum, score_sq_sum, items)`;

/**
 * Rebuilds one wave's rollups from its answers, in the caller's transaction. The cost is bounded
 * by the wave's size, not by all answers ever given; the wave row is locked so that two workers
 * refreshing the same wave queue up instead of interleaving.
 */
export async function refreshWaveRollups(manager: EntityManager, waveId: string): Promise<void> {
  const [wave]: Array<{ market_id: string }> = await manager.query(`SELECT market_id FROM survey_waves WHERE id = $1 FOR UPDATE`, [waveId]);
  if (!wave) return;
  await manager.query(`DELETE FROM rollup_scores WHERE wave_id = $1`, [waveId]);
  await manager.query(
    `${SCORES}
     ${INSERT}
     SELECT $1, 'cell', tier_key, department, '', measure, count(*), sum(score), sum(score * score), sum(items)
       FROM scores GROUP BY tier_key, department, measure
     UNION ALL
     SELECT $1, 'manager', '', '', manager_group, measure, count(*), sum(score), sum(score * score), sum(items)
       FROM scores GROUP BY manager_group, measure`,
    [waveId],
  );
  await manager.query(
    `${INSERT}
     SELECT $1, 'cell', tier_key, COALESCE(department, ''), '', 'invited', count(*), 0, 0,
            count(*) FILTER (WHERE ${ANSWERED})
       FROM invitations WHERE wave_id = $1 GROUP BY tier_key, COALESCE(department, '')
     UNION ALL
     SELECT $1, 'manager', '', '', COALESCE(manager_group::text, ''), 'invited', count(*), 0, 0,
            count(*) FILTER (WHERE ${ANSWERED})
       FROM invitations WHERE wave_id = $1 GROUP BY COALESCE(manager_group::text, '')
     UNION ALL
     SELECT $1, 'cell', tier_key, COALESCE(department, ''), '', 'responses', count(*), 0, 0, count(comment)
       FROM responses WHERE wave_id = $1 GROUP BY tier_key, COALESCE(department, '')
     UNION ALL
     SELECT $1, 'manager', '', '', COALESCE(manager_group::text, ''), 'responses', count(*), 0, 0, count(comment)
       FROM responses WHERE wave_id = $1 GROUP BY COALESCE(manager_group::text, '')`,
    [waveId],
  );
  await manager.query(
    `INSERT INTO rollup_waves (wave_id, market_id, responses, refreshed_at)
     SELECT $1, $2, count(*), now() FROM responses WHERE wave_id = $1
     ON CONFLICT (wave_id) DO UPDATE SET responses = EXCLUDED.responses, refreshed_at = EXCLUDED.refreshed_at`,
    [waveId, wave.market_id],
  );
}

/** Refreshes each wave in its own transaction. */
export async function refreshRollups(dataSource: DataSource, waveIds: string[]): Promise<void> {
  for (const waveId of waveIds) await dataSource.transaction((manager) => refreshWaveRollups(manager, waveId));
}

/**
 * Waves whose rollups may lag their answers: open ones whose response count moved, and ones
 * launched or closed since their last refresh (closing also changes nothing but is cheap to redo).
 */
export async function staleWaves(manager: EntityManager | DataSource): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT w.id FROM survey_waves w
       LEFT JOIN rollup_waves r ON r.wave_id = w.id
      WHERE w.status <> 'draft'
        AND (r.wave_id IS NULL
             OR (w.status = 'open' AND r.responses <> (SELECT count(*) FROM responses x WHERE x.wave_id = w.id))
             OR w.closed_at > r.refreshed_at)
      ORDER BY w.opens_at`,
  );
  return rows.map((row) => row.id);
}
