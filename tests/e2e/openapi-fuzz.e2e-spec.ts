import request from 'supertest';
import { mulberry32 } from '@changepulse/core';
import { createTestApp, employeeRow, toCsv, type TestApp } from '@changepulse/testing';
import { answerHelpers, inDays } from './answer-helpers';
import { BODY_VALUES, operationCases, URL_VALUES, type FuzzCase, type FuzzFixtures, type OpenApiDocument } from './fuzz-cases';
import { publicCases } from './fuzz-public-cases';
import { watchWrites } from './fuzz-state';

const SEED = 20260404;
const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];
// Replaced by a new number in each request, so that creates are not all refused as duplicates.
const UNIQUE = '__N__';
let sequence = 0;

interface Finding {
  who: string;
  request: string;
  label: string;
  status: number;
  problem: string;
  body: string;
}

/**
 * Every operation of /api/docs-json, and the public pages, with wrong types, nulls, huge numbers,
 * long and odd unicode strings, NUL, deep nesting, missing and unknown fields, in path, query and
 * body, as an admin and as a change manager limited to one market. No request may answer 5xx,
 * and a refused (4xx) request may change no row of the main tables.
 */
describe('OpenAPI fuzz', () => {
  let t: TestApp;
  let base: string;
  let document: OpenApiDocument;
  let fixtures: FuzzFixtures;
  let answerToken: string;
  let csrf: string;
  let writes: () => Promise<string[]>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const helpers = answerHelpers(t);
    const launched = await helpers.launch([{}, {}]);
    answerToken = launched.invited[0].token;
    csrf = await helpers.csrfOf(answerToken);

    const session = await t.session();
    const market = session.market.code;
    const control = (await session.addMarket()).code;
    const admin = await session.auth('admin');
    auth.admin = admin.Authorization;
    auth[`change_manager limited to ${market}`] = (await session.auth('change_manager', [market])).Authorization;
    const people = [employeeRow(market, { audience: 'manager' }), employeeRow(market), employeeRow(market)];
    await session.importCsv(toCsv(people));
    const post = async (path: string, body: object) => (await t.http.post(path).set(admin).send(body).expect((r) => r.status < 300)).body as { id: string };
    const segment = await post('/api/segments', { name: 'Fuzz segment', rules: { markets: [market] } });
    const survey = await post('/api/surveys', { kind: 'baseline', market, channels: ['email'], opensAt: inDays(1), closesAt: inDays(14) });
    const programme = await post('/api/pulse-programmes', { market, name: 'Fuzz pulse', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2027-01-04' });
    const spareToken = await post('/api/tokens', { name: 'Fuzz spare', role: 'viewer' });
    const user = await post('/api/users', { email: 'fuzz.leader@example.com', name: 'Fuzz Leader', role: 'leader' });
    await post('/api/tiers', { key: 'fuzz_tier', name: 'Fuzz tier' });
    const tierKeys = ((await t.http.get('/api/tiers').set(admin)).body as Array<{ key: string }>).map((tier) => tier.key);

    const ids: Record<string, string> = {
      '/api/segments': segment.id,
      '/api/surveys': survey.id,
      '/api/pulse-programmes': programme.id,
      '/api/tokens': spareToken.id,
      '/api/users': user.id,
    };
    const values: Record<string, unknown> = {
      market,
      markets: [market],
      controls: [control],
      segment: segment.id,
      opensAt: inDays(1),
      closesAt: inDays(14),
      reminders: [inDays(7)],
      startsOn: '2027-01-04',
      keys: tierKeys,
      email: `fuzz.${UNIQUE}@example.com`,
      managerSubtree: people[0].employee_id,
      hiredFrom: '2020-01-01',
      hiredTo: '2030-12-31',
    };
    fixtures = {
      pathValue: (path, name) =>
        ({ code: market, key: 'fuzz_tier', employeeId: people[1].employee_id! })[name] ??
        Object.entries(ids).find(([prefix]) => path.startsWith(`${prefix}/`))?.[1] ??
        'unknown',
      bodyValue: (path, name) =>
        name === 'code' && path === '/api/markets' ? `FZ${UNIQUE}` : name === 'key' && path === '/api/tiers' ? `fuzz_${UNIQUE}` : values[name],
    };
    document = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    writes = await watchWrites(t.dataSource);
    // The watcher must see a real write, or "nothing written" would prove nothing.
    await t.http.patch(`/api/markets/${market}`).set(admin).send({ name: 'Fuzz market' }).expect(200);
    expect(await writes()).toEqual(['markets']);
    base = await t.listen();
  });
  afterAll(() => t.close());

  async function send(one: FuzzCase, authorization?: string): Promise<{ status: number; text: string }> {
    const url = `${one.path}${one.query ? `?${one.query}` : ''}`;
    const http = request(base);
    const method = one.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let pending = http[method](url).timeout(15_000).redirects(0);
    if (authorization) pending = pending.set('Authorization', authorization);
    if (one.headers) pending = pending.set(one.headers);
    const unique = (text: string) => text.replaceAll(UNIQUE, String((sequence += 1)));
    if (one.body && 'json' in one.body) pending = pending.set('Content-Type', 'application/json').send(unique(JSON.stringify(one.body.json)));
    if (one.body && 'raw' in one.body) pending = pending.set('Content-Type', one.body.type).send(unique(one.body.raw));
    try {
      const response = await pending.ok(() => true);
      return { status: response.status, text: response.text ?? '' };
    } catch (error) {
      return { status: 0, text: `no answer: ${(error as Error).message}` };
    }
  }

  /** Sends the cases one by one and notes what each wrote. */
  async function run(who: string, cases: FuzzCase[], findings: Finding[]): Promise<number> {
    await writes();
    for (const one of cases) {
      const { status, text } = await send(one, auth[who]);
      const report = (problem: string) =>
        findings.push({
          who,
          request: `${one.method} ${`${one.path}${one.query ? `?${one.query}` : ''}`.slice(0, 160)}`,
          label: one.label,
          status,
          problem,
          body: text.slice(0, 300),
        });
      if (status >= 500 || status === 0) report('server error');
      const changed = await writes();
      if (changed.length && (status >= 400 || one.method === 'GET')) report(`${status >= 400 ? 'refused' : 'a read'}, yet wrote to ${changed.join(', ')}`);
    }
    return cases.length;
  }

  function apiCases(options: Parameters<typeof operationCases>[5] = {}): FuzzCase[] {
    const random = mulberry32(SEED);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method })));
    operations.sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) || a.path.localeCompare(b.path));
    return operations.flatMap(({ path, method }) => operationCases(document, fixtures, path, method, random, options));
  }

  it('answers every operation, public page and principal without a 5xx, and changes nothing when it refuses', async () => {
    const findings: Finding[] = [];
    const started = Date.now();
    const limited = Object.keys(auth).find((who) => who !== 'admin')!;
    const few = <T>(list: Array<[string, T]>, labels: string[]) => list.filter(([label]) => labels.includes(label));
    // The limited principal mostly meets the access check; a few values per field reach past it.
    let sent = await run(
      limited,
      apiCases({ values: few(BODY_VALUES, ['null', 'NUL', 'emoji']), urlValues: few(URL_VALUES, ['NUL', 'nil uuid']), shapes: false }),
      findings,
    );
    sent += await run('admin', apiCases(), findings);
    sent += await run('public', publicCases(answerToken, csrf), findings);
    const summary = findings.map((f) => `${f.who} ${f.request}\n    ${f.label} → ${f.status}: ${f.problem}\n    ${f.body}`).join('\n');
    const head = `of ${sent} requests failed (seed ${SEED}, ${Math.round((Date.now() - started) / 1000)} s)`;
    expect(`${findings.length} ${head}\n${summary}`).toBe(`0 ${head}\n`);
  }, 180_000);
});
