import { Client } from 'pg';
import { withDatabase } from '@changepulse/database';
import { createTestApp, type TestApp } from '@changepulse/testing';

describe('health and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /health with 200 and status ok while the database answers', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves Swagger UI at /api/docs and the document at /api/docs-json', async () => {
    const page = await t.http.get('/api/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui');
    const { body } = await t.http.get('/api/docs-json').expect(200);
    for (const path of ['/health', '/api/markets', '/api/markets/{code}', '/api/tiers', '/api/employees', '/api/employees/import', '/api/segments/{id}/preview', '/api/tokens']) {
      expect(body.paths).toHaveProperty([path]);
    }
    for (const schema of ['MarketDto', 'CreateMarketDto', 'EmployeeDto', 'EmployeePageDto', 'ImportReportDto', 'ImportErrorsDto', 'SegmentDto', 'TierDto']) {
      expect(body.components.schemas).toHaveProperty([schema]);
    }
    expect(body.components.securitySchemes).toHaveProperty('bearer');
  });

  it('describes every operation with a summary or a response type', async () => {
    const { body } = await t.http.get('/api/docs-json').expect(200);
    for (const [path, operations] of Object.entries<Record<string, { responses: object }>>(body.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect({ path, method, responses: Object.keys(operation.responses).length > 0 }).toEqual({ path, method, responses: true });
      }
    }
  });

  it('goes 503 when the database stops answering, and back to 200 when it returns', async () => {
    const admin = new Client({ connectionString: withDatabase(t.databaseUrl, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.databaseName]);
      const down = await t.http.get('/health').expect(503);
      expect(down.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    } finally {
      await admin.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await t.http.get('/health').expect(200);
  });
});
