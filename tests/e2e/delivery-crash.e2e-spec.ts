import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, createTestApp, DIST, eventually, Running, SmtpSink, startTestWorker, type TestApp, type TestWorker } from '@changepulse/testing';
import { mailHelpers } from './mail-helpers';

const WORKER = join(DIST, 'worker', 'src', 'main.js');

describe('a worker killed mid-send', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestWorker | undefined;
  let dataDir: string;
  const { people, launch, deliveries, settle } = mailHelpers(() => t, () => worker!);

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({ SMTP_URL: sink.url });
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-crash-'));
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const statuses = async (waveId: string) => (await deliveries(waveId)).filter((row) => row.kind === 'survey_invitation').map((row) => row.status);

  it('loses nothing: what it held is sent again, once, after ten minutes, and nothing sooner', async () => {
    const { session, emails } = await people({}, {}, {});
    sink.stall(); // the server takes the messages and never answers, so the worker hangs mid-send
    const env = cleanEnv({ DATABASE_URL: t.databaseUrl, DATA_DIR: dataDir, SECRET_KEY: t.config.secretKey!, SMTP_URL: sink.url, LOG_LEVEL: 'warn' });
    const killed = Running.start(WORKER, [], { env });
    try {
      const waveId = await launch(session);
      await eventually(async () => sink.stalledCount > 0, 30_000, 'the worker to be mid-send');
      killed.child.kill('SIGKILL');
      await killed.exited;
      expect(await statuses(waveId)).toEqual(['sending', 'sending', 'sending']);
      expect(sink.mails).toHaveLength(0);

      sink.stall(false);
      worker = await startTestWorker(t.config);
      await worker.deliveries.drain(); // held for less than ten minutes: another worker may still be on it
      expect(await statuses(waveId)).toEqual(['sending', 'sending', 'sending']);

      await t.dataSource.query(
        `UPDATE deliveries SET updated_at = now() - interval '11 minutes' WHERE status = 'sending' AND invitation_id IN (SELECT id FROM invitations WHERE wave_id = $1)`,
        [waveId],
      );
      const rows = (await settle(waveId)).filter((row) => row.kind === 'survey_invitation');
      expect(rows.map((row) => ({ status: row.status, attempts: row.attempts }))).toEqual(Array(3).fill({ status: 'sent', attempts: 2 }));
      for (const email of emails) expect(sink.mailsTo(email)).toHaveLength(1);
      await worker.deliveries.drain();
      expect(sink.mails).toHaveLength(3);
    } finally {
      if (killed.child.exitCode === null && killed.child.signalCode === null) killed.child.kill('SIGKILL');
    }
  });

  it('fails a row that keeps stopping workers instead of sending it forever', async () => {
    worker ??= await startTestWorker(t.config);
    const { session, emails } = await people({});
    const waveId = await launch(session, { opensAt: new Date(Date.now() + 3_600_000).toISOString() });
    await t.dataSource.query(
      `UPDATE deliveries SET status = 'sending', attempts = 6, updated_at = now() - interval '11 minutes'
        WHERE kind = 'survey_invitation' AND invitation_id IN (SELECT id FROM invitations WHERE wave_id = $1)`,
      [waveId],
    );
    const [row] = (await settle(waveId)).filter((delivery) => delivery.kind === 'survey_invitation');
    expect(row).toMatchObject({ status: 'failed', attempts: 6, lastError: 'the worker stopped while sending' });
    expect(sink.mailsTo(emails[0])).toHaveLength(0);
  });
});
