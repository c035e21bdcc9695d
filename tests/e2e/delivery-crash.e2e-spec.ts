import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DELIVERY_OPTIONS } from '@changepulse/delivery';
import { cleanEnv, createTestApp, DIST, eventually, Running, SmtpSink, startTestWorker, type TestApp, type TestWorker } from '@changepulse/testing';
import { mailHelpers, type DeliveryState } from './mail-helpers';

const WORKER = join(DIST, 'worker', 'src', 'main.js');
const PEOPLE = 500;
const KILLS = 3;
/** The sink answers each mail this long after its data: five pooled connections send about 50 a second. */
const ANSWER_DELAY_MS = 100;

/** What the test saw right after one kill. */
interface Kill {
  /** Rows the dead worker had claimed and not written back: `sending` under a claim (an attempt) not seen at an earlier kill. */
  held: number;
  /** Of those, the ones the sink had accepted: mails in flight, to be sent again after the lease. */
  inFlight: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const invitations = (rows: DeliveryState[]) => rows.filter((row) => row.kind === 'survey_invitation');

describe('a worker killed mid-send', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestWorker | undefined;
  let running: Running | undefined;
  let dataDir: string;
  const { people, launch, deliveries, settle } = mailHelpers(() => t, () => worker!);

  beforeAll(async () => {
    sink = await SmtpSink.start({ delayMs: ANSWER_DELAY_MS });
    t = await createTestApp({ SMTP_URL: sink.url });
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-crash-'));
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
    await worker?.close();
    await t?.close();
    await sink?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startWorker = () =>
    Running.start(WORKER, [], {
      env: cleanEnv({ DATABASE_URL: t.databaseUrl, DATA_DIR: dataDir, SECRET_KEY: t.config.secretKey!, SMTP_URL: sink.url, LOG_LEVEL: 'warn' }),
    });
  /** The delivery ids the sink has received, from the stable `<delivery id@host>` Message-IDs. */
  const receivedIds = () => new Set([...sink.messageIdCounts().keys()].map((messageId) => messageId.slice(1, messageId.indexOf('@'))));

  it(`loses nothing, finishes within a minute of the last of ${KILLS} kills, and repeats only the mails in flight`, async () => {
    const { session, emails } = await people(...Array.from({ length: PEOPLE }, () => ({})));
    running = startWorker();
    const waveId = await launch(session);
    const kills: Kill[] = [];
    const claims = new Set<string>(); // id/attempt of every row seen held at a kill
    for (let index = 0; index < KILLS; index++) {
      const before = sink.mails.length;
      // Soon after a start, while the worker still holds its first batch (the rest of the wave is left for the next one).
      await eventually(async () => sink.mails.length >= before + 10, 45_000, `worker ${index + 1} to be sending`).catch((error: Error) => {
        throw new Error(`${error.message}; its output: ${running!.output.slice(-2000)}`);
      });
      running.child.kill('SIGKILL');
      await running.exited;
      await sleep(ANSWER_DELAY_MS + 300); // the sink accepts what it had received, as a server would
      const held = invitations(await deliveries(waveId)).filter((row) => row.status === 'sending' && !claims.has(`${row.id}/${row.attempts}`));
      for (const row of held) claims.add(`${row.id}/${row.attempts}`);
      const received = receivedIds();
      kills.push({ held: held.length, inFlight: held.filter((row) => received.has(row.id)).map((row) => row.id) });
      running = startWorker();
    }
    const lastKill = Date.now();
    const rows = await eventually(async () => {
      const rows = invitations(await deliveries(waveId));
      return rows.every((row) => row.status === 'sent') && rows;
    }, 75_000, 'every invitation to be sent');
    const finishedAfterMs = Date.now() - lastKill;

    const counts = new Map([...sink.messageIdCounts()].map(([messageId, count]) => [messageId.slice(1, messageId.indexOf('@')), count]));
    const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
    const inFlight = kills.map((kill) => kill.inFlight.length);
    console.info(JSON.stringify({ people: PEOPLE, heldAtKill: kills.map((kill) => kill.held), inFlight, duplicates, finishedAfterMs }));

    expect(rows).toHaveLength(PEOPLE);
    for (const email of emails) expect(sink.mailsTo(email).length).toBeGreaterThanOrEqual(1); // nothing lost
    expect(counts.size).toBe(PEOPLE);
    expect(finishedAfterMs).toBeLessThan(60_000); // recovered by the lease, not after ten minutes
    // Each lane marks its mail sent before it takes the next: what a kill repeats is what was in flight.
    for (const count of inFlight) expect(count).toBeLessThanOrEqual(DEFAULT_DELIVERY_OPTIONS.concurrency);
    // A mail arrives twice only if it was in flight at a kill (once more per such kill).
    for (const [id, count] of counts) {
      expect({ id, repeats: count - 1 }).toEqual({
        id,
        repeats: Math.min(count - 1, kills.filter((kill) => kill.inFlight.includes(id)).length),
      });
    }
    expect(duplicates).toBeLessThanOrEqual(inFlight.reduce((sum, count) => sum + count, 0));
    running.child.kill('SIGTERM');
    await running.exited;
  }, 120_000);

  it('fails a row that keeps stopping workers instead of sending it forever', async () => {
    worker ??= await startTestWorker(t.config);
    const { session, emails } = await people({});
    const waveId = await launch(session, { opensAt: new Date(Date.now() + 3_600_000).toISOString() });
    await t.dataSource.query(
      `UPDATE deliveries SET status = 'sending', attempts = 6, lease_until = now() - interval '1 second'
        WHERE kind = 'survey_invitation' AND invitation_id IN (SELECT id FROM invitations WHERE wave_id = $1)`,
      [waveId],
    );
    const [row] = invitations(await settle(waveId));
    expect(row).toMatchObject({ status: 'failed', attempts: 6, lastError: 'the worker stopped while sending' });
    expect(sink.mailsTo(emails[0])).toHaveLength(0);
  });
});
