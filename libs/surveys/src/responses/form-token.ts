import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The answer form's CSRF field: an HMAC of the invitation id under SECRET_KEY. Another site can
 * make a browser POST to the form's URL but cannot read the form, so it cannot know this value.
 */
export function formToken(secret: string, invitationId: string): string {
  return createHmac('sha256', secret).update(`csrf:${invitationId}`).digest('base64url');
}

/** True when `given` is the form token of this invitation. */
export function verifyFormToken(secret: string, invitationId: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(formToken(secret, invitationId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
