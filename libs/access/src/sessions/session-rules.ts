/** How long a mailed sign-in link works, and that it works once. */
export const SIGN_IN_LINK_MINUTES = 15;
/** At most this many links per person in one link lifetime; more requests get the same answer and no mail. */
export const SIGN_IN_LINKS_PER_WINDOW = 5;
/** A session ends after this long without a request (sliding)… */
export const SESSION_IDLE_HOURS = 12;
/** …and at the latest this long after signing in, however busy. */
export const SESSION_MAX_DAYS = 7;

/** The page a sign-in link opens (it does not sign in by itself: mail scanners open links too). */
export function signInPath(token: string): string {
  return `/dashboard/sign-in/${encodeURIComponent(token)}`;
}
