import type { Request } from 'express';
import { readSessionCookie } from './session-cookie';

const withCookie = (cookie?: string) => ({ headers: { cookie } }) as Request;
const SECRET = 'Abc_def-0123456789ghijklmnopqrstuvwxyzABCDE';

describe(readSessionCookie.name, () => {
  it('finds the session among other cookies', () => {
    expect(readSessionCookie(withCookie(`theme=dark; cp_session=${SECRET}; other=1`))).toBe(SECRET);
    expect(readSessionCookie(withCookie(`cp_session="${SECRET}"`))).toBe(SECRET);
  });

  it('ignores a missing, empty, look-alike or malformed cookie', () => {
    expect(readSessionCookie(withCookie())).toBeUndefined();
    expect(readSessionCookie(withCookie('cp_session='))).toBeUndefined();
    expect(readSessionCookie(withCookie(`xcp_session=${SECRET}`))).toBeUndefined();
    expect(readSessionCookie(withCookie('cp_session=short'))).toBeUndefined();
    expect(readSessionCookie(withCookie(`cp_session=${SECRET}%00`))).toBeUndefined();
  });
});
