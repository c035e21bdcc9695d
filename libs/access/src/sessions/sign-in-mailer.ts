import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@changepulse/core';
import { createMailTransport, type MailTransport } from '@changepulse/delivery';
import { signInMail, type SignInMailInput } from './sign-in-mail';

/**
 * Sends sign-in mails in the background: the page answers at once, the same for a known and an
 * unknown address, and a slow or broken mail server shows only in the log. Pending mails are
 * finished before the app stops.
 */
@Injectable()
export class SignInMailer implements OnApplicationShutdown {
  private readonly logger = new Logger(SignInMailer.name);
  private transport?: MailTransport;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly config: AppConfig) {}

  /** Starts sending; never throws. */
  send(to: string, input: SignInMailInput): void {
    this.transport ??= createMailTransport(this.config);
    const mail = signInMail(input);
    const sending = this.transport
      .send({ to, ...mail, messageId: `sign-in-${randomUUID()}` })
      .catch((error: unknown) => {
        // The server's words may quote the address, and logs never hold addresses: codes only.
        const { code, responseCode } = (error ?? {}) as { code?: string; responseCode?: number };
        this.logger.error({ code, responseCode }, 'A sign-in mail could not be sent');
      })
      .finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    this.transport?.close();
  }
}
