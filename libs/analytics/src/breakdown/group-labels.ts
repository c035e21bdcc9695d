import type { DataSource, EntityManager } from 'typeorm';
import type { BreakdownBy } from '../analytics.dto';
import type { RollupRow } from '../rollups/rollup-rows';

/** Readable names for a breakdown's group keys: tier names, departments, "Team of <manager>". */
export async function groupLabels(db: EntityManager | DataSource, by: BreakdownBy, rows: RollupRow[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (by === 'audience') {
    const tiers: Array<{ key: string; name: string }> = await db.query(`SELECT key, name FROM audience_tiers`);
    for (const tier of tiers) labels.set(tier.key, tier.name);
  } else if (by === 'department') {
    labels.set('', 'No department');
  } else {
    labels.set('', 'No manager');
    const ids = [...new Set(rows.map((row) => row.manager).filter((id) => id !== ''))];
    const managers: Array<{ id: string; name: string }> = ids.length
      ? await db.query(`SELECT id::text, trim(concat_ws(' ', first_name, last_name)) AS name FROM employees WHERE id = ANY($1::uuid[])`, [ids])
      : [];
    for (const manager of managers) labels.set(manager.id, `Team of ${manager.name || 'an unnamed manager'}`);
  }
  return labels;
}
