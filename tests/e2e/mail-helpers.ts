import { eventually, employeeRow, toCsv, type CsvRow, type TestApp, type TestSession, type TestWorker } from '@changepulse/testing';

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export interface DeliveryState {
  id: string;
  kind: string;
  sequence: number;
  status: string;
  attempts: number;
  email: string;
  invitationId: string;
  dueLater: boolean;
  lastError: string | null;
  providerMessageId: string | null;
  sentAt: Date | null;
}

/** The mail suites' helpers, bound to one test app and its in-process worker. */
export function mailHelpers(app: () => TestApp, worker: () => TestWorker) {
  /** A market of its own with these people (one row each; override cells as needed). */
  async function people(...rows: CsvRow[]): Promise<{ session: TestSession; emails: string[] }> {
    const session = await app().session();
    const full = rows.map((row) => employeeRow(session.market.code, row));
    await session.importCsv(toCsv(full));
    return { session, emails: full.filter((row) => row.status !== 'leaver').map((row) => row.email!) };
  }

  /** Creates and launches a wave through the API; answers its id. */
  async function launch(session: TestSession, body: object = {}): Promise<string> {
    const auth = await session.auth('change_manager');
    const { body: draft } = await app().http
      .post('/api/surveys')
      .set(auth)
      .send({ kind: 'baseline', market: session.market.code, channels: ['email'], opensAt: inDays(0), closesAt: inDays(14), ...body })
      .expect(201);
    await app().http.post(`/api/surveys/${draft.id}/launch`).set(auth).expect(200);
    return draft.id;
  }

  /** Every delivery row of a wave, with its recipient's address (while the wave is open). */
  function deliveries(waveId: string): Promise<DeliveryState[]> {
    return app().dataSource.query(
      `SELECT d.id, d.kind, d.sequence, d.status, d.attempts, e.email, i.id AS "invitationId", d.due_at > now() + interval '30 seconds' AS "dueLater",
              d.last_error AS "lastError", d.provider_message_id AS "providerMessageId", d.sent_at AS "sentAt"
         FROM deliveries d JOIN invitations i ON i.id = d.invitation_id LEFT JOIN employees e ON e.id = i.employee_id
        WHERE i.wave_id = $1 ORDER BY d.kind, e.email`,
      [waveId],
    );
  }

  /** Makes a wave's rows of a kind due now (what the clock would do). */
  async function makeDue(waveId: string, kind: 'survey_invitation' | 'survey_reminder'): Promise<void> {
    await app().dataSource.query(`UPDATE deliveries SET due_at = now() WHERE kind = $2 AND invitation_id IN (SELECT id FROM invitations WHERE wave_id = $1)`, [waveId, kind]);
  }

  /**
   * Drains, then waits until no row of the wave is being sent: the worker's own pg-boss handler
   * may have claimed rows first, and its drain then finishes on its own time.
   */
  async function settle(waveId: string): Promise<DeliveryState[]> {
    await worker().deliveries.drain();
    return eventually(async () => {
      const rows = await deliveries(waveId);
      return rows.every((row) => row.status !== 'sending') && rows;
    }, 30_000, `no delivery of wave ${waveId} left sending`);
  }

  return { people, launch, deliveries, makeDue, settle };
}

/** The mail's header block with folded lines unfolded. */
export function rawHeaders(raw: Buffer): string {
  const text = raw.toString('utf8');
  return text.slice(0, text.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
}
