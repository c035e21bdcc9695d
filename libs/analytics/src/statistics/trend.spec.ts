import { linearTrend } from './trend';

const points = (ys: number[], start = 0) => ys.map((y, i) => ({ x: start + 7 * i, y }));
const weekly = [0.31, 0.33, 0.32, 0.36, 0.35, 0.39, 0.38, 0.41];

describe(linearTrend.name, () => {
  it('fits the slope and intercept of least squares', () => {
    const fit = linearTrend([
      { x: 0, y: 0.1 },
      { x: 1, y: 0.3 },
      { x: 2, y: 0.2 },
      { x: 3, y: 0.4 },
    ])!;
    expect(fit.slope).toBeCloseTo(0.08, 14);
    expect(fit.intercept).toBeCloseTo(0.13, 14);
    expect(fit.df).toBe(2);
    expect(fit.n).toBe(4);
  });

  it('does not change its slope or p-value when x is a day number far from 0', () => {
    const near = linearTrend(points(weekly))!;
    const far = linearTrend(points(weekly, 20089))!;
    expect(far.slope).toBeCloseTo(near.slope, 13);
    expect(far.p).toBeCloseTo(near.p, 12);
  });

  it('gives slope 0 and p = 1 for a flat series', () => {
    expect(linearTrend(points([0.4, 0.4, 0.4, 0.4]))).toEqual({ slope: 0, intercept: 0.4, slopeInterval: [0, 0], df: 2, p: 1, n: 4 });
  });

  it('has no doubt about a perfect line', () => {
    const fit = linearTrend([0, 1, 2, 3, 4].map((x) => ({ x, y: 0.1 + 0.05 * x })))!;
    expect(fit.slope).toBeCloseTo(0.05, 14);
    expect(fit.slopeInterval[1] - fit.slopeInterval[0]).toBeLessThan(1e-12);
    expect(fit.p).toBeLessThan(1e-12);
  });

  it('does not clamp a falling slope', () => {
    expect(linearTrend(points([...weekly].reverse()))!.slopeInterval[0]).toBeLessThan(0);
  });

  it('is null with fewer than 3 points or every x the same', () => {
    expect(linearTrend(points([0.3, 0.4]))).toBeNull();
    expect(linearTrend([0.3, 0.4, 0.5].map((y) => ({ x: 2, y })))).toBeNull();
  });

  it('returns null rather than NaN for a coordinate that is not a number', () => {
    expect(linearTrend([...points(weekly), { x: 70, y: NaN }])).toBeNull();
  });
});
