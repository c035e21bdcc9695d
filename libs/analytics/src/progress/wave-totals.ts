import type { DataSource, EntityManager } from 'typeorm';
import type { RollupRow } from '../rollups/rollup-rows';

/**
 * Per wave and tier × department cell, the CLI sums and the invited counts: what a trend needs
 * (raw and re-weighted), without every measure of every round.
 */
export async function waveTotalRows(db: EntityManager | DataSource, waveIds: string[]): Promise<Map<string, RollupRow[]>> {
  const byWave = new Map<string, RollupRow[]>();
  if (waveIds.length === 0) return byWave;
  const rows: Array<{ wave_id: string; tier_key: string; department: string; measure: string; n: number; sum: number; sq: number; items: number }> = await db.query(
    `SELECT wave_id, tier_key, department, measure, n, score_sum AS sum, score_sq_sum AS sq, items
       FROM rollup_scores WHERE wave_id = ANY($1::uuid[]) AND grouping = 'cell' AND measure IN ('cli', 'invited')`,
    [waveIds],
  );
  for (const row of rows) {
    const list = byWave.get(row.wave_id) ?? [];
    list.push({ waveId: row.wave_id, tier: row.tier_key, department: row.department, manager: '', measure: row.measure, n: row.n, sum: row.sum, sumSq: row.sq, items: row.items });
    byWave.set(row.wave_id, list);
  }
  return byWave;
}
