import { createTestApp, SmtpSink, startTestWorker, type TestApp, type TestWorker } from '@changepulse/testing';
import { mailHelpers } from './mail-helpers';

describe('delivery retries and failures', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestWorker;
  const { people, launch, deliveries, makeDue, settle } = mailHelpers(() => t, () => worker);

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({ SMTP_URL: sink.url });
    worker = await startTestWorker(t.config);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  const invitationTo = async (waveId: string, email: string) => (await deliveries(waveId)).find((row) => row.kind === 'survey_invitation' && row.email === email)!;

  it('keeps a mail the server answered 421 for a later try, then sends it once on the next due drain', async () => {
    const { session, emails } = await people({}, {});
    const [busy, fine] = emails;
    sink.answer(busy, 421, 250);
    const waveId = await launch(session);
    await settle(waveId);

    const first = await invitationTo(waveId, busy);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, dueLater: true, lastError: expect.stringContaining('421'), sentAt: null });
    expect(await invitationTo(waveId, fine)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.mailsTo(busy)).toHaveLength(0);

    await worker.deliveries.drain(); // not due yet: nothing happens
    expect(await invitationTo(waveId, busy)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(sink.attemptsFor(busy)).toBe(1);

    await makeDue(waveId, 'survey_invitation');
    await settle(waveId);
    expect(await invitationTo(waveId, busy)).toMatchObject({ status: 'sent', attempts: 2, providerMessageId: `<${first.id}@localhost>` });
    expect(sink.attemptsFor(busy)).toBe(2);
    const [mail] = sink.mailsTo(busy);
    expect(sink.mailsTo(busy)).toHaveLength(1);
    expect(mail.parsed.messageId).toBe(`<${first.id}@localhost>`);
    expect(sink.mailsTo(fine)).toHaveLength(1);
  });

  it('backs off longer after each temporary failure and gives up after six tries', async () => {
    const { session, emails } = await people({});
    sink.answer(emails[0], 451);
    const waveId = await launch(session);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      if (attempt > 1) await makeDue(waveId, 'survey_invitation');
      await settle(waveId);
      const [{ seconds }] = await t.dataSource.query(
        `SELECT round(extract(epoch FROM d.due_at - d.updated_at))::int AS seconds FROM deliveries d JOIN invitations i ON i.id = d.invitation_id
          WHERE i.wave_id = $1 AND d.kind = 'survey_invitation'`,
        [waveId],
      );
      delays.push(seconds);
    }
    expect(delays.slice(0, 5)).toEqual([60, 240, 960, 3840, 15360]);
    expect(await invitationTo(waveId, emails[0])).toMatchObject({ status: 'failed', attempts: 6, lastError: expect.stringContaining('451') });
    await makeDue(waveId, 'survey_invitation');
    await settle(waveId);
    expect(sink.attemptsFor(emails[0])).toBe(6);
  });

  it('fails a mail the server refuses with 550, and never tries it again', async () => {
    const { session, emails } = await people({}, {});
    const [refused, fine] = emails;
    sink.answer(refused, 550);
    const waveId = await launch(session);
    await settle(waveId);
    expect(await invitationTo(waveId, refused)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('550'), sentAt: null });

    await makeDue(waveId, 'survey_invitation');
    await settle(waveId);
    await worker.deliveries.drain();
    expect(await invitationTo(waveId, refused)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(sink.attemptsFor(refused)).toBe(1);
    expect(sink.mailsTo(refused)).toHaveLength(0);
    expect(sink.mailsTo(fine)).toHaveLength(1);
  });

  it('leaves Slack rows alone while no Slack sender is configured', async () => {
    const { session, emails } = await people({});
    const waveId = await launch(session);
    await t.dataSource.query(
      `INSERT INTO deliveries (kind, channel, invitation_id, sequence) SELECT 'survey_invitation', 'slack', id, 0 FROM invitations WHERE wave_id = $1`,
      [waveId],
    );
    const rows = await settle(waveId);
    expect(rows.filter((row) => row.kind === 'survey_invitation').map((row) => row.status).sort()).toEqual(['queued', 'sent']);
    expect(sink.mailsTo(emails[0])).toHaveLength(1);
  });
});
