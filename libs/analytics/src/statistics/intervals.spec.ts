import { momentsOf } from './moments';
import { tInterval, wilsonInterval } from './intervals';

describe(tInterval.name, () => {
  it('is mean ± t·s/√n', () => {
    // n = 3: t has 2 df, whose quantile has a closed form: (2p − 1) / √(2p(1 − p)).
    const t = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
    const half = (t * 0.1) / Math.sqrt(3);
    const [low, high] = tInterval(momentsOf([0.4, 0.5, 0.6]))!;
    expect(low).toBeCloseTo(0.5 - half, 12);
    expect(high).toBeCloseTo(0.5 + half, 12);
  });

  it('is null for nobody and for one respondent', () => {
    expect(tInterval(momentsOf([]))).toBeNull();
    expect(tInterval(momentsOf([0.6]))).toBeNull();
  });

  it('collapses to the mean when everyone gave the same score', () => {
    const [low, high] = tInterval(momentsOf(new Array<number>(800).fill(0.2)))!;
    expect(low).toBe(high);
    expect(low).toBeCloseTo(0.2, 12);
  });

  it('clamps at 0 and at 1', () => {
    expect(tInterval(momentsOf([0, 0, 0.2]))![0]).toBe(0);
    expect(tInterval(momentsOf([1, 1, 0.8]))![1]).toBe(1);
  });

  it('widens with the level', () => {
    const scores = momentsOf([0.2, 0.4, 0.4, 0.6, 0.8, 0.6]);
    const [low90, high90] = tInterval(scores, 0.9)!;
    const [low99, high99] = tInterval(scores, 0.99)!;
    expect(high99 - low99).toBeGreaterThan(high90 - low90);
  });

  it('returns null rather than NaN for a level outside (0, 1) or sums that are not numbers', () => {
    expect(tInterval(momentsOf([0.2, 0.4]), 1)).toBeNull();
    expect(tInterval(momentsOf([0.2, 0.4]), 0)).toBeNull();
    expect(tInterval({ n: 3, sum: NaN, sumSq: NaN })).toBeNull();
  });
});

describe(wilsonInterval.name, () => {
  it('is null when nobody answered', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('starts exactly at 0 for no successes and ends exactly at 1 for all', () => {
    expect(wilsonInterval(0, 7)![0]).toBe(0);
    expect(wilsonInterval(7, 7)![1]).toBe(1);
  });

  it('mirrors around one half when successes and failures swap', () => {
    const [low, high] = wilsonInterval(3, 11)!;
    const [mirrorLow, mirrorHigh] = wilsonInterval(8, 11)!;
    expect(mirrorLow).toBeCloseTo(1 - high, 14);
    expect(mirrorHigh).toBeCloseTo(1 - low, 14);
  });

  it('stays inside (0, 1) for a single answer', () => {
    const [low, high] = wilsonInterval(1, 1)!;
    expect(low).toBeGreaterThan(0);
    expect(high).toBe(1);
  });

  it('returns null for counts that are not a proportion', () => {
    expect(wilsonInterval(6, 5)).toBeNull();
    expect(wilsonInterval(-1, 5)).toBeNull();
    expect(wilsonInterval(NaN, 5)).toBeNull();
    expect(wilsonInterval(2, 5, 1.2)).toBeNull();
  });
});
