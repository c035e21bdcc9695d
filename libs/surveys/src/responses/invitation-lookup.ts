import type { DataSource } from 'typeorm';
import type { WaveKind, WaveStatus } from '../waves/wave.entity';
import { preparedQuery } from './prepared-query';
import { answeredSql } from '../waves/answered-sql';

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
export async function findInvitation(dataSource: DataSource, id: string): Promise<InvitationContext | null> {
  const rows = await preparedQuery<InvitationContext>(
    dataSource,
    'answer-page:find-invitation',
    `SELECT i.id, i.locale, ${answeredSql('i')} AS responded,
            i.employee_id IS NOT NULL AS linked, w.id AS "waveId", w.kind, w.status,
            w.opens_at AS "opensAt", w.closes_at AS "closesAt", w.item_codes AS "itemCodes", w.instrument_id AS "instrumentId", m.timezone
       FROM invitations i
       JOIN survey_waves w ON w.id = i.wave_id
       JOIN markets m ON m.id = w.market_id
      WHERE i.id = $1`,
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
 * Records one response in one statement: one transaction, one round trip. It shares the wave's
 * key lock (a close waits for submits in flight; a submit after it finds the wave closed) and
 * re-checks, by the app's clock as `invitationState` does, that the wave is open; deleting the
 * invitation's `unanswered_invitations` row is the once-only check (a concurrent submit of the
 * same token waits on the row, then deletes nothing and writes nothing). Only then it writes the
 * response (the wave, the day in the market's timezone, the invitation's demographic snapshot,
 * the comment) and its answers. The invitation row itself is only read, never written: the
 * response's xmin then matches no visible row of the invitation's side (a deleted row is
 * invisible), and no ctid or timestamp there moves at submit. Neither the person nor the
 * invitation is written to the response. False when the re-check refused.
 */
export async function recordResponse(dataSource: DataSource, invitationId: string, timezone: string, answers: Map<string, number>, comment: string | null, now = new Date()): Promise<boolean> {
  const rows = await preparedQuery(
    dataSource,
    'answer-page:record-response',
    `WITH invitation AS (
       SELECT i.id, i.wave_id, w.market_id, i.tier_key, i.department, i.manager_group, i.tenure_band
         FROM survey_waves w JOIN invitations i ON i.wave_id = w.id
        WHERE i.id = $1 AND w.status = 'open' AND w.opens_at <= $6 AND w.closes_at > $6
          FOR KEY SHARE OF w
     ), answered AS (
       DELETE FROM unanswered_invitations u USING invitation WHERE u.invitation_id = invitation.id
       RETURNING invitation.*
     ), response AS (
       INSERT INTO responses (wave_id, submitted_on, market_id, tier_key, department, manager_group, tenure_band, comment)
       SELECT wave_id, ($6::timestamptz AT TIME ZONE $2)::date, market_id, tier_key, department, manager_group, tenure_band, $3 FROM answered
       RETURNING id
     ), answer_rows AS (
       INSERT INTO answers (response_id, item_code, value)
       SELECT response.id, answer.code, answer.value FROM response, unnest($4::text[], $5::smallint[]) AS answer (code, value)
     )
     SELECT id FROM answered`,
    [invitationId, timezone, comment, [...answers.keys()], [...answers.values()], now],
  );
  return rows.length === 1;
}
