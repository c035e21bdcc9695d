import { addMoments, meanOf, momentsOf } from './moments';
import { weightedMean } from './weighting';

const north = momentsOf([0.2, 0.4, 0.6, 0.4]);
const south = momentsOf([0.8, 1, 0.6, 0.8, 1, 0.8]);

describe(weightedMean.name, () => {
  it('weighs cells by how many were invited, not by how many answered', () => {
    const result = weightedMean([
      { invited: 30, moments: north },
      { invited: 10, moments: south },
    ])!;
    expect(result.estimate).toBeCloseTo(0.75 * meanOf(north) + 0.25 * meanOf(south), 14);
    expect(result.coverage).toBe(1);
  });

  it('equals the raw mean when respondents already match the invited mix', () => {
    const result = weightedMean([
      { invited: 40, moments: north },
      { invited: 60, moments: south },
    ])!;
    expect(result.estimate).toBeCloseTo(meanOf(addMoments(north, south)), 14);
  });

  it('drops cells nobody answered in and reports the coverage left', () => {
    const result = weightedMean([
      { invited: 30, moments: north },
      { invited: 20, moments: momentsOf([]) },
    ])!;
    expect(result.estimate).toBeCloseTo(meanOf(north), 14);
    expect(result.coverage).toBeCloseTo(0.6, 14);
  });

  it('lends a one-respondent cell the variance of everyone', () => {
    const lone = momentsOf([0.6]);
    const result = weightedMean([
      { invited: 10, moments: lone },
      { invited: 10, moments: south },
    ])!;
    expect(result.interval).not.toBeNull();
    expect(result.interval![1]).toBeGreaterThan(result.estimate);
  });

  it('has no interval when only one person answered in all', () => {
    const result = weightedMean([{ invited: 10, moments: momentsOf([0.4]) }])!;
    expect(result.estimate).toBeCloseTo(0.4, 14);
    expect(result.interval).toBeNull();
  });

  it('clamps at 1 and collapses when nobody varies', () => {
    expect(weightedMean([{ invited: 5, moments: momentsOf([1, 1, 0.8]) }])!.interval![1]).toBe(1);
    expect(weightedMean([{ invited: 5, moments: momentsOf([1, 1, 1]) }])!.interval).toEqual([1, 1]);
  });

  it('is null when nobody answered, or nobody was invited where people answered', () => {
    expect(weightedMean([])).toBeNull();
    expect(weightedMean([{ invited: 10, moments: momentsOf([]) }])).toBeNull();
    expect(weightedMean([{ invited: 0, moments: north }])).toBeNull();
  });
});
