import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DELIVERY_OPTIONS } from '@changepulse/delivery';
import { cleanEnv, createTestApp, DIST, eventually, Running, SmtpSink, TcpRelay, type TestApp, type TestWorker } from '@changepulse/testing';
import { mailHelpers } from './mail-helpers';

const WORKER = join(DIST, 'worker', 'src', 'main.js');
const PEOPLE = 300;
/** The sink answers each mail this long after its data: five pooled connections send about 50 a second. */
const ANSWER_DELAY_MS = 100;
/** How long the database stays away: longer than a renewal (10 s would be the lease's third), shorter than the lease. */
const OUTAGE_MS = 7_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The database killed in the middle of a send-out, as the worker sees it: the real worker
 * process reaches PostgreSQL through a relay the test cuts (every connection reset, new ones
 * refused) and restores. The test itself reads the rows directly, so it sees what the worker
 * could not write meanwhile.
 */
describe('a send-out while the database goes away', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let relay: TcpRelay;
  let running: Running | undefined;
  let dataDir: string;
  const { people, launch, deliveries } = mailHelpers(() => t, () => undefined as unknown as TestWorker);

  beforeAll(async () => {
    sink = await SmtpSink.start({ delayMs: ANSWER_DELAY_MS });
    t = await createTestApp({ SMTP_URL: sink.url });
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-db-outage-'));
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
    await relay?.restore();
    await relay?.cut();
    await t?.close();
    await sink?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The delivery ids the sink has received, from the stable `<delivery id@host>` Message-IDs, with how often. */
  const receivedCounts = () => new Map([...sink.messageIdCounts()].map(([messageId, count]) => [messageId.slice(1, messageId.indexOf('@')), count]));

  it('stops sending what it cannot mark, goes on by itself when the database is back, loses nothing and repeats nothing', async () => {
    const { session, emails } = await people(...Array.from({ length: PEOPLE }, () => ({})));
    const relayed = await TcpRelay.forUrl(t.databaseUrl);
    relay = relayed.relay;
    running = Running.start(WORKER, [], {
      env: cleanEnv({ DATABASE_URL: relayed.url, DATA_DIR: dataDir, SECRET_KEY: t.config.secretKey!, SMTP_URL: sink.url, LOG_LEVEL: 'info' }),
    });
    const pid = running.child.pid;
    const waveId = await launch(session);

    await eventually(async () => sink.mails.length >= 60, 45_000, 'the worker to be sending').catch((error: Error) => {
      throw new Error(`${error.message}; its output: ${running!.output.slice(-2000)}`);
    });
    await relay.cut();
    const cutAt = Date.now();
    const atCut = sink.mails.length;
    // The lanes finish the mails they hold, then stop: wait until the sink has had nothing for a second.
    let quiet = sink.mails.length;
    await eventually(async () => {
      const now = sink.mails.length;
      const settled = now === quiet && sink.answeringCount === 0;
      quiet = now;
      return settled;
    }, OUTAGE_MS, 'the worker to stop sending');
    await sleep(1000);
    const sentDuringOutage = sink.mails.length - atCut;
    const received = receivedCounts();
    const rowsDuringOutage = (await deliveries(waveId)).filter((row) => row.kind === 'survey_invitation');
    // Accepted by the server while the worker could not write `sent`: what a dead worker would repeat.
    const acceptedUnmarked = rowsDuringOutage.filter((row) => row.status === 'sending' && received.has(row.id)).length;
    const heldAtCut = rowsDuringOutage.filter((row) => row.status === 'sending').length;
    await sleep(Math.max(0, cutAt + OUTAGE_MS - Date.now()));
    const receivedBeforeRestore = sink.mails.length;
    await relay.restore();
    const restoredAt = Date.now();

    const rows = await eventually(async () => {
      const rows = (await deliveries(waveId)).filter((row) => row.kind === 'survey_invitation');
      return rows.every((row) => row.status === 'sent') && rows;
    }, 60_000, 'every invitation to be sent').catch((error: Error) => {
      throw new Error(`${error.message}; worker output: ${running!.output.slice(-3000)}`);
    });
    const finishedAfterMs = Date.now() - restoredAt;
    const counts = receivedCounts();
    const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
    const lines = running.output.split('\n');
    const outageLines = lines.filter((line) => /database (unavailable|still unavailable|available again)/.test(line));
    console.info(
      JSON.stringify({
        people: PEOPLE,
        atCut,
        heldAtCut,
        sentDuringOutage,
        acceptedUnmarked,
        mailedWhileAway: receivedBeforeRestore - atCut,
        duplicates,
        finishedAfterMs,
        outageLines,
      }),
    );

    expect([running.child.pid, running.child.exitCode, running.child.signalCode]).toEqual([pid, null, null]); // the worker lived through it
    expect(rows).toHaveLength(PEOPLE);
    for (const email of emails) expect(sink.mailsTo(email).length).toBeGreaterThanOrEqual(1); // nothing lost
    expect(counts.size).toBe(PEOPLE);
    expect(finishedAfterMs).toBeLessThan(60_000);
    // The lanes stop once a write fails: at most the mails they held went out unmarked.
    expect(acceptedUnmarked).toBeGreaterThan(0);
    expect(acceptedUnmarked).toBeLessThanOrEqual(DEFAULT_DELIVERY_OPTIONS.concurrency);
    expect(sentDuringOutage).toBeLessThanOrEqual(DEFAULT_DELIVERY_OPTIONS.concurrency);
    // The worker kept the outcomes it could not write and wrote them first when the database came back.
    expect(duplicates).toBe(0);
    // The claims it never tried went back without costing an attempt.
    expect(rows.filter((row) => row.attempts !== 1)).toEqual([]);
    // Once when it went, once when it came back with a count; not a line per failed statement.
    expect(outageLines).toEqual([
      expect.stringMatching(/database unavailable/),
      expect.stringMatching(/database available again after \d+ s; meanwhile [\d,]+ background errors/),
    ]);
    expect(lines.filter((line) => /Draining deliveries failed|Could not renew|Could not look for leases|"level":50|ERROR/.test(line))).toEqual([]);
    running.child.kill('SIGTERM');
    await running.exited;
  }, 120_000);
});
