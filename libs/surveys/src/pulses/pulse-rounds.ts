import type { EntityManager } from 'typeorm';
import type { DirectoryFilter } from '@changepulse/people';
import { SurveyWave } from '../waves/wave.entity';
import { snapshotInvitations, type FatigueCap } from '../waves/wave-launch';
import type { PulseProgramme } from './programme.entity';

export interface RoundPlan {
  programme: PulseProgramme;
  date: string;
  number: number;
  items: string[];
  tiers: string[];
  filter: DirectoryFilter;
}

/**
 * Creates one pulse round inside the caller's transaction: the wave (at most once per programme
 * and date: the unique key decides), its invitations, and each person's mail due at the
 * programme's local time in their own time zone. Answers the wave id, or null when the round
 * existed already.
 */
export async function createRound(manager: EntityManager, plan: RoundPlan, cap: FatigueCap): Promise<string | null> {
  const { programme } = plan;
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO survey_waves (kind, title, market_id, segment_id, instrument_id, channels, item_codes, opens_at, closes_at,
                               status, programme_id, round_date, round_number, launched_at)
     SELECT 'pulse', $1, m.id, $2, $3, '{email}', $4,
            ($5::date + $6::time) AT TIME ZONE m.timezone,
            ($5::date + $6::time) AT TIME ZONE m.timezone + make_interval(days => $7),
            'open', $8, $5::date, $9, now()
       FROM markets m WHERE m.id = $10
     ON CONFLICT (programme_id, round_date) DO NOTHING
     RETURNING id`,
    [`${programme.name} ${plan.date}`, programme.segmentId, programme.instrumentId, plan.items, plan.date, programme.localTime, programme.openDays, programme.id, plan.number, programme.marketId],
  );
  if (inserted.length === 0) return null;
  const wave = await manager.findOneByOrFail(SurveyWave, { id: inserted[0].id });
  if (plan.tiers.length > 0) await snapshotInvitations(manager, wave, { ...plan.filter, audiences: plan.tiers }, cap);
  // The wall-clock time in each person's zone; PostgreSQL knows the zones' rules and their DST.
  await manager.query(
    `INSERT INTO deliveries (kind, channel, invitation_id, sequence, due_at)
     SELECT 'survey_invitation', 'email', i.id, 0, ($2::date + $3::time) AT TIME ZONE COALESCE(e.timezone, m.timezone)
       FROM invitations i JOIN employees e ON e.id = i.employee_id JOIN markets m ON m.id = e.market_id
      WHERE i.wave_id = $1`,
    [wave.id, plan.date, programme.localTime],
  );
  // The wave is open from the first person's time to the last person's time plus the open days.
  await manager.query(
    `UPDATE survey_waves w SET opens_at = d.first, closes_at = d.last + make_interval(days => $2)
       FROM (SELECT min(due_at) AS first, max(due_at) AS last FROM deliveries d JOIN invitations i ON i.id = d.invitation_id WHERE i.wave_id = $1) d
      WHERE w.id = $1 AND d.first IS NOT NULL`,
    [wave.id, programme.openDays],
  );
  return wave.id;
}
