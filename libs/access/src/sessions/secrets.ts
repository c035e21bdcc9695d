import { createHash, randomBytes } from 'node:crypto';

/** A fresh unguessable secret (256 bits), URL- and cookie-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
