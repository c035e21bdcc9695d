import { createTestApp, type TestApp, type TestSession } from '@changepulse/testing';
import { pilotWithReferenceData, progressFixture } from '../support/analytics-fixture';

const expected = progressFixture.expected;

/** Every number of `actual` equals the reference to 9 decimals; other values exactly. */
function expectClose(actual: unknown, reference: unknown, path = ''): void {
  if (typeof reference === 'number') {
    expect(typeof actual).toBe('number');
    if (Math.abs((actual as number) - reference) > 1e-9 * Math.max(1, Math.abs(reference))) throw new Error(`${path}: ${String(actual)} is not ${reference}`);
  } else if (Array.isArray(reference)) {
    expect(Array.isArray(actual)).toBe(true);
    expect((actual as unknown[]).length).toBe(reference.length);
    reference.forEach((item, index) => expectClose((actual as unknown[])[index], item, `${path}[${index}]`));
  } else if (reference && typeof reference === 'object') {
    expect(actual).toEqual(expect.any(Object));
    for (const [key, value] of Object.entries(reference)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    if (actual !== reference) throw new Error(`${path}: ${JSON.stringify(actual)} is not ${JSON.stringify(reference)}`);
  }
}

describe('analytics against the reference values', () => {
  let t: TestApp;
  let session: TestSession;
  let pilot: string;
  let controls: string[];
  let managers: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    ({ session, pilot, controls, managers } = await pilotWithReferenceData(t));
  });
  afterAll(() => t.close());

  const get = async (path: string, status = 200, role: 'leader' | 'admin' = 'leader', markets?: string[]) =>
    (await t.http.get(path).set(await session.auth(role, markets)).expect(status)).body;

  it('gives the pilot the reference CLI, intervals, weighted figures, target and progress', async () => {
    const body = await get(`/api/markets/${pilot}/progress`);
    const reference = expected.progress;
    for (const key of ['window', 'baseline', 'current', 'target', 'capped', 'progress'] as const) expectClose(body[key], reference[key], key);
    expect(Object.keys(body.baseline).sort()).toEqual(expect.arrayContaining(['cli', 'interval', 'n', 'invited', 'responseRate', 'weighted']));
  });

  it("tests the change from baseline with Welch's t-test and gives the difference-in-differences against the pooled controls", async () => {
    const body = await get(`/api/markets/${pilot}/progress`);
    expectClose(body.change, expected.progress.change, 'change');
    expect(body.changeReason).toBeNull();
    const { byControl, ...did } = expected.progress.did;
    expectClose(body.did, did, 'did');
    expect(body.did.controls.sort()).toEqual([...controls].sort());
    // Each control's own people and change, matched by code (the fixture lists c1, c2).
    byControl.forEach((want, index) =>
      expectClose(
        body.did.byControl.find((part: { code: string }) => part.code === controls[index]),
        want,
        `byControl[${index}]`,
      ),
    );
  });

  it('projects the trend over the pulse rounds, or says plainly why it is not on track', async () => {
    const body = await get(`/api/markets/${pilot}/progress`);
    expectClose(body.projection, expected.progress.projection, 'projection');
  });

  it('gives each value and each readiness dimension its reference figures', async () => {
    const body = await get(`/api/markets/${pilot}/progress`);
    expectClose(body.values, expected.progress.values, 'values');
    expectClose(body.readiness, expected.progress.readiness, 'readiness');
  });

  it('gives a control market its own figures', async () => {
    const body = await get(`/api/markets/${controls[0]}/progress`);
    expectClose(body.baseline, expected.controlProgress.baseline, 'baseline');
    expectClose(body.current, expected.controlProgress.current, 'current');
    expect(body.did).toMatchObject({ estimate: null, controls: [] });
    // A comparison market: its own change, and no target or progress toward one.
    expectClose(body, expected.controlProgress, 'control');
  });

  it('gives one trend point per pulse round with n and interval', async () => {
    const body = await get(`/api/markets/${pilot}/trend`);
    expect(body.points).toHaveLength(expected.trend.length);
    body.points.forEach((point: unknown, index: number) => expectClose(point, expected.trend[index], `points[${index}]`));
    expect(body.fit).toEqual(expect.objectContaining({ from: expect.any(String), to: expect.any(String) }));
  });

  it('breaks down by audience with the reference figures, hiding small groups and the next-smallest beside a lone one', async () => {
    for (const wave of ['baseline', 'current'] as const) {
      const body = await get(`/api/markets/${pilot}/breakdown?by=audience&wave=${wave}`);
      const reference = expected.breakdown.audience[wave] as Record<string, object>;
      expect(body.groups.map((group: { key: string }) => group.key).sort()).toEqual(Object.keys(reference).sort());
      for (const group of body.groups) {
        const want = reference[group.key];
        if ('suppressed' in want) expect(Object.keys(group).sort()).toEqual(['key', 'label', 'suppressed']);
        expectClose(group, want, `${wave}.${group.key}`);
      }
    }
  });

  it('breaks down by department and by manager team the same way', async () => {
    const departments = await get(`/api/markets/${pilot}/breakdown?by=department&wave=baseline`);
    const reference = expected.breakdown.department.baseline as Record<string, object>;
    for (const group of departments.groups) expectClose(group, reference[group.key === '(none)' ? '' : group.key], group.key);
    const teams = await get(`/api/markets/${pilot}/breakdown?by=manager&wave=current`);
    const byTeam = expected.breakdown.manager.current as Record<string, object>;
    for (const [index, want] of Object.entries(byTeam)) {
      const key = index === '-1' ? '(none)' : managers.get(`pilot:${index}`);
      expectClose(teams.groups.find((group: { key: string }) => group.key === key), want, `team ${index}`);
    }
  });

  it('exports aggregates as CSV with the same suppression and no figure for a hidden group', async () => {
    const response = await t.http.get(`/api/markets/${pilot}/export.csv`).set(await session.auth('leader')).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = response.text.trim().split('\r\n').map((line) => line.split(','));
    expect(header).toEqual(['section', 'wave', 'by', 'group', 'label', 'measure', 'n', 'invited', 'response_rate', 'score', 'low', 'high', 'weighted', 'method', 'suppressed']);
    const column = (name: string) => header.indexOf(name);
    const hidden = rows.filter((row) => row[column('suppressed')] === 'true');
    expect(hidden.length).toBeGreaterThan(0);
    for (const row of hidden) expect(row.slice(column('n'), column('method') + 1).every((field) => field === '')).toBe(true);
    for (const row of rows.filter((row) => row[column('n')] !== '')) expect(Number(row[column('n')])).toBeGreaterThanOrEqual(5);
    const baseline = rows.find((row) => row[0] === 'progress' && row[1] === 'baseline' && row[column('measure')] === 'cli')!;
    expect(Number(baseline[column('score')])).toBeCloseTo(expected.progress.baseline.cli as number, 8);
  });

  it('compares a pilot that names no controls with every control market', async () => {
    const other = await session.addMarket({ role: 'pilot', name: 'Second pilot' });
    const body = await get(`/api/markets/${other.code}/progress`, 200, 'admin');
    expect(body.did.controls).toEqual(expect.arrayContaining(controls));
    expect(body.did).toMatchObject({ estimate: null, reason: 'the pilot needs a baseline and current figure' });
    expect(body).toMatchObject({ baseline: null, current: null, target: null, projection: { onTrack: false, reason: 'no target' } });
  });

  it('refuses a leader limited to other markets with 403, on every endpoint', async () => {
    for (const path of ['progress', 'breakdown?by=audience', 'trend', 'export.csv']) {
      await get(`/api/markets/${controls[0]}/${path}`, 403, 'leader', [pilot]);
    }
    await get(`/api/markets/${pilot}/progress`, 200, 'leader', [pilot]);
  });

  it('answers 404 for an unknown market and 400 naming the field for a bad breakdown', async () => {
    await get(`/api/markets/NOPE/progress`, 404, 'admin');
    expect((await get(`/api/markets/${pilot}/breakdown?by=shoe`, 400)).message.join(' ')).toMatch(/by must be one of/);
    expect((await get(`/api/markets/${pilot}/breakdown?by=audience&wave=yesterday`, 400)).message).toMatch(/^wave:/);
    const otherWave = (await t.dataSource.query(`SELECT w.id FROM survey_waves w JOIN markets m ON m.id = w.market_id WHERE m.code = $1 LIMIT 1`, [controls[0]]))[0].id;
    expect((await get(`/api/markets/${pilot}/breakdown?by=audience&wave=${otherWave}`, 404)).message).toMatch(/^wave:/);
  });
});
