import { addMoments, meanOf, momentsOf, varianceOf } from './moments';

describe(momentsOf.name, () => {
  it('sums scores and squared scores', () => {
    expect(momentsOf([0, 0.5, 1])).toEqual({ n: 3, sum: 1.5, sumSq: 1.25 });
  });

  it('gives zeros for nobody', () => {
    expect(momentsOf([])).toEqual({ n: 0, sum: 0, sumSq: 0 });
  });
});

describe(addMoments.name, () => {
  it('adds disjoint groups as if their scores were pooled', () => {
    expect(addMoments(momentsOf([0, 1]), momentsOf([0.5]))).toEqual(momentsOf([0, 1, 0.5]));
  });

  it('gives zeros for no groups', () => {
    expect(addMoments()).toEqual({ n: 0, sum: 0, sumSq: 0 });
  });
});

describe(meanOf.name, () => {
  it('is the mean score', () => {
    expect(meanOf(momentsOf([0.2, 0.4, 0.9]))).toBeCloseTo(0.5, 15);
  });

  it('is NaN when nobody answered', () => {
    expect(meanOf(momentsOf([]))).toBeNaN();
  });
});

describe(varianceOf.name, () => {
  it('is the sample variance with n − 1', () => {
    expect(varianceOf(momentsOf([0, 1]))).toBeCloseTo(0.5, 15);
    expect(varianceOf(momentsOf([0, 1 / 3, 2 / 3, 1]))).toBeCloseTo(5 / 27, 15);
  });

  it('is 0 for nobody and for one respondent', () => {
    expect(varianceOf(momentsOf([]))).toBe(0);
    expect(varianceOf(momentsOf([0.8]))).toBe(0);
  });

  it('is exactly 0 when everyone gave the same score, despite rounding in the sums', () => {
    expect(varianceOf(momentsOf(new Array<number>(800).fill(0.2)))).toBe(0);
    expect(varianceOf(momentsOf(new Array<number>(7).fill(1 / 3)))).toBe(0);
  });

  it('is never negative when rounding leaves sumSq under sum²/n', () => {
    expect(varianceOf({ n: 3, sum: 0.6, sumSq: 0.12 - 1e-17 })).toBe(0);
  });
});
