import type { DataSource, EntityManager } from 'typeorm';

/** One rollup row: a wave's sums for one group and one measure. */
export interface RollupRow {
  waveId: string;
  tier: string;
  department: string;
  manager: string;
  measure: string;
  n: number;
  sum: number;
  sumSq: number;
  items: number;
}

interface RawRow {
  wave_id: string;
  tier_key: string;
  department: string;
  manager_group: string;
  measure: string;
  n: number;
  score_sum: number;
  score_sq_sum: number;
  items: number;
}

/** The rollup rows of some waves, in one grouping: 'cell' (tier × department) or 'manager'. */
export async function rollupRows(db: EntityManager | DataSource, waveIds: string[], grouping: 'cell' | 'manager'): Promise<RollupRow[]> {
  if (waveIds.length === 0) return [];
  const rows: RawRow[] = await db.query(
    `SELECT wave_id, tier_key, department, manager_group, measure, n, score_sum, score_sq_sum, items
       FROM rollup_scores WHERE wave_id = ANY($1::uuid[]) AND grouping = $2`,
    [waveIds, grouping],
  );
  return rows.map((row) => ({
    waveId: row.wave_id,
    tier: row.tier_key,
    department: row.department,
    manager: row.manager_group,
    measure: row.measure,
    n: row.n,
    sum: row.score_sum,
    sumSq: row.score_sq_sum,
    items: row.items,
  }));
}
