import { createTestApp, SmtpSink, startTestWorker, type TestApp, type TestWorker } from '@changepulse/testing';
import { inDays, mailHelpers } from './mail-helpers';

describe('reminders and mails that are no longer wanted', () => {
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

  const subjects = (email: string) => sink.mailsTo(email).map((mail) => mail.parsed.subject);

  it('reminds only the people who have not answered, saying it is a reminder', async () => {
    const { session, emails } = await people({}, {}, {}, {});
    const waveId = await launch(session, { title: 'Grundlage', closesAt: '2026-12-30T17:00:00Z', reminders: ['2026-12-28T08:00:00Z'] });
    await settle(waveId);
    const answered = emails.slice(0, 2);
    await t.dataSource.query(
      `DELETE FROM unanswered_invitations WHERE invitation_id IN ` +
        `(SELECT i.id FROM invitations i JOIN employees e ON e.id = i.employee_id WHERE e.email = ANY($1))`,
      [answered],
    );
    await makeDue(waveId, 'survey_reminder');
    const rows = await settle(waveId);

    for (const email of answered) expect(subjects(email)).toEqual(['Grundlage: Ihre Sicht, anonym']);
    for (const email of emails.slice(2)) {
      expect(subjects(email)).toEqual(['Grundlage: Ihre Sicht, anonym', 'Erinnerung: Grundlage endet am 30. Dez. 2026']);
      expect(sink.mailsTo(email)[1].parsed.text).toContain('Eine Erinnerung: Sie haben noch nicht geantwortet');
    }
    const reminders = rows.filter((row) => row.kind === 'survey_reminder');
    expect(reminders.filter((row) => answered.includes(row.email)).map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
    expect(reminders.filter((row) => !answered.includes(row.email)).map((row) => row.status)).toEqual(['sent', 'sent']);
  });

  it('sends nothing once the wave is closed, not even a reminder left in the queue', async () => {
    const { session, emails } = await people({}, {});
    const waveId = await launch(session);
    await settle(waveId);
    await t.http.post(`/api/surveys/${waveId}/close`).set(await session.auth()).expect(200);
    expect((await deliveries(waveId)).filter((row) => row.kind === 'survey_reminder').map((row) => row.status)).toEqual(['cancelled', 'cancelled']);

    // A reminder that was being sent when the wave closed comes back to the queue later.
    await t.dataSource.query(
      `UPDATE deliveries SET status = 'queued', due_at = now() WHERE kind = 'survey_reminder' AND invitation_id IN (SELECT id FROM invitations WHERE wave_id = $1)`,
      [waveId],
    );
    const rows = await settle(waveId);
    expect(rows.filter((row) => row.kind === 'survey_reminder').map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
    for (const email of emails) expect(sink.mailsTo(email)).toHaveLength(1);
  });

  it('sends nothing for a wave whose closing time has passed before the worker closed it', async () => {
    const { session, emails } = await people({});
    const waveId = await launch(session, { opensAt: inDays(1), closesAt: inDays(3) });
    await t.dataSource.query(`UPDATE survey_waves SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 minute' WHERE id = $1`, [waveId]);
    await makeDue(waveId, 'survey_invitation');
    const rows = await settle(waveId);
    expect(rows.find((row) => row.kind === 'survey_invitation')).toMatchObject({ status: 'cancelled' });
    expect(sink.mailsTo(emails[0])).toHaveLength(0);
  });

  it('skips pulse mails to a person who muted pulses after the round was created, and baseline mails still go out', async () => {
    const pulse = await people({}, {});
    const [muted, other] = pulse.emails;
    const pulseWave = await launch(pulse.session, { kind: 'pulse', opensAt: inDays(1), closesAt: inDays(4) });
    await t.dataSource.query(`INSERT INTO pulse_mutes (employee_id) SELECT id FROM employees WHERE email = $1`, [muted]);
    await makeDue(pulseWave, 'survey_invitation');
    const rows = await settle(pulseWave);
    expect(rows.find((row) => row.email === muted && row.kind === 'survey_invitation')).toMatchObject({ status: 'cancelled' });
    expect(sink.mailsTo(muted)).toHaveLength(0);
    expect(sink.mailsTo(other)).toHaveLength(1);

    const baseline = await launch(pulse.session);
    await settle(baseline);
    expect(sink.mailsTo(muted)).toHaveLength(1);
  });

  it('sends nothing to a person who left after the launch', async () => {
    const { session, emails } = await people({});
    const waveId = await launch(session, { opensAt: inDays(1) });
    await t.dataSource.query(`UPDATE employees SET status = 'leaver' WHERE email = $1`, [emails[0]]);
    await makeDue(waveId, 'survey_invitation');
    const rows = await settle(waveId);
    expect(rows.find((row) => row.kind === 'survey_invitation')).toMatchObject({ status: 'cancelled' });
    expect(sink.mailsTo(emails[0])).toHaveLength(0);
  });
});
