import type { DataSource } from 'typeorm';
import type { SendResult } from './channel-sender';
import type { DeliveryRow } from './delivery-composer';

/** After this many tries a temporary failure becomes `failed`. */
export const MAX_ATTEMPTS = 6;
/** A claim holds its rows this long; the holder renews it, so a row whose lease ran out belongs to a dead worker. */
export const LEASE_SECONDS = 30;
/** How often a drain renews the leases of the rows it still holds: three chances before one runs out. */
export const RENEW_EVERY_MS = 10_000;

/** Seconds until the next try after the `attempts`-th failed: 1 min × 4^(attempts − 1). */
export function retryDelaySeconds(attempts: number): number {
  return 60 * 4 ** (Math.max(1, attempts) - 1);
}

/** A claimed row: `attempts` already counts the try in progress. */
export interface ClaimedRow extends DeliveryRow {
  attempts: number;
}

/** What happened to one row, as written back to the log. */
export type Outcome =
  | { id: string; status: 'sent'; providerMessageId: string }
  | { id: string; status: 'cancelled' | 'failed'; error: string }
  | { id: string; status: 'queued'; error: string; retryInSeconds: number };

/** The row's next state after a send: sent, retried later, or failed for good. */
export function outcomeOf(row: ClaimedRow, result: SendResult): Outcome {
  if (result.ok) return { id: row.id, status: 'sent', providerMessageId: result.providerMessageId };
  if (result.permanent || row.attempts >= MAX_ATTEMPTS) return { id: row.id, status: 'failed', error: result.error };
  return { id: row.id, status: 'queued', error: result.error, retryInSeconds: retryDelaySeconds(row.attempts) };
}

/** The SQL of the delivery log; each method is one statement, so each write is atomic on its own. */
export class DeliveryLog {
  /**
   * @param holder this worker's id: its claims carry it, and only it renews them or writes back
   *   anything but `sent` (a row taken back from it meanwhile belongs to someone else).
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly holder: string,
  ) {}

  /**
   * Takes up to `limit` due rows of the given kinds and channels for this worker: `sending` under
   * a lease, one more attempt. Commits at once, so other workers skip them (SKIP LOCKED) and a
   * crash leaves them to `recoverExpired()` once the lease runs out.
   */
  async claim(limit: number, kinds: string[], channels: string[]): Promise<ClaimedRow[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = (await this.dataSource.query(
      `UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, claimed_by = $4,
              lease_until = now() + make_interval(secs => $5), updated_at = now()
         FROM (SELECT id FROM deliveries
                WHERE status = 'queued' AND due_at <= now() AND kind = ANY($2) AND channel = ANY($3)
                ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE d.id = due.id
       RETURNING d.id, d.kind, d.channel, d.invitation_id AS "invitationId", d.sequence, d.attempts`,
      [limit, kinds, channels, this.holder, LEASE_SECONDS],
    )) as [ClaimedRow[], number];
    return rows;
  }

  /**
   * Rows whose lease ran out (their worker stopped mid-send) go back to the queue, due at once:
   * sent again at most once more. After MAX_ATTEMPTS such stops a row is failed instead of looping.
   */
  async recoverExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE deliveries
          SET status = CASE WHEN attempts >= $1 THEN 'failed' ELSE 'queued' END,
              claimed_by = NULL, lease_until = NULL, last_error = 'the worker stopped while sending', updated_at = now()
        WHERE status = 'sending' AND lease_until < now()`,
      [MAX_ATTEMPTS],
    )) as [unknown[], number];
    return count;
  }

  /**
   * Puts back in the queue the rows this worker still has `sending` and no drain of it holds (a
   * drain cut short by the database): never tried, so the attempt their claim counted is undone.
   */
  async releaseOwn(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE deliveries SET status = 'queued', attempts = GREATEST(attempts - 1, 0), claimed_by = NULL, lease_until = NULL, updated_at = now()
        WHERE status = 'sending' AND claimed_by = $1`,
      [this.holder],
    )) as [unknown[], number];
    return count;
  }

  /** Milliseconds until the next lease of any worker runs out (by the database's clock); null when no row is being sent. */
  async nextLeaseEndsInMs(): Promise<number | null> {
    const [{ ms }] = (await this.dataSource.query(
      `SELECT (extract(epoch FROM min(lease_until) - now()) * 1000)::float8 AS ms FROM deliveries WHERE status = 'sending'`,
    )) as Array<{ ms: number | null }>;
    return ms;
  }

  /** Extends the leases of rows this worker still holds. */
  async renew(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE deliveries SET lease_until = now() + make_interval(secs => $3)
        WHERE id = ANY($1) AND status = 'sending' AND claimed_by = $2`,
      [ids, this.holder, LEASE_SECONDS],
    );
  }

  /**
   * Writes outcomes back in one statement. A row moves only while this worker holds it, except
   * to `sent`: a mail the server accepted is sent, even if the row was taken back meanwhile.
   */
  async record(outcomes: Outcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const column = <T>(pick: (outcome: Outcome) => T | undefined) => outcomes.map((outcome) => pick(outcome) ?? null);
    await this.dataSource.query(
      `UPDATE deliveries d
          SET status = o.status,
              provider_message_id = COALESCE(o.provider_message_id, d.provider_message_id),
              sent_at = CASE WHEN o.status = 'sent' THEN now() ELSE d.sent_at END,
              due_at = CASE WHEN o.retry_in IS NULL THEN d.due_at ELSE now() + make_interval(secs => o.retry_in) END,
              last_error = COALESCE(o.last_error, d.last_error),
              claimed_by = NULL, lease_until = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[]) AS o(id, status, provider_message_id, retry_in, last_error)
        WHERE d.id = o.id
          AND ((d.status = 'sending' AND d.claimed_by = $6) OR (o.status = 'sent' AND d.status IN ('sending', 'queued')))`,
      [
        column((o) => o.id),
        column((o) => o.status),
        column((o) => (o.status === 'sent' ? o.providerMessageId : undefined)),
        column((o) => (o.status === 'queued' ? o.retryInSeconds : undefined)),
        column((o) => (o.status === 'sent' ? undefined : o.error)),
        this.holder,
      ],
    );
  }
}
