import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interval } from '../analytics.dto';
import {
  differenceInDifferences,
  linearTrend,
  normalQuantile,
  tInterval,
  tQuantile,
  weightedMean,
  welch,
  wilsonInterval,
  type Cell,
  type Moments,
  type TestResult,
  type TrendFit,
} from './index';

// Written by tests/reference/make-statistics-fixtures.py from scipy; CI only reads the JSON.
interface Case<Expected> {
  name: string;
  level: number;
  expected: Expected | null;
}
interface Fixtures {
  versions: Record<string, string>;
  tQuantile: Array<{ p: number; df: number; expected: number }>;
  normalQuantile: Array<{ p: number; expected: number }>;
  tInterval: Array<Case<Interval> & { moments: Moments }>;
  wilsonInterval: Array<Case<Interval> & { successes: number; n: number }>;
  welch: Array<Case<TestResult> & { before: Moments; after: Moments }>;
  differenceInDifferences: Array<
    Case<TestResult> & { pilotBefore: Moments; pilotAfter: Moments; controlBefore: Moments; controlAfter: Moments }
  >;
  weightedMean: Array<Case<{ estimate: number; interval: Interval | null; coverage: number }> & { cells: Cell[] }>;
  linearTrend: Array<Case<TrendFit> & { points: Array<{ x: number; y: number }> }>;
}

const fixtures = JSON.parse(
  readFileSync(join(__dirname, '../../../../tests/reference/statistics.fixtures.json'), 'utf8'),
) as Fixtures;

// Nine decimals, or nine significant digits for the large numbers (t statistics, df).
function expectClose(actual: number, expected: number): void {
  if (Math.abs(expected) > 1) expect(actual / expected).toBeCloseTo(1, 9);
  else expect(actual).toBeCloseTo(expected, 9);
}

function expectInterval(actual: Interval | null, expected: Interval | null): void {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expectClose(actual![0], expected[0]);
  expectClose(actual![1], expected[1]);
}

function expectTest(actual: TestResult | null, expected: TestResult | null): void {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expectClose(actual!.estimate, expected.estimate);
  expectInterval(actual!.interval, expected.interval);
  expectClose(actual!.t, expected.t);
  expectClose(actual!.df, expected.df);
  expectClose(actual!.p, expected.p);
}

describe(`statistics against scipy ${fixtures.versions.scipy}`, () => {
  describe(tQuantile.name, () => {
    it.each(fixtures.tQuantile)('matches t.ppf($p, $df)', ({ p, df, expected }) => {
      expectClose(tQuantile(p, df), expected);
    });
  });

  describe(normalQuantile.name, () => {
    it.each(fixtures.normalQuantile)('matches norm.ppf($p)', ({ p, expected }) => {
      expectClose(normalQuantile(p), expected);
    });
  });

  describe(tInterval.name, () => {
    it.each(fixtures.tInterval)('$name', ({ moments, level, expected }) => {
      expectInterval(tInterval(moments, level), expected);
    });
  });

  describe(wilsonInterval.name, () => {
    it.each(fixtures.wilsonInterval)('$name', ({ successes, n, level, expected }) => {
      expectInterval(wilsonInterval(successes, n, level), expected);
    });
  });

  describe(welch.name, () => {
    it.each(fixtures.welch)('$name', ({ before, after, level, expected }) => {
      expectTest(welch(before, after, level), expected);
    });
  });

  describe(differenceInDifferences.name, () => {
    it.each(fixtures.differenceInDifferences)('$name', (c) => {
      expectTest(differenceInDifferences(c.pilotBefore, c.pilotAfter, c.controlBefore, c.controlAfter, c.level), c.expected);
    });
  });

  describe(weightedMean.name, () => {
    it.each(fixtures.weightedMean)('$name', ({ cells, level, expected }) => {
      const actual = weightedMean(cells, level);
      if (expected === null) return expect(actual).toBeNull();
      expectClose(actual!.estimate, expected.estimate);
      expectClose(actual!.coverage, expected.coverage);
      expectInterval(actual!.interval, expected.interval);
    });
  });

  describe(linearTrend.name, () => {
    it.each(fixtures.linearTrend)('$name', ({ points, level, expected }) => {
      const actual = linearTrend(points, level);
      if (expected === null) return expect(actual).toBeNull();
      expectClose(actual!.slope, expected.slope);
      expectClose(actual!.intercept, expected.intercept);
      expectInterval(actual!.slopeInterval, expected.slopeInterval);
      expectClose(actual!.p, expected.p);
      expect(actual!.df).toBe(expected.df);
      expect(actual!.n).toBe(expected.n);
    });
  });
});
