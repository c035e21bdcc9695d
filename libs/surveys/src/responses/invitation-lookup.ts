import type { EntityManager } from 'typeorm';
import type { WaveKind, WaveStatus } from '../waves/wave.entity';

/** An invitation with what its pages need of its wave and market. */
export interface InvitationContext {
  id: string;
  locale: string;
  responded: boolean;
  /** False once the wave closed and the link to the person was erased. */
  linked: boolean;
  waveId: string;
  kind: WaveKind;
  status: WaveStatus;
  opensAt: Date;
  closesAt: Date;
  itemCodes: string[];
  instrumentId: string;
  timezone: string;
}

/** Where an invitation stands: answerable, or why not. */
export type InvitationState = 'open' | 'closed' | 'not-open' | 'answered';

/** One query: the invitation, its wave and its market's timezone; null when there is no such invitation. */
export async function findInvitation(manager: EntityManager, id: string): Promise<InvitationContext | null> {
  const rows: InvitationContext[] = await manager.query(
    `SELECT i.id, i.locale, i.responded, i.employee_id IS NOT NULL AS linked, w.id AS "waveId", w.kind, w.status,
            w.opens_at AS "opensAt", w.closes_at AS "closesAt", w.item_codes AS "itemCodes", w.instrument_id AS "instrumentId", m.timezone
       FROM invitations i
       JOIN survey_waves w ON w.id = i.wave_id
       JOIN markets m ON m.id = w.market_id
      WHERE i.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Locks the invitation (a concurrent submit of the same token waits here, then sees it answered)
 * and shares the wave's key lock (closing the wave waits for submits in flight, and a submit
 * after the close sees it closed). Answers the fresh state.
 */
export async function lockInvitation(manager: EntityManager, id: string): Promise<Pick<InvitationContext, 'responded' | 'status' | 'opensAt' | 'closesAt'> | null> {
  const rows: Array<Pick<InvitationContext, 'responded' | 'status' | 'opensAt' | 'closesAt'>> = await manager.query(
    `SELECT i.responded, w.status, w.opens_at AS "opensAt", w.closes_at AS "closesAt"
       FROM invitations i JOIN survey_waves w ON w.id = i.wave_id
      WHERE i.id = $1
        FOR UPDATE OF i FOR KEY SHARE OF w`,
    [id],
  );
  return rows[0] ?? null;
}

/** A closed wave wins over everything, then one not yet open, then an answer already given. */
export function invitationState(invitation: Pick<InvitationContext, 'responded' | 'status' | 'opensAt' | 'closesAt'>, now = new Date()): InvitationState {
  if (invitation.status === 'closed' || invitation.closesAt <= now) return 'closed';
  if (invitation.status !== 'open' || invitation.opensAt > now) return 'not-open';
  return invitation.responded ? 'answered' : 'open';
}

/**
 * Records one response: the wave, the day in the market's timezone (no time of day), the
 * invitation's demographic snapshot, the comment and the answers; marks the invitation answered.
 * Neither the person nor the invitation is written to the response.
 */
export async function recordResponse(manager: EntityManager, invitationId: string, timezone: string, answers: Map<string, number>, comment: string | null): Promise<void> {
  await manager.query(
    `WITH response AS (
       INSERT INTO responses (wave_id, submitted_on, market_id, tier_key, department, manager_group, tenure_band, comment)
       SELECT i.wave_id, (now() AT TIME ZONE $2)::date, w.market_id, i.tier_key, i.department, i.manager_group, i.tenure_band, $3
         FROM invitations i JOIN survey_waves w ON w.id = i.wave_id
        WHERE i.id = $1
       RETURNING id
     ), answered AS (
       INSERT INTO answers (response_id, item_code, value)
       SELECT response.id, answer.code, answer.value FROM response, unnest($4::text[], $5::smallint[]) AS answer (code, value)
     )
     UPDATE invitations SET responded = true WHERE id = $1`,
    [invitationId, timezone, comment, [...answers.keys()], [...answers.values()]],
  );
}
