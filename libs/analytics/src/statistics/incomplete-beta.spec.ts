import { logBeta, logGamma, regularizedIncompleteBeta } from './incomplete-beta';

describe(logGamma.name, () => {
  it('is ln((n − 1)!) at whole numbers and ln √π at one half', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
});

describe(logBeta.name, () => {
  it('agrees across the switch to Stirling for large arguments', () => {
    // B(a, 1) = 1/a exactly, on both sides of the switch.
    expect(logBeta(19.5, 1)).toBeCloseTo(-Math.log(19.5), 13);
    expect(logBeta(2.5e5, 1)).toBeCloseTo(-Math.log(2.5e5), 12);
  });
});

describe(regularizedIncompleteBeta.name, () => {
  it('is x for a = b = 1 and x^a for b = 1', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.7, 3.5, 1)).toBeCloseTo(0.7 ** 3.5, 14);
  });

  it('is 0 at 0 and 1 at 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it('satisfies I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    expect(regularizedIncompleteBeta(0.62, 40, 0.5)).toBeCloseTo(1 - regularizedIncompleteBeta(0.38, 0.5, 40), 14);
  });
});
