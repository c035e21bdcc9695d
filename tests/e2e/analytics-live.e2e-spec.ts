import { staleWaves } from '@changepulse/analytics';
import { createTestApp, eventually, startTestWorker, type TestApp, type TestWorker } from '@changepulse/testing';
import { answerHelpers } from './answer-helpers';

/** Rollups follow the answers: the worker rebuilds a wave's figures as answers arrive. */
describe('analytics as answers arrive', () => {
  let t: TestApp;
  let worker: TestWorker;
  let h: ReturnType<typeof answerHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    worker = await startTestWorker(t.config);
    h = answerHelpers(t);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const progress = async (code: string, auth: Record<string, string>) => (await t.http.get(`/api/markets/${code}/progress`).set(auth).expect(200)).body;

  it('hides a baseline with fewer respondents than the threshold, then shows it once the fifth answer is in', async () => {
    const { session, waveId, invited } = await h.launch(Array.from({ length: 7 }, () => ({})));
    const auth = await session.auth('leader');
    const all = { understand_1: '4', understand_2: '5', analyze_1: '2', relate_1: '4', invent_1: '1', enable_1: '3' };
    for (const person of invited.slice(0, 4)) await h.answer(person.token, all);
    await eventually(async () => (await t.dataSource.query(`SELECT responses FROM rollup_waves WHERE wave_id = $1`, [waveId]))[0]?.responses === 4, 20_000, 'rollup of 4');
    const hidden = await progress(session.market.code, auth);
    expect(hidden.baseline).toEqual({ suppressed: true });
    expect(hidden).toMatchObject({ target: null, progress: null, change: null });
    expect(hidden.values.understand.baseline).toEqual({ suppressed: true });
    const breakdown = (await t.http.get(`/api/markets/${session.market.code}/breakdown?by=department&wave=baseline`).set(auth).expect(200)).body;
    for (const group of breakdown.groups) expect(group).toEqual({ key: group.key, label: group.label, suppressed: true });

    await h.answer(invited[4].token, all);
    const shown = await eventually(async () => {
      const body = await progress(session.market.code, auth);
      return body.baseline?.n === 5 && body;
    }, 20_000, 'the fifth answer in the figures');
    // Everyone answered 4/5 for understand (2 of 2), analyze 0/1, relate 1/1, invent 0/1, enable 0/1: CLI 0.4 each.
    expect(shown.baseline).toMatchObject({ cli: 0.4, n: 5, invited: 7, method: 't' });
    expect(shown.baseline.responseRate).toBeCloseTo(5 / 7, 12);
    expect(shown.target).toBeCloseTo(0.6, 12);
    expect(shown.values.understand.baseline).toMatchObject({ cli: 1, n: 5 });
  });

  it('finds waves whose rollups lag their answers, for the minute tick', async () => {
    const { waveId, invited } = await h.launch([{}, {}]);
    await worker.close();
    try {
      await h.answer(invited[0].token, { understand_1: '5' });
      // Without a worker nothing refreshed it: the tick's query finds it.
      expect(await staleWaves(t.dataSource)).toContain(waveId);
    } finally {
      worker = await startTestWorker(t.config);
    }
    await eventually(async () => !(await staleWaves(t.dataSource)).includes(waveId), 90_000, 'the tick or the signal to catch up');
  });
});
