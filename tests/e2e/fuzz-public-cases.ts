import type { FuzzCase } from './fuzz-cases';

/** The public pages (no login): an invitation's pages, the dashboard sign-in, the digest unsubscribe. */
export function publicCases(answerToken: string, csrf: string): FuzzCase[] {
  const form = (fields: Record<string, string>) => ({ raw: new URLSearchParams(fields).toString(), type: 'application/x-www-form-urlencoded' });
  const tokens: Array<[string, string]> = [
    ['real token', answerToken],
    ['NUL', '%00'],
    ['token with NUL', `${answerToken}%00`],
    ['emoji', encodeURIComponent('😀')],
    ['8k string', 'x'.repeat(8_000)],
    ['bad percent-encoding', '%E0%A4%A'],
  ];
  const cases: FuzzCase[] = [];
  for (const [label, token] of tokens) {
    for (const suffix of ['', '/thanks', '/unsubscribe']) cases.push({ method: 'GET', path: `/s/${token}${suffix}`, label: `answer page${suffix}: ${label}` });
    cases.push({ method: 'POST', path: `/s/${token}/unsubscribe`, body: form({ 'List-Unsubscribe': 'One-Click' }), label: `unsubscribe POST: ${label}` });
    cases.push({ method: 'GET', path: `/dashboard/sign-in/${token}`, label: `sign-in link: ${label}` });
    cases.push({ method: 'POST', path: `/dashboard/sign-in/${token}`, label: `sign-in redeem: ${label}` });
    cases.push({ method: 'GET', path: `/dashboard/digest/unsubscribe/${token}`, label: `digest unsubscribe page: ${label}` });
    cases.push({ method: 'GET', path: `/assets/${token}`, label: `asset: ${label}` });
  }
  const comments: Array<[string, string]> = [
    ['NUL', 'before\u0000after'],
    ['100k', 'x'.repeat(100_000)],
    ['emoji', '😀👍🏽🇩🇪'],
    ['right-to-left', '\u202Eمرحبا'],
    ['combining marks', 'Z\u0337\u0321a\u0335'],
  ];
  for (const [label, comment] of comments) {
    cases.push({ method: 'POST', path: `/s/${answerToken}`, body: form({ csrf, comment }), label: `answer comment: ${label}` });
  }
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: form({ csrf, 'understand_\u00001': '3' }), label: 'answer field name with NUL' });
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: form({ csrf: 'a\u0000b', understand_1: '3' }), label: 'answer csrf with NUL' });
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: form({ csrf, understand_1: '1e308' }), label: 'answer value 1e308' });
  cases.push({
    method: 'POST',
    path: `/s/${answerToken}`,
    body: { raw: nestedForm(), type: 'application/x-www-form-urlencoded' },
    label: 'answer nested fields',
  });
  cases.push({ method: 'POST', path: `/s/${answerToken}`, body: { json: { csrf, comment: ['a'] } }, label: 'answer as JSON' });
  cases.push({ method: 'GET', path: `/s/${answerToken}`, query: 'understand_1=%00&comment=%00', label: 'answer preselection with NUL' });
  for (const [label, email] of [...comments, ['array', ''] as [string, string]]) {
    const body =
      label === 'array'
        ? { raw: 'email=a%40b.de&email=c%40d.de', type: 'application/x-www-form-urlencoded' }
        : form({ email: `${email}@example.com` });
    cases.push({ method: 'POST', path: '/dashboard/sign-in', body, label: `sign-in email: ${label}` });
  }
  cases.push({ method: 'GET', path: '/dashboard/sign-in', label: 'sign-in page' });
  for (const [label, cookie] of [['NUL', '%00'], ['8k', 'x'.repeat(8_000)], ['bad percent-encoding', '%E0%A4%A']]) {
    for (const path of ['/dashboard', '/dashboard/sign-in', '/api/markets']) {
      cases.push({ method: 'GET', path, headers: { Cookie: `cp_session=${cookie}` }, label: `session cookie: ${label}` });
    }
    cases.push({ method: 'POST', path: '/dashboard/sign-out', headers: { Cookie: `cp_session=${cookie}` }, label: `sign-out with cookie: ${label}` });
  }
  cases.push({ method: 'GET', path: '/dashboard', query: 'heatmap=%00', label: 'dashboard heatmap NUL (signed out)' });
  return cases;
}

const nestedForm = () => `csrf=x&${'a['.repeat(50)}b${']'.repeat(50)}=1`;
