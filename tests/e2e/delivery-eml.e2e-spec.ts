import { simpleParser } from 'mailparser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyInvitationToken } from '@changepulse/surveys';
import { createTestApp, startTestWorker, type TestApp, type TestWorker } from '@changepulse/testing';
import { mailHelpers, rawHeaders } from './mail-helpers';

describe('mail without an SMTP server', () => {
  let t: TestApp;
  let worker: TestWorker;
  const { people, launch, settle } = mailHelpers(() => t, () => worker);

  beforeAll(async () => {
    t = await createTestApp(); // no SMTP_URL
    worker = await startTestWorker(t.config);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('writes each mail as DATA_DIR/mail/<delivery id>.eml, readable by a mail parser, and marks it sent', async () => {
    const { session, emails } = await people({ locale: 'en-GB' }, {});
    const waveId = await launch(session, { kind: 'pulse' });
    const sent = (await settle(waveId)).filter((row) => row.kind === 'survey_invitation');
    expect(sent.map((row) => row.status)).toEqual(['sent', 'sent']);

    const folder = join(t.config.dataDir, 'mail');
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(sent.map((row) => `${row.id}.eml`)));
    for (const row of sent) {
      const raw = readFileSync(join(folder, `${row.id}.eml`));
      const mail = await simpleParser(raw);
      expect(mail.messageId).toBe(`<${row.id}@localhost>`);
      expect(row.providerMessageId).toBe(mail.messageId);
      expect(mail.to).toMatchObject({ text: row.email });
      expect(emails).toContain(row.email);
      expect(mail.text).toContain('/s/');
      const token = /\/s\/([^/?\s]+)/.exec(mail.text!)![1];
      expect(verifyInvitationToken(t.config.secretKey!, token)).toBe(row.invitationId);
      expect(mail.html).toContain('<html lang=');
      expect(rawHeaders(raw)).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(mail.subject).toMatch(row.email === emails[0] ? /your view, anonymously$/ : /Ihre Sicht, anonym$/);
    }
  });
});
