import { INestApplication, Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { randomUUID } from 'node:crypto';
import { databaseOutage, loadConfig, type AppConfig } from '@changepulse/core';
import { invitationToken } from '@changepulse/surveys';
import { createTestDatabase, eventually, TcpRelay, TestSession } from '@changepulse/testing';
import { createApi } from '../../apps/api/src/setup';

describe('the API while its database is away', () => {
  let app: INestApplication;
  let http: TestAgent;
  let proxy: TcpRelay;
  let drop: () => Promise<void>;
  let dataDir: string;
  let admin: Record<string, string>;
  let config: AppConfig;
  const logged: { level: string; message: string }[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    // The API in front of a relay to the real PostgreSQL: cutting it is, for the API, the database going away.
    const relayed = await TcpRelay.forUrl(database.url);
    proxy = relayed.relay;
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-outage-'));
    config = loadConfig({ DATABASE_URL: relayed.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    app = await createApi(config);
    await app.init();
    http = request(app.getHttpServer());
    admin = await (await TestSession.create(app, http)).auth('admin');
    const capture =
      (level: string) =>
      (message: unknown, ...rest: unknown[]) =>
        logged.push({
          level,
          message: [message, ...rest].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '),
        });
    Logger.flush(); // the app buffers its logs until it listens
    Logger.overrideLogger({ log: capture('log'), warn: capture('warn'), error: capture('error') });
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    databaseOutage(config.databaseUrl).recovered(); // ends its probe should the test have failed midway
    await app.close();
    await proxy.cut();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every route 503 with Retry-After (pages too), says so once in the log, and serves again by itself with the count', async () => {
    expect((await http.get('/api/markets').set(admin)).status).toBe(200);
    await proxy.cut();

    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await http.get('/api/markets').set(admin));
    answers.push(
      await http.get('/api/employees?pageSize=1').set(admin),
      await http
        .post('/api/markets')
        .set(admin)
        .send({ code: 'FR', name: 'France', timezone: 'Europe/Paris', locale: 'fr-FR', role: 'other' }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/database is unavailable/) });
    }
    const page = await http.get(`/s/${invitationToken(config.secretKey!, randomUUID())}`);
    expect([page.status, page.headers['retry-after'], page.headers['content-type']]).toEqual([503, '5', 'text/html; charset=utf-8']);
    const dashboard = await http.get('/dashboard').set('Cookie', `cp_session=${'C'.repeat(40)}`);
    expect([dashboard.status, dashboard.headers['retry-after']]).toEqual([503, '5']);
    const health = await http.get('/health');
    expect([health.status, health.headers['retry-after']]).toEqual([503, '5']);

    await proxy.restore();
    await eventually(async () => (await http.get('/api/markets').set(admin)).status === 200, 15_000, 'the API to serve again');
    expect((await http.get('/health')).status).toBe(200);
    const outage = await eventually(async () => logged.find((line) => /available again/.test(line.message)), 10_000, 'the recovery line');

    expect(logged.filter((line) => /database unavailable/.test(line.message))).toHaveLength(1);
    expect(outage.message).toMatch(/24 requests refused/);
    expect(logged.filter((line) => line.level === 'error')).toEqual([]);
  });
});
