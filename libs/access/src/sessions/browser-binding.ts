import { createHmac, timingSafeEqual } from 'node:crypto';
import { newSecret } from './secrets';
import { SIGN_IN_LINK_MINUTES } from './session-rules';

/**
 * Binds a sign-in link's button to the browser that opened the link (against login CSRF: a page
 * elsewhere posting someone else's link signs its victim in as that someone). The link's page
 * gives the browser a random value in a cookie and puts a proof derived from it in the form; the
 * press must bring both. Another site can make a browser post, but cannot read the cookie, so it
 * cannot write the proof.
 */
export const SIGN_IN_BINDING_SECONDS = SIGN_IN_LINK_MINUTES * 60;

const BINDING = /^[A-Za-z0-9_-]{43}$/;

/** The browser's value: kept when it already holds one (two tabs with two links both work), else fresh. */
export function browserBinding(existing: string | undefined): string {
  return existing !== undefined && BINDING.test(existing) ? existing : newSecret();
}

/** The form field that goes with one browser's value and one link: only the server can make it. */
export function signInProof(secretKey: string, binding: string, token: string): string {
  return createHmac('sha256', secretKey).update(`sign-in-button:${binding}:${token}`).digest('base64url');
}

/** Whether a press brings the cookie and the proof the link's page handed out (constant time). */
export function verifySignInProof(secretKey: string, binding: string | undefined, token: string, proof: unknown): boolean {
  if (binding === undefined || !BINDING.test(binding) || typeof proof !== 'string') return false;
  const expected = Buffer.from(signInProof(secretKey, binding, token));
  const given = Buffer.from(proof);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
