import { createTestApp, TestSession, type TestApp } from '@changepulse/testing';
import { readmeEveryMarketPermissions, readmeRoleTable } from '../support/readme-role-table';
import { createFixtures, type Fixtures, type MarketFixture, type Principal } from './access-matrix-fixtures';
import { expectedOutcome, operationsOf, planRequest, type Operation } from './access-matrix-routes';

/**
 * Every operation of the OpenAPI document × every kind of principal × a resource of the own
 * market (DE) and of another (AT), each answer checked against README's "Who may do what".
 */
describe('the access matrix', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let operations: Operation[];

  beforeAll(async () => {
    t = await createTestApp();
    const session = await TestSession.create(t.app, t.http, { code: 'DE', name: 'Germany' });
    fixtures = await createFixtures(t, session);
    operations = operationsOf((await t.http.get('/api/docs-json').expect(200)).body);
  }, 120_000);
  afterAll(() => t.close());

  it('has every route under /api in the OpenAPI document, each naming the permission it needs', () => {
    const documented = new Set(operations.map((operation) => `${operation.method} ${operation.path}`));
    const routed = expressRoutes(t).filter((route) => route.path.startsWith('/api/') && !route.path.startsWith('/api/docs'));
    expect(routed.length).toBeGreaterThan(30);
    expect(routed.map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`).filter((route) => !documented.has(route))).toEqual([]);
    const table = readmeRoleTable();
    const unnamed = operations.filter((operation) => operation.path.startsWith('/api/') && !table.has(operation.permission ?? ''));
    expect(unnamed.map((operation) => `${operation.method} ${operation.path}: ${operation.permission}`)).toEqual([]);
  });

  it('answers every operation, for every principal, in the own and another market, as README says', async () => {
    const table = readmeRoleTable();
    const everyMarket = readmeEveryMarketPermissions();
    const wrong: string[] = [];
    let sent = 0;
    for (const operation of operations) {
      for (const target of [fixtures.own, fixtures.other]) {
        const request = planRequest(fixtures, operation, target);
        for (const principal of fixtures.principals) {
          const expected = expectedOutcome(table, everyMarket, principal, operation, request, target);
          const response = await send(t, operation, request, principal);
          sent += 1;
          const problem = judge(expected, response.status, response.text, principal, fixtures.other);
          if (problem) {
            wrong.push(
              `${principal.name}: ${operation.method.toUpperCase()} ${request.url} → ${response.status}, ${problem}: ${response.text.slice(0, 160)}`,
            );
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(600);
    expect(wrong).toEqual([]);
  }, 120_000);

  it("refuses a change manager limited to DE renaming AT (the probe's request) with 403, changing nothing", async () => {
    const principal = fixtures.principals.find((candidate) => candidate.name === 'change manager limited to DE')!;
    const admin = fixtures.principals.find((candidate) => candidate.name === 'admin')!;
    const before = (await t.http.get('/api/markets/AT').set(admin.headers).expect(200)).body;
    const refused = await t.http
      .patch('/api/markets/AT')
      .set(principal.headers)
      .send({ name: 'Renamed by DE token', timezone: 'Pacific/Kiritimati' })
      .expect(403);
    expect(refused.body.message).toContain('AT');
    expect((await t.http.get('/api/markets/AT').set(admin.headers).expect(200)).body).toEqual(before);
    await t.http.post('/api/markets').set(principal.headers).send({ code: 'FR', name: 'France', timezone: 'Europe/Paris', locale: 'fr-FR' }).expect(403);
    await t.http.get('/api/markets/FR').set(admin.headers).expect(404);
  });

  it('lists for a principal limited to DE only what lies in DE', async () => {
    for (const principal of fixtures.principals.filter((candidate) => candidate.markets !== null)) {
      const markets = await t.http.get('/api/markets').set(principal.headers).expect(200);
      expect(markets.body.map((market: { code: string }) => market.code)).toEqual(['DE']);
      const surveys = await t.http.get('/api/surveys').set(principal.headers).expect(200);
      expect(new Set(surveys.body.map((survey: { market: string }) => survey.market))).toEqual(new Set(['DE']));
    }
  });
});

/** The app's Express routes (Express 5 keeps its router on `router`, Express 4 on `_router`). */
function expressRoutes(t: TestApp): Array<{ method: string; path: string }> {
  const express = t.app.getHttpAdapter().getInstance();
  const router = express.router ?? express._router;
  return (router.stack as Array<{ route?: { path: string; methods: Record<string, boolean> } }>)
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => ({ method, path: layer.route!.path })));
}

async function send(t: TestApp, operation: Operation, request: ReturnType<typeof planRequest>, principal: Principal) {
  const method = operation.method as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const call = t.http[method](request.url).set(principal.headers);
  if (request.body === undefined) return call;
  if (request.contentType) call.set('Content-Type', request.contentType);
  return call.send(request.body);
}

/** Why an answer is wrong, or null when it is what the table says. */
function judge(expected: 'public' | 'allowed' | number, status: number, text: string, principal: Principal, other: MarketFixture): string | null {
  if (expected === 'public') return status === 401 || status === 403 ? 'expected a public route' : null;
  if (typeof expected === 'number') return status === expected ? null : `expected ${expected}`;
  if (status === 401 || status === 403) return 'expected access';
  if (status >= 500) return 'expected no server error';
  // Whatever a principal limited to DE may read, nothing of AT may show in it.
  if (principal.markets !== null && status < 300) {
    const leaked = [other.segment.id, other.survey, other.programme.id, other.employee.employee_id!].filter((id) => text.includes(id));
    if (leaked.length) return `leaked ${leaked.join(', ')} of ${other.code}`;
  }
  return null;
}
