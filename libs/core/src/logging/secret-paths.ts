/**
 * Paths whose next segment is a secret: whoever holds the link acts as its owner (answers a
 * survey, signs in, unsubscribes). Logs keep the shape of the path and lose the secret. A new
 * single-use link adds its prefix here, and every log line of every app is covered.
 */
export const SECRET_PATH_PREFIXES: readonly string[] = ['/s/', '/dashboard/sign-in/', '/dashboard/digest/unsubscribe/'];

/** What stands in a log line where the secret was. */
export const REDACTED = '[redacted]';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// A secret runs to the next `/`, `?`, `#`, quote, backslash or space: this also matches inside a
// JSON log line, a message ("Cannot GET /s/…") or a stack trace, not only in a bare path.
const SECRET_SEGMENT = new RegExp(`(${SECRET_PATH_PREFIXES.map(escape).join('|')})[^/?#\\s"'\\\\<>]+`, 'g');

/** `text` with the secret segment of every known link replaced by `[redacted]`. */
export function redactSecretPaths(text: string): string {
  return text.replace(SECRET_SEGMENT, (_match, prefix: string) => `${prefix}${REDACTED}`);
}
