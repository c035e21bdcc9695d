import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { AppConfig } from '@changepulse/core';

/** One transactional mail, sent at once rather than through the delivery log. */
export interface TransactionalMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Names the `.eml` file when there is no SMTP server. */
  messageId: string;
}

/** How a transactional mail leaves: SMTP, or a file. */
export interface MailTransport {
  /** Resolves once the SMTP server accepted the mail (or the file is written); rejects otherwise. */
  send(mail: TransactionalMail): Promise<void>;
  close(): void;
}

/**
 * The same choice as `EmailSender` makes, for mails that do not go through the delivery log
 * (sign-in links): SMTP_URL → one connection per mail (these are rare), else a `.eml` file
 * under `DATA_DIR/mail`, from MAIL_FROM either way.
 */
export function createMailTransport(config: AppConfig): MailTransport {
  const host = new URL(config.publicUrl).hostname;
  const folder = config.smtpUrl ? null : join(config.dataDir, 'mail');
  const transport = config.smtpUrl ? createTransport({ url: config.smtpUrl }) : createTransport({ streamTransport: true, buffer: true });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: `<${mail.messageId}@${host}>` });
      if (!folder) return;
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, `${mail.messageId}.eml`), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}
