import { differenceInDifferences, welch, withheldReason } from './differences';
import { momentsOf } from './moments';

const before = momentsOf([0.2, 0.4, 0.4, 0.6, 0.2]);
const after = momentsOf([0.6, 0.8, 0.4, 1, 0.8, 0.6]);
const flat = (score: number, n: number) => momentsOf(new Array<number>(n).fill(score));

describe(welch.name, () => {
  it('measures after minus before', () => {
    const result = welch(before, after)!;
    expect(result.estimate).toBeCloseTo(0.7 - 0.36, 14);
    expect(result.t).toBeGreaterThan(0);
    expect(result.interval[0]).toBeLessThan(result.estimate);
  });

  it('negates the difference, keeps the p-value, when before and after swap', () => {
    const forward = welch(before, after)!;
    const backward = welch(after, before)!;
    expect(backward.estimate).toBeCloseTo(-forward.estimate, 14);
    expect(backward.t).toBeCloseTo(-forward.t, 12);
    expect(backward.p).toBeCloseTo(forward.p, 14);
    expect(backward.df).toBeCloseTo(forward.df, 12);
  });

  it('does not clamp a decline below 0', () => {
    const result = welch(momentsOf([0.8, 1, 0.8]), momentsOf([0, 0.2, 0]))!;
    expect(result.interval[0]).toBeLessThan(-0.5);
  });

  it('takes the df of the varying group when the other does not vary', () => {
    const result = welch(flat(0.4, 6), after)!;
    expect(result.df).toBeCloseTo(5, 12);
  });

  it('is null with fewer than 2 respondents on either side', () => {
    expect(welch(momentsOf([0.4]), after)).toBeNull();
    expect(welch(before, momentsOf([]))).toBeNull();
  });

  it('is null when neither side varies', () => {
    expect(welch(flat(0.2, 5), flat(0.8, 5))).toBeNull();
  });

  it('returns null rather than NaN for a level outside (0, 1)', () => {
    expect(welch(before, after, 1)).toBeNull();
  });
});

describe(differenceInDifferences.name, () => {
  it('reduces to Welch when the control does not move or vary', () => {
    const did = differenceInDifferences(before, after, flat(0.5, 8), flat(0.5, 9))!;
    const change = welch(before, after)!;
    expect(did.estimate).toBeCloseTo(change.estimate, 14);
    expect(did.df).toBeCloseTo(change.df, 10);
    expect(did.p).toBeCloseTo(change.p, 12);
  });

  it('finds nothing when the control moved exactly like the pilot', () => {
    const did = differenceInDifferences(before, after, before, after)!;
    expect(did.estimate).toBeCloseTo(0, 14);
    expect(did.p).toBeCloseTo(1, 10);
  });

  it('is null when any group has fewer than 2 respondents', () => {
    expect(differenceInDifferences(before, after, momentsOf([0.6]), after)).toBeNull();
    expect(differenceInDifferences(before, after, before, momentsOf([]))).toBeNull();
  });

  it('is null when no group varies', () => {
    expect(differenceInDifferences(flat(0.2, 4), flat(0.6, 5), flat(0.4, 6), flat(0.4, 3))).toBeNull();
  });
});

describe(withheldReason.name, () => {
  it('says too few people when an arm has fewer than 2 respondents', () => {
    expect(withheldReason([before, momentsOf([0.5])])).toBe('too few people (fewer than 2 in an arm)');
    expect(welch(before, momentsOf([0.5]))).toBeNull();
  });

  it('says no spread when every respondent gave the same score in every arm', () => {
    const same = momentsOf([0.4, 0.4, 0.4]);
    expect(withheldReason([same, momentsOf([0.6, 0.6])])).toBe('no spread: every respondent gave the same score');
    expect(differenceInDifferences(same, same, same, same)).toBeNull();
  });

  it('is null when the test can be run', () => {
    expect(withheldReason([before, after])).toBeNull();
    expect(welch(before, after)).not.toBeNull();
  });
});
