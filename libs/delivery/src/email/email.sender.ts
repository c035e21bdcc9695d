import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { AppConfig } from '@changepulse/core';
import type { ChannelSender, OutgoingMessage, SendResult } from '../channel-sender';
import { classifySmtpFailure } from './smtp-failure';

/**
 * The SMTP pool: a few connections kept open. Query parameters of SMTP_URL win over these
 * (`smtp://host:25?maxConnections=10`). The fan-out benchmark's bare baseline uses the same.
 */
export const SMTP_POOL_OPTIONS = {
  pool: true,
  maxConnections: 5,
  maxMessages: 1000,
  connectionTimeout: 30_000,
  greetingTimeout: 15_000,
  socketTimeout: 60_000,
} as const;

type Mailer = ReturnType<typeof createTransport>;

/**
 * Email through nodemailer. With SMTP_URL: a pooled SMTP transport, and a mail counts as sent
 * once the server accepted it. Without: each mail is written to `DATA_DIR/mail/<delivery id>.eml`,
 * so a default start needs no mail server.
 */
@Injectable()
export class EmailSender implements ChannelSender, OnApplicationShutdown {
  readonly channel = 'email' as const;
  private readonly logger = new Logger(EmailSender.name);
  private readonly transport: Mailer;
  private readonly folder: string | null;
  private readonly host: string;
  private folderReady?: Promise<unknown>;

  constructor(private readonly config: AppConfig) {
    this.host = new URL(config.publicUrl).hostname;
    if (config.smtpUrl) {
      this.transport = createTransport({ ...SMTP_POOL_OPTIONS, url: config.smtpUrl });
      // A pool-level error without a listener would end the process; each send reports its own.
      this.transport.on('error', (error: Error) => this.logger.warn({ err: error }, 'SMTP pool error'));
      this.folder = null;
    } else {
      this.transport = createTransport({ streamTransport: true, buffer: true });
      this.folder = join(config.dataDir, 'mail');
      this.logger.log(`SMTP_URL is not set: mails are written to ${this.folder}`);
    }
  }

  /** The stable Message-ID of a delivery: the same on every attempt, so a re-send is recognisable. */
  messageId(deliveryId: string): string {
    return `<${deliveryId}@${this.host}>`;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const messageId = this.messageId(message.deliveryId);
    try {
      const info = await this.transport.sendMail({
        from: this.config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId,
      });
      if (this.folder) await this.writeFile(message.deliveryId, info.message as Buffer);
      return { ok: true, providerMessageId: messageId };
    } catch (error) {
      return classifySmtpFailure(error);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  private async writeFile(deliveryId: string, raw: Buffer): Promise<void> {
    this.folderReady ??= mkdir(this.folder!, { recursive: true }).catch((error: unknown) => {
      this.folderReady = undefined; // try again on the next mail
      throw error;
    });
    await this.folderReady;
    await writeFile(join(this.folder!, `${deliveryId}.eml`), raw);
  }
}
