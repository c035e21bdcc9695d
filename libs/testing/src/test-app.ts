import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@changepulse/core';
import { createApi } from '../../../apps/api/src/setup';
import { createTestDatabase } from './test-database';
import { TestSession } from './test-session';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  http: TestAgent;
  /** The file's own database. */
  databaseUrl: string;
  databaseName: string;
  dataSource: DataSource;
  /** Starts listening (on `port`, else a free one) for a real browser; answers the base URL. */
  listen(port?: number): Promise<string>;
  /** A fresh market, tokens and people for one test. */
  session(): Promise<TestSession>;
  close(): Promise<void>;
}

/** The real API on a database of its own, with the real migrations; for one test file. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'changepulse-app-'));
  const config = loadConfig({ DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const app = await createApi(config);
  await app.init();
  const dataSource = app.get(DataSource);
  const http = request(app.getHttpServer());
  return {
    app,
    config,
    http,
    databaseUrl: database.url,
    databaseName: database.name,
    dataSource,
    session: () => TestSession.create(app, http),
    listen: async (port = 0) => {
      await app.listen(port, '127.0.0.1');
      return (await app.getUrl()).replace('[::1]', '127.0.0.1');
    },
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
