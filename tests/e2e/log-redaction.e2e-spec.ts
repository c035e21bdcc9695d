import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestUnsubscribeToken } from '@changepulse/analytics';
import { API, cleanEnv, createTestApp, eventually, freePort, Running, type TestApp } from '@changepulse/testing';
import { answerHelpers } from './answer-helpers';
import { dashboardHelpers } from './dashboard-helpers';

/**
 * The built API as it runs, its JSON log read from its output: every single-use link in a
 * request path leaves its shape in the log and loses its secret.
 */
describe('secrets in request paths never reach the log', () => {
  let t: TestApp;
  let api: Running;
  let baseUrl: string;
  let dataDir: string;
  beforeAll(async () => {
    t = await createTestApp();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-logs-'));
    const env = {
      DATABASE_URL: t.databaseUrl,
      SECRET_KEY: t.config.secretKey!,
      PORT: String(port),
      APP_URL: baseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    };
    api = Running.start(API, [], { env: cleanEnv(env) });
    await eventually(async () => (await fetch(`${baseUrl}/health`)).ok, 30_000, 'the API to answer');
  });
  afterAll(async () => {
    if (api.child.exitCode === null) api.child.kill('SIGKILL');
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const form = (fields: Record<string, string>, cookie?: string) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual' as const,
  });

  it('logs answer, sign-in and unsubscribe paths with the token replaced by [redacted]', async () => {
    const { invited } = await answerHelpers(t).launch([{}], { kind: 'baseline' });
    const [{ token: answer }] = invited;
    const h = dashboardHelpers(t);
    const session = await t.session();
    const email = await h.addUser(session);
    const signIn = await h.linkToken(email);
    const [{ id: userId }] = await t.dataSource.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]);
    const digest = digestUnsubscribeToken(t.config.secretKey!, userId);

    const page = await fetch(`${baseUrl}/s/${answer}?understand_1=4`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
    expect((await fetch(`${baseUrl}/s/${answer}`, form({ csrf, understand_1: '4' }))).status).toBe(303);
    expect((await fetch(`${baseUrl}/s/${answer}/thanks`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/s/${answer}/unsubscribe`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/s/${answer}.extra`)).status).toBe(404);
    const link = await fetch(`${baseUrl}/dashboard/sign-in/${signIn}`);
    const proof = /name="proof" value="([^"]+)"/.exec(await link.text())![1];
    const cookie = link.headers.getSetCookie()[0].split(';')[0];
    expect((await fetch(`${baseUrl}/dashboard/sign-in/${signIn}`, form({ proof }, cookie))).status).toBe(303);
    expect((await fetch(`${baseUrl}/dashboard/digest/unsubscribe/${digest}`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/dashboard/digest/unsubscribe/${digest}`, form({ 'List-Unsubscribe': 'One-Click' }))).status).toBe(200);

    api.child.kill('SIGTERM');
    await api.exited;
    const paths = api.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { method: string; path: string } })
      .flatMap((line) => (line.req ? [`${line.req.method} ${line.req.path}`] : []));
    for (const secret of [answer, answer.split('.')[0], answer.split('.')[1], signIn, digest, digest.split('.')[1], csrf, proof]) {
      expect(api.output).not.toContain(secret);
    }
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /s/[redacted]',
        'POST /s/[redacted]',
        'GET /s/[redacted]/thanks',
        'GET /s/[redacted]/unsubscribe',
        'GET /dashboard/sign-in/[redacted]',
        'POST /dashboard/sign-in/[redacted]',
        'GET /dashboard/digest/unsubscribe/[redacted]',
        'POST /dashboard/digest/unsubscribe/[redacted]',
      ]),
    );
  });
});
