import type { EntityManager } from 'typeorm';
import { suppressSmallGroups } from '@changepulse/analytics';
import type { GroupRateDto } from './wave.dto';
import { answeredSql } from './answered-sql';

interface Counts {
  invited: number;
  responded: number;
}

const rate = ({ invited, responded }: Counts) => ({ invited, responded, responseRate: invited ? responded / invited : 0 });

/** Invited and responded for whole waves, from the invitations' snapshot. */
export async function waveTotals(manager: EntityManager, waveIds: string[]): Promise<Map<string, Counts>> {
  if (waveIds.length === 0) return new Map();
  const rows: Array<Counts & { wave_id: string }> = await manager.query(
    `SELECT wave_id, count(*)::int AS invited,
            count(*) FILTER (WHERE ${answeredSql('invitations')})::int AS responded
       FROM invitations WHERE wave_id = ANY($1) GROUP BY wave_id`,
    [waveIds],
  );
  return new Map(rows.map((row) => [row.wave_id, { invited: row.invited, responded: row.responded }]));
}

export function totalsOf(counts: Counts | undefined) {
  return rate(counts ?? { invited: 0, responded: 0 });
}

/** Response rates per tier or department; groups with fewer invited than the threshold are hidden. */
export async function groupRates(manager: EntityManager, waveId: string, by: 'tier_key' | 'department', minimum: number): Promise<GroupRateDto[]> {
  const rows: Array<Counts & { key: string | null }> = await manager.query(
    `SELECT ${by} AS key, count(*)::int AS invited,
            count(*) FILTER (WHERE ${answeredSql('invitations')})::int AS responded
       FROM invitations WHERE wave_id = $1 GROUP BY ${by} ORDER BY ${by} NULLS LAST`,
    [waveId],
  );
  return suppressSmallGroups(
    rows.map((row) => ({ key: row.key ?? '(none)', size: row.invited, figures: rate(row) })),
    minimum,
  );
}
