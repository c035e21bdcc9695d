/** A message ready for one channel, composed by the lib that owns what it says. */
export interface OutgoingMessage {
  /** The delivery's id: the idempotency key, and the stable Message-ID's local part. */
  deliveryId: string;
  /** An email address, or a Slack user id. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export type SendResult = { ok: true; providerMessageId: string } | { ok: false; permanent: boolean; error: string };

/** The channel port: one implementation per channel, picked by config. */
export interface ChannelSender {
  readonly channel: 'email' | 'slack';
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** Injection token for the list of channel senders. */
export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');
