import type { Request, Response } from 'express';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'cp_session';
/** The cookie that binds a sign-in link's button to the browser that opened the link. */
export const SIGN_IN_COOKIE = 'cp_sign_in';
// Only the link pages and their button see it.
const SIGN_IN_COOKIE_PATH = '/dashboard/sign-in';

/** A cookie's value by name, when it looks like one of our secrets (no dependency: one name, one value). */
function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim().replace(/^"(.*)"$/, '$1');
    return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** The session secret from the request's cookies, if any. */
export function readSessionCookie(request: Request): string | undefined {
  return readCookie(request, SESSION_COOKIE);
}

/** HttpOnly, SameSite=Lax, the whole site; Secure when the public URL is https. */
export function setSessionCookie(response: Response, secret: string, secure: boolean, maxAgeSeconds: number): void {
  response.append('Set-Cookie', `${SESSION_COOKIE}=${secret}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.append('Set-Cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
}

/** The browser's sign-in binding, if it holds one. */
export function readSignInCookie(request: Request): string | undefined {
  return readCookie(request, SIGN_IN_COOKIE);
}

/** HttpOnly, SameSite=Strict, only under /dashboard/sign-in, for as long as a link lives. */
export function setSignInCookie(response: Response, binding: string, secure: boolean, maxAgeSeconds: number): void {
  response.append(
    'Set-Cookie',
    `${SIGN_IN_COOKIE}=${binding}; Path=${SIGN_IN_COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
  );
}

export function clearSignInCookie(response: Response, secure: boolean): void {
  response.append('Set-Cookie', `${SIGN_IN_COOKIE}=; Path=${SIGN_IN_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`);
}
