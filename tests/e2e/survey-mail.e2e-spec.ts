import { verifyInvitationToken } from '@changepulse/surveys';
import { createTestApp, eventually, SmtpSink, startTestWorker, type ReceivedMail, type TestApp, type TestWorker } from '@changepulse/testing';
import { inDays, mailHelpers, rawHeaders } from './mail-helpers';

const APP_URL = 'https://pulse.example.com';

describe('survey invitation mails', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestWorker;
  const { people, launch, settle } = mailHelpers(() => t, () => worker);

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({ SMTP_URL: sink.url, APP_URL });
    worker = await startTestWorker(t.config);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  const only = (address: string): ReceivedMail => {
    const mails = sink.mailsTo(address);
    expect(mails).toHaveLength(1);
    return mails[0];
  };

  /** The token in a mail's form link, and the links themselves. */
  function links(html: string): { token: string; answers: string[]; form: string[]; unsubscribe: string[] } {
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replace(/&#38;/g, '&'));
    const token = /\/s\/([^/?"]+)/.exec(hrefs[0])![1];
    const base = `${APP_URL}/s/${token}`;
    return {
      token,
      answers: hrefs.filter((href) => href.startsWith(`${base}?`)),
      form: hrefs.filter((href) => href === base),
      unsubscribe: hrefs.filter((href) => href === `${base}/unsubscribe`),
    };
  }

  it('mails every invited person exactly once after the launch, with no one draining by hand', async () => {
    const { session, emails } = await people({}, {}, {}, {}, { status: 'leaver' });
    const waveId = await launch(session);
    await eventually(async () => emails.every((email) => sink.mailsTo(email).length > 0), 30_000, 'the worker to send the invitations');
    const rows = await settle(waveId); // a second drain finds nothing more to send
    for (const email of emails) only(email);
    const invitations = rows.filter((row) => row.kind === 'survey_invitation');
    expect(invitations).toHaveLength(4);
    for (const row of invitations) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: `<${row.id}@pulse.example.com>`, sentAt: expect.any(Date) });
      expect(only(row.email).parsed.messageId).toBe(`<${row.id}@pulse.example.com>`);
    }
    expect(rows.filter((row) => row.kind === 'survey_reminder').every((row) => row.status === 'queued' && row.dueLater)).toBe(true);
  });

  it('writes to a de-DE person in German: the first question with five one-click answers, the form, the closing date', async () => {
    const { session, emails } = await people({ first_name: 'Jürgen' });
    const waveId = await launch(session, { title: 'Grundlage 2026', closesAt: '2026-12-30T17:00:00Z' });
    const [row] = (await settle(waveId)).filter((delivery) => delivery.kind === 'survey_invitation');
    const { parsed } = only(emails[0]);
    expect(parsed.subject).toBe('Grundlage 2026: Ihre Sicht, anonym');
    expect(parsed.from?.text).toContain('no-reply@changepulse.local');
    const text = parsed.text!;
    expect(text).toMatch(/^Hallo Jürgen,/);
    expect(text).toContain('mindestens 5 Personen');
    expect(text).toContain('Wie oft haben Sie in den letzten zwei Wochen');
    expect(text).toContain('Die Umfrage endet am Mittwoch, 30. Dezember 2026 um 18:00 MEZ.');
    for (const label of ['1 – Nie', '2 – Selten', '3 – Manchmal', '4 – Oft', '5 – Immer']) expect(text).toContain(label);

    const html = parsed.html as string;
    const found = links(html);
    expect(verifyInvitationToken(t.config.secretKey!, found.token)).toBe(row.invitationId);
    expect(found.answers).toEqual([1, 2, 3, 4, 5].map((value) => `${APP_URL}/s/${found.token}?understand_1=${value}`));
    expect(found.form).toHaveLength(1);
    expect(text).toContain(`${APP_URL}/s/${found.token}?understand_1=3`);
    expect(text).toContain(`Alle 22 Fragen beantworten: ${APP_URL}/s/${found.token}`);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Kundinnen und Kunden gefragt');
  });

  it('writes in English to a person whose locale is not German', async () => {
    const { session, emails } = await people({ locale: 'en-GB', first_name: 'Sam' });
    await settle(await launch(session, { title: 'Baseline' }));
    const { parsed } = only(emails[0]);
    expect(parsed.subject).toBe('Baseline: your view, anonymously');
    expect(parsed.text).toMatch(/^Hello Sam,/);
    expect(parsed.text).toContain('groups of at least 5 people');
    for (const label of ['Never', 'Rarely', 'Sometimes', 'Often', 'Always']) expect(parsed.text).toContain(label);
    expect(parsed.html).toContain('<html lang="en">');
  });

  it('gives pulse mails RFC 8058 List-Unsubscribe headers and an unsubscribe link, and baseline mails neither', async () => {
    const pulse = await people({ locale: 'en-GB' });
    await settle(await launch(pulse.session, { kind: 'pulse', items: ['relate_2', 'understand_1'] }));
    const pulseMail = only(pulse.emails[0]);
    const found = links(pulseMail.parsed.html as string);
    const headers = rawHeaders(pulseMail.raw);
    expect(headers).toContain(`List-Unsubscribe: <${APP_URL}/s/${found.token}/unsubscribe>`);
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(found.unsubscribe).toHaveLength(1);
    expect(found.answers[0]).toBe(`${APP_URL}/s/${found.token}?relate_2=1`);
    expect(pulseMail.parsed.text).toContain('This short pulse asks 2 questions');

    const baseline = await people({ locale: 'en-GB' });
    await settle(await launch(baseline.session));
    const baselineMail = only(baseline.emails[0]);
    expect(rawHeaders(baselineMail.raw)).not.toMatch(/^List-Unsubscribe/im);
    expect(links(baselineMail.parsed.html as string).unsubscribe).toEqual([]);
    expect(baselineMail.parsed.text).not.toContain('/unsubscribe');
  });

  it('escapes what it puts into the HTML', async () => {
    const { session, emails } = await people({ locale: 'en-GB', first_name: '<Kim & "Lee">' });
    await settle(await launch(session, { title: '<b>Q4</b> & more', closesAt: inDays(10) }));
    const { parsed } = only(emails[0]);
    const html = parsed.html as string;
    expect(html).not.toContain('<b>Q4</b>');
    expect(html).not.toContain('<Kim');
    expect(html).toContain('&#60;Kim &#38; &#34;Lee&#34;&#62;');
    expect(parsed.subject).toBe('<b>Q4</b> & more: your view, anonymously');
  });
});
