import { createHmac, timingSafeEqual } from 'node:crypto';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The token of a user's digest unsubscribe link: the user id and an HMAC of it under
 * SECRET_KEY (for this purpose only, so it opens nothing else). Nothing is stored.
 */
export function digestUnsubscribeToken(secret: string, userId: string): string {
  const id = Buffer.from(userId.replace(/-/g, ''), 'hex').toString('base64url');
  return `${id}.${signature(secret, userId)}`;
}

/** The user id behind a token, or null when the token is malformed or forged. */
export function verifyDigestUnsubscribeToken(secret: string, token: string): string | null {
  const [id, given, extra] = token.split('.');
  if (!id || !given || extra !== undefined || id.length !== 22) return null;
  const hex = Buffer.from(id, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!ID.test(userId)) return null;
  const expected = Buffer.from(signature(secret, userId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? userId : null;
}

/** The page that stops a user's digest (GET shows a button, POST stops it). */
export function digestUnsubscribePath(token: string): string {
  return `/dashboard/digest/unsubscribe/${token}`;
}

function signature(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(`digest-unsubscribe:${userId}`).digest('base64url').slice(0, 32);
}
