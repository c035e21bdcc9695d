import type { EntityManager } from 'typeorm';

const SHOWN = 3;

/**
 * What uses a segment, in words ("the survey "Baseline DE" and 2 more"), or null when nothing does.
 * Asked of the tables directly: the surveys lib depends on this one, not the other way round.
 */
export async function segmentUsers(manager: EntityManager, segmentId: string): Promise<string | null> {
  const rows: Array<{ kind: string; name: string; total: number }> = await manager.query(
    `SELECT kind, name, count(*) OVER ()::int AS total FROM (
       SELECT 'survey' AS kind, title AS name, opens_at AS at FROM survey_waves WHERE segment_id = $1
       UNION ALL
       SELECT 'pulse programme', name, created_at FROM pulse_programmes WHERE segment_id = $1
     ) used ORDER BY at DESC LIMIT ${SHOWN}`,
    [segmentId],
  );
  if (rows.length === 0) return null;
  const named = rows.map((row) => `the ${row.kind} "${row.name}"`).join(', ');
  const more = rows[0].total - rows.length;
  return more > 0 ? `${named} and ${more} more` : named;
}
