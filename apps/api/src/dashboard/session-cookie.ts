import type { Request, Response } from 'express';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'cp_session';

/** The session secret from the request's cookies, if any (no dependency: one name, one value). */
export function readSessionCookie(request: Request): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(separator + 1).trim().replace(/^"(.*)"$/, '$1');
    return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** HttpOnly, SameSite=Lax, the whole site; Secure when the public URL is https. */
export function setSessionCookie(response: Response, secret: string, secure: boolean, maxAgeSeconds: number): void {
  response.setHeader('Set-Cookie', `${SESSION_COOKIE}=${secret}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
}
