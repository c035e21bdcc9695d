import { normalQuantile, tCdf, tQuantile, tTwoSidedP } from './distributions';

describe(tQuantile.name, () => {
  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    // Cauchy: tan(π(p − ½)); 2 df: (2p − 1)/√(2p(1 − p)).
    expect(tQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 11);
    expect(tQuantile(0.9, 2)).toBeCloseTo(0.8 / Math.sqrt(2 * 0.9 * 0.1), 13);
  });

  it('is odd around one half', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.025, 12.5)).toBeCloseTo(-tQuantile(0.975, 12.5), 13);
  });

  it('inverts the cdf', () => {
    for (const df of [1, 3, 9.4, 120, 5000]) expect(tCdf(tQuantile(0.995, df), df)).toBeCloseTo(0.995, 14);
  });

  it('approaches the normal quantile as df grows', () => {
    expect(tQuantile(0.975, 1e9)).toBeCloseTo(normalQuantile(0.975), 8);
  });

  it('gives infinities at 0 and 1 and NaN without degrees of freedom', () => {
    expect(tQuantile(0, 5)).toBe(-Infinity);
    expect(tQuantile(1, 5)).toBe(Infinity);
    expect(tQuantile(0.9, 0)).toBeNaN();
    expect(tQuantile(NaN, 5)).toBeNaN();
  });
});

describe(tTwoSidedP.name, () => {
  it('is 1 at t = 0 and 0 for an infinite t', () => {
    expect(tTwoSidedP(0, 4)).toBe(1);
    expect(tTwoSidedP(-Infinity, 4)).toBe(0);
  });

  it('matches the Cauchy closed form for 1 df', () => {
    expect(tTwoSidedP(3, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(3), 14);
  });

  it('keeps its relative precision far in the tail', () => {
    // 2 df: P(|T| ≥ t) = 1 − t/√(t² + 2), evaluated here without the cancellation.
    const t = 1e4;
    const exact = 2 / (Math.sqrt(t * t + 2) * (Math.sqrt(t * t + 2) + t));
    expect(tTwoSidedP(t, 2) / exact).toBeCloseTo(1, 12);
  });
});

describe(normalQuantile.name, () => {
  it('is 0 at one half and 1.959964 at 0.975', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
  });

  it('gives infinities at 0 and 1', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});
