import type { EntityManager } from 'typeorm';
import { directoryWhere, type DirectoryFilter } from '@changepulse/people';
import type { SurveyWave } from './wave.entity';

/** No one gets more than `max` survey invitations in `days` days, whatever programmes exist. */
export interface FatigueCap {
  max: number;
  days: number;
}
export const DEFAULT_FATIGUE_CAP: FatigueCap = { max: 2, days: 7 };

// Tenure in bands, so that the snapshot cannot single out the newest hire by date.
const TENURE_BAND = `CASE
  WHEN e.hire_date IS NULL THEN 'unknown'
  WHEN e.hire_date > (w.opens_at - interval '1 year')::date THEN '<1y'
  WHEN e.hire_date > (w.opens_at - interval '3 years')::date THEN '1-3y'
  WHEN e.hire_date > (w.opens_at - interval '5 years')::date THEN '3-5y'
  ELSE '5y+' END`;

/**
 * Snapshots who is invited, in one statement: the active people of the filter, with a
 * demographic snapshot (never the person on the response). Pulses skip people who muted pulses
 * and people at the fatigue cap. Answers how many were invited.
 */
export async function snapshotInvitations(manager: EntityManager, wave: SurveyWave, filter: DirectoryFilter, cap: FatigueCap): Promise<number> {
  const { where, params } = directoryWhere({ ...filter, status: 'active' });
  const param = (value: unknown) => `$${params.push(value)}`;
  const waveParam = param(wave.id);
  const pulseRules =
    wave.kind === 'pulse'
      ? `AND NOT EXISTS (SELECT 1 FROM pulse_mutes pm WHERE pm.employee_id = e.id)
         AND (SELECT count(*) FROM survey_contacts c
               WHERE c.employee_id = e.id AND c.invited_at > w.opens_at - make_interval(days => ${param(cap.days)})
                 AND c.invited_at <= w.opens_at) < ${param(cap.max)}`
      : '';
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO invitations (wave_id, employee_id, locale, tier_key, department, manager_group, tenure_band)
     SELECT w.id, e.id, COALESCE(e.locale, m.locale), t.key, e.department, e.manager_id, ${TENURE_BAND}
       FROM employees e
       JOIN markets m ON m.id = e.market_id
       JOIN audience_tiers t ON t.id = e.tier_id
       LEFT JOIN employees boss ON boss.id = e.manager_id
       JOIN survey_waves w ON w.id = ${waveParam}
       ${where || 'WHERE true'} ${pulseRules}
     RETURNING id`,
    params,
  );
  await manager.query(`INSERT INTO survey_contacts (employee_id, invited_at) SELECT employee_id, $2 FROM invitations WHERE wave_id = $1`, [wave.id, wave.opensAt]);
  // A submit deletes its invitation's row here and never writes the invitation, so no system
  // column (xmin, ctid) or order ties an invitation to its response (see recordResponse).
  await manager.query(`INSERT INTO unanswered_invitations (invitation_id) SELECT id FROM invitations WHERE wave_id = $1 ORDER BY id`, [wave.id]);
  return rows.length;
}

/** The invitation mails (due when the wave opens) and one reminder row per reminder time. */
export async function queueDeliveries(manager: EntityManager, wave: SurveyWave): Promise<void> {
  await manager.query(
    `INSERT INTO deliveries (kind, channel, invitation_id, sequence, due_at)
     SELECT 'survey_invitation', channel, i.id, 0, greatest($2::timestamptz, now())
       FROM invitations i CROSS JOIN unnest($3::text[]) AS channel
      WHERE i.wave_id = $1`,
    [wave.id, wave.opensAt, wave.channels],
  );
  for (const [index, at] of wave.remindersAt.entries()) {
    await manager.query(
      `INSERT INTO deliveries (kind, channel, invitation_id, sequence, due_at)
       SELECT 'survey_reminder', channel, i.id, $4, $2
         FROM invitations i CROSS JOIN unnest($3::text[]) AS channel
        WHERE i.wave_id = $1`,
      [wave.id, at, wave.channels, index + 1],
    );
  }
}

/**
 * Closing erases the link between tokens and people: the invitations keep their snapshot and
 * whether they were answered (their `unanswered_invitations` rows stay), not who they were for.
 * Mails not yet sent are cancelled.
 */
export async function eraseLinks(manager: EntityManager, waveId: string): Promise<void> {
  await manager.query(
    `UPDATE deliveries SET status = 'cancelled', updated_at = now()
      WHERE status = 'queued' AND invitation_id IN (SELECT id FROM invitations WHERE wave_id = $1)`,
    [waveId],
  );
  await manager.query(`UPDATE invitations SET employee_id = NULL WHERE wave_id = $1`, [waveId]);
}
