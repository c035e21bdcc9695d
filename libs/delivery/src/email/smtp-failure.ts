import type { SendResult } from '../channel-sender';

/** The fields nodemailer puts on the errors it throws. */
interface MailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

// Our own side (credentials, configuration): worth retrying once an operator has fixed it.
const OUR_SIDE = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'ETLS', 'EREQUIRETLS']);

/**
 * A failed send as the delivery log sees it. A 4xx reply, a lost connection or a timeout is
 * temporary (retried with backoff); a 5xx reply about the message or the recipient is permanent
 * (never retried in a loop).
 */
export function classifySmtpFailure(error: unknown): SendResult & { ok: false } {
  const { code, responseCode, response, message } = (error ?? {}) as MailerError;
  const text = oneLine(response || message || String(error));
  if (code && OUR_SIDE.has(code)) return { ok: false, permanent: false, error: `${code}: ${text}` };
  if (typeof responseCode === 'number' && responseCode >= 400) return { ok: false, permanent: responseCode >= 500, error: text };
  // An envelope the client refuses before talking to the server (no valid recipient) cannot get better.
  if (code === 'EENVELOPE') return { ok: false, permanent: true, error: `${code}: ${text}` };
  return { ok: false, permanent: false, error: code ? `${code}: ${text}` : text };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
