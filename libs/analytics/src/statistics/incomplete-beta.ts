// Lanczos coefficients (g = 607/128, 15 terms, Godfrey): about 1e-15 relative error for x ≥ 0.5.
const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174, -0.49191381609762019978,
  0.33994649984811888699e-4, 0.46523628927048575665e-4, -0.98374475304879564677e-4, 0.15808870322491248884e-3,
  -0.21026444172410488319e-3, 0.2174396181152126432e-3, -0.16431810653676389022e-3, 0.84418223983852743293e-4,
  -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const TINY = 1e-300;
const EPSILON = 1e-15;
const MAX_TERMS = 100_000;
const STIRLING_FROM = 20;

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const shifted = x - 1;
  let series = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ln B(a, b) for a, b > 0. */
export function logBeta(a: number, b: number): number {
  const large = Math.max(a, b);
  const small = Math.min(a, b);
  if (large < STIRLING_FROM) return logGamma(a) + logGamma(b) - logGamma(a + b);
  // ln Γ(large + small) − ln Γ(large) in one piece: apart, the two cancel and lose ~log10(large) digits.
  const ratio =
    (large - 0.5) * Math.log1p(small / large) + small * Math.log(large + small) - small +
    stirlingTail(large + small) - stirlingTail(large);
  return logGamma(small) - ratio;
}

/**
 * The regularized incomplete beta function I_x(a, b), to about 1e-14. `y` is 1 − x, passed in
 * when the caller knows it more precisely than 1 − x rounds to (tail probabilities need it).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, y = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const front = Math.exp(a * logX + b * logY - logBeta(a, b));
  // The continued fraction converges fast only below the mean of the beta; beyond it, use symmetry.
  if (x < (a + 1) / (a + b + 2)) return (front * continuedFraction(x, a, b)) / a;
  return 1 - (front * continuedFraction(y, b, a)) / b;
}

// Modified Lentz evaluation of the continued fraction for I_x(a, b) (Numerical Recipes §6.4).
function continuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = nonZero(1 - ((a + b) * x) / (a + 1));
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / nonZero(1 + even * d);
    c = nonZero(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / nonZero(1 + odd * d);
    c = nonZero(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return h;
}

// ln Γ(x) − [(x − ½)ln x − x + ½ln 2π], Stirling's series; the next term is under 2e-15 from x = 20.
function stirlingTail(x: number): number {
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  return inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 / 1680)));
}

function nonZero(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}
