import { createHmac, timingSafeEqual } from 'node:crypto';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An invitation's token: its id and an HMAC of it under SECRET_KEY. Unguessable without the
 * key, nothing stored, the same in every mail and reminder. The token, not a person,
 * identifies an answer from any channel.
 */
export function invitationToken(secret: string, invitationId: string): string {
  const id = Buffer.from(invitationId.replace(/-/g, ''), 'hex').toString('base64url');
  return `${id}.${signature(secret, invitationId)}`;
}

/** The invitation id behind a token, or null when the token is malformed or forged. */
export function verifyInvitationToken(secret: string, token: string): string | null {
  const [id, given] = token.split('.');
  if (!id || !given || id.length !== 22) return null;
  const hex = Buffer.from(id, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const invitationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!ID.test(invitationId)) return null;
  const expected = Buffer.from(signature(secret, invitationId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? invitationId : null;
}

function signature(secret: string, invitationId: string): string {
  return createHmac('sha256', secret).update(`invitation:${invitationId}`).digest('base64url').slice(0, 32);
}
