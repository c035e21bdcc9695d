import type { RollupRow } from '../rollups/rollup-rows';
import { changeOf, changeReasonOf, didOf, progressForViewer } from './comparison';
import type { MarketRows } from './progress-figures';

const K = 5;

/** One wave's rows: respondents' CLI scores and how many people were invited. */
function rows(waveId: string, scores: number[], invited: number): RollupRow[] {
  const base = { waveId, tier: 't', department: 'd', manager: '' };
  return [
    {
      ...base,
      measure: 'cli',
      n: scores.length,
      sum: scores.reduce((a, b) => a + b, 0),
      sumSq: scores.reduce((a, b) => a + b * b, 0),
      items: scores.length * 5,
    },
    { ...base, measure: 'invited', n: invited, sum: 0, sumSq: 0, items: scores.length },
  ];
}

const spread = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + (i % 4) * 0.1);
const market = (before: number[], after: number[], invited = 40): MarketRows => ({ baseline: rows('b', before, invited), current: rows('c', after, invited) });
const pilot = market(spread(12, 0.2), spread(14, 0.4));

describe(changeReasonOf.name, () => {
  it('is null when the test is given', () => {
    expect(changeOf(pilot, K)).not.toBeNull();
    expect(changeReasonOf(pilot, K)).toBeNull();
  });

  it('says there is no spread when every respondent gave the same score', () => {
    const flat = market(Array(8).fill(0.4), Array(9).fill(0.4));
    expect(changeOf(flat, K)).toBeNull();
    expect(changeReasonOf(flat, K)).toBe('no spread: every respondent gave the same score');
  });

  it('says too few people when fewer than 2 are in an arm, even where the group minimum allows one', () => {
    const one = market(spread(6, 0.2), [0.6]);
    expect(changeReasonOf(one, 1)).toBe('too few people (fewer than 2 in an arm)');
    expect(changeReasonOf(one, K)).toBe(`too few people: fewer than ${K} answered the current pulses`);
  });

  it('says what is missing when there is no baseline or no pulse round', () => {
    expect(changeReasonOf({ baseline: null, current: pilot.current }, K)).toBe('no baseline survey yet');
    expect(changeReasonOf({ baseline: pilot.baseline, current: null }, K)).toBe('no pulse rounds yet');
  });
});

describe(didOf.name, () => {
  const full = market(spread(10, 0.3), spread(11, 0.35), 30);
  const empty = market([], [], 40);

  it("gives each control's own change and people, and each arm's people", () => {
    const did = didOf(pilot, [{ code: 'AA', rows: full }], K);
    expect(did.estimate).not.toBeNull();
    expect(did.arms).toEqual({ pilot: { baseline: 12, current: 14 }, controls: { baseline: 10, current: 11 } });
    expect(did.byControl[0]).toMatchObject({
      code: 'AA',
      invited: { baseline: 30, current: 30 },
      answered: { baseline: 10, current: 11 },
      pooled: true,
      note: null,
    });
    const mean = (scores: number[]) => scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(did.byControl[0].change).toBeCloseTo(mean(spread(11, 0.35)) - mean(spread(10, 0.3)), 12);
  });

  it('shows a control where nobody answered as 0 of N and says it contributed nobody', () => {
    const did = didOf(pilot, [{ code: 'AA', rows: full }, { code: 'BB', rows: empty }], K);
    expect(did.estimate).toBeCloseTo(didOf(pilot, [{ code: 'AA', rows: full }], K).estimate!, 12);
    expect(did.byControl[1]).toEqual({
      code: 'BB',
      invited: { baseline: 40, current: 40 },
      answered: { baseline: 0, current: 0 },
      change: null,
      pooled: false,
      note: '0 of 40 answered the baseline; 0 of 40 answered the current pulses: it contributed nobody to the comparison',
    });
  });

  it('hides the counts of a control with fewer than the minimum invited or answering, and leaves it out of the pool', () => {
    const small = market([0.2, 0.4, 0.6], [0.2, 0.4], 4);
    const did = didOf(pilot, [{ code: 'AA', rows: full }, { code: 'CC', rows: small }], K);
    expect(did.byControl[1]).toMatchObject({
      invited: { baseline: null, current: null },
      answered: { baseline: null, current: null },
      change: null,
      pooled: false,
    });
    expect(did.arms.controls).toEqual({ baseline: 10, current: 11 });
    const silent = didOf(pilot, [{ code: 'DD', rows: market([], [], 3) }], K);
    expect(silent.byControl[0].answered).toEqual({ baseline: null, current: null });
    expect(silent.byControl[0].note).toContain('how many were invited is hidden');
  });

  it('says why it is withheld when no control can be pooled, or nobody varies', () => {
    expect(didOf(pilot, [{ code: 'BB', rows: empty }], K).reason).toBe(
      `no control market has at least ${K} respondents in both the baseline and the current pulses`,
    );
    const flat = market(Array(6).fill(0.5), Array(6).fill(0.5));
    expect(didOf(flat, [{ code: 'AA', rows: flat }], K)).toMatchObject({ estimate: null, reason: 'no spread: every respondent gave the same score' });
  });
});

describe(progressForViewer.name, () => {
  it("keeps a control's counts from a viewer who may not see it, and adds a caveat per control left out", () => {
    const did = didOf(pilot, [{ code: 'AA', rows: full() }, { code: 'BB', rows: market([], [], 40) }], K);
    const dto = { did, caveats: [] } as unknown as Parameters<typeof progressForViewer>[0];
    const seen = progressForViewer(dto, () => true);
    expect(seen.caveats).toEqual([`Control market BB: ${did.byControl[1].note}.`]);
    const unseen = progressForViewer(dto, (code) => code === 'AA');
    expect(unseen.did.byControl[1]).toMatchObject({
      invited: { baseline: null, current: null },
      answered: { baseline: null, current: null },
      note: 'left out of the comparison (not among your markets)',
    });
    expect(unseen.caveats.join(' ')).not.toContain('0 of 40');
  });

  function full(): MarketRows {
    return market(spread(10, 0.3), spread(11, 0.35), 30);
  }
});
