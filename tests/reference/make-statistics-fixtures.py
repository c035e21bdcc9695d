#!/usr/bin/env python3
"""Reference values for libs/analytics/src/statistics, computed independently with scipy/numpy.

Regenerate (from the repository root; needs Python 3 with scipy and numpy, not needed in CI):

    python3 tests/reference/make-statistics-fixtures.py

The committed tests/reference/statistics.fixtures.json was made with scipy 1.17.1 and
numpy 2.4.6 (the file records the versions that wrote it). Every draw uses a fixed seed, so
the same versions give the same file byte for byte.

The file holds each case's inputs as the TypeScript functions take them (moments as
n / sum / sumSq, points, cells) and the expected output, or null where the function must
decline. Expected values come from raw respondent scores through scipy, never from the
moments, so the TypeScript path (sums -> variance) is checked, not copied. A few cases scipy
cannot compute (zero variance, n < 2) carry the product's documented answer instead; their
names say "by rule".
"""

import json
import math
import platform
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

OUT = Path(__file__).with_name("statistics.fixtures.json")

# Realistic respondent score shapes (DOMAIN.md, "How we measure").
PULSE = np.linspace(0, 1, 6)  # share of 5 items at 4 or 5: 0, 0.2, ..., 1
THIRDS = np.array([0, 1 / 3, 2 / 3, 1])  # share of 3 items
YES_NO = np.array([0.0, 1.0])  # one yes/no answer


def draw(seed, support, n, weights=None):
    rng = np.random.default_rng(seed)
    p = None if weights is None else np.asarray(weights, dtype=float) / np.sum(weights)
    return rng.choice(support, size=n, p=p).astype(float)


def moments(scores):
    scores = np.asarray(scores, dtype=float)
    return {"n": int(scores.size), "sum": float(np.sum(scores)), "sumSq": float(np.sum(scores * scores))}


def clip(low, high):
    return [float(np.clip(low, 0, 1)), float(np.clip(high, 0, 1))]


def sample_var(scores):
    # Identical scores have no spread; numpy's two-pass variance can leave ~1e-33 of rounding.
    return 0.0 if np.ptp(scores) == 0 else float(np.var(scores, ddof=1))


# --- tInterval -----------------------------------------------------------------------------


def t_interval_case(name, scores, level=0.95):
    scores = np.asarray(scores, dtype=float)
    if scores.size < 2:
        expected = None
    elif np.all(scores == scores[0]):
        mean = float(np.mean(scores))
        expected = clip(mean, mean)  # by rule: scipy needs scale > 0
    else:
        low, high = stats.t.interval(level, scores.size - 1, loc=np.mean(scores), scale=stats.sem(scores))
        expected = clip(low, high)
    return {"name": name, "moments": moments(scores), "level": level, "expected": expected}


def t_interval_cases():
    return [
        t_interval_case("pulse scores, n = 5", draw(11, PULSE, 5)),
        t_interval_case("pulse scores, n = 2", draw(12, PULSE, 2)),
        t_interval_case("thirds, n = 7", draw(13, THIRDS, 7)),
        t_interval_case("pulse scores, n = 800", draw(14, PULSE, 800, [1, 2, 4, 6, 5, 3])),
        t_interval_case("yes/no scores, n = 40", draw(15, YES_NO, 40, [3, 2])),
        t_interval_case("thirds at 90%, n = 30", draw(16, THIRDS, 30), level=0.9),
        t_interval_case("upper end clamps to 1, n = 3", [1.0, 1.0, 0.8]),
        t_interval_case("lower end clamps to 0, n = 4", [0.0, 0.0, 0.2, 0.0]),
        t_interval_case("zero variance gives [mean, mean] (by rule), n = 6", [0.6] * 6),
        t_interval_case("one respondent gives null (by rule)", [0.4]),
        t_interval_case("nobody gives null (by rule)", []),
    ]


# --- wilsonInterval ------------------------------------------------------------------------


def wilson_case(name, successes, n, level=0.95):
    if n == 0:
        expected = None
    else:
        ci = stats.binomtest(int(successes), int(n)).proportion_ci(confidence_level=level, method="wilson")
        expected = clip(ci.low, ci.high)
    return {"name": name, "successes": int(successes), "n": int(n), "level": level, "expected": expected}


def wilson_cases():
    def answers(seed, n, share):
        return int(np.sum(np.random.default_rng(seed).random(n) < share))

    return [
        wilson_case("none of 5", 0, 5),
        wilson_case("all of 5", 5, 5),
        wilson_case("drawn, n = 7", answers(21, 7, 0.45), 7),
        wilson_case("1 of 2", 1, 2),
        wilson_case("drawn, n = 800", answers(22, 800, 0.52), 800),
        wilson_case("drawn at 90%, n = 40", answers(23, 40, 0.3), 40),
        wilson_case("1 of 1", 1, 1),
        wilson_case("drawn at 99%, n = 120", answers(24, 120, 0.8), 120, level=0.99),
        wilson_case("nobody gives null (by rule)", 0, 0),
    ]


# --- welch ---------------------------------------------------------------------------------


def welch_case(name, before, after, level=0.95):
    before = np.asarray(before, dtype=float)
    after = np.asarray(after, dtype=float)
    if before.size < 2 or after.size < 2 or (np.ptp(before) == 0 and np.ptp(after) == 0):
        expected = None
    else:
        with warnings.catch_warnings():
            # A group with identical scores trips scipy's precision warning; its variance is 0.
            warnings.filterwarnings("ignore", message="Precision loss occurred")
            res = stats.ttest_ind(after, before, equal_var=False)
        ci = res.confidence_interval(confidence_level=level)
        expected = {
            "estimate": float(np.mean(after) - np.mean(before)),
            "interval": [float(ci.low), float(ci.high)],
            "t": float(res.statistic),
            "df": float(res.df),
            "p": float(res.pvalue),
        }
    return {"name": name, "before": moments(before), "after": moments(after), "level": level, "expected": expected}


def welch_cases():
    return [
        welch_case("pulse scores, n = 5 then 7", draw(31, PULSE, 5), draw(32, PULSE, 7)),
        welch_case("pulse scores, n = 2 and 2", draw(33, PULSE, 2), draw(34, PULSE, 2)),
        welch_case(
            "pulse scores, n = 800 then 760, a real shift",
            draw(35, PULSE, 800, [3, 4, 5, 4, 2, 1]),
            draw(36, PULSE, 760, [1, 2, 4, 5, 4, 3]),
        ),
        welch_case("yes/no scores, n = 40 then 45", draw(37, YES_NO, 40, [3, 2]), draw(38, YES_NO, 45, [2, 3])),
        welch_case("thirds, n = 12 then 15, a decline", draw(39, THIRDS, 12, [1, 1, 2, 3]), draw(40, THIRDS, 15, [3, 2, 1, 1])),
        welch_case("before does not vary, n = 6 then 8", [0.4] * 6, draw(41, PULSE, 8)),
        welch_case("at 90%, n = 30 then 25", draw(42, THIRDS, 30), draw(43, THIRDS, 25), level=0.9),
        welch_case("a large t, n = 300 then 300", draw(44, PULSE, 300, [6, 5, 3, 1, 0.5, 0.2]), draw(45, PULSE, 300, [0.2, 0.5, 1, 3, 5, 6])),
        welch_case("neither varies gives null (by rule)", [0.2] * 5, [0.8] * 5),
        welch_case("one respondent before gives null (by rule)", [0.6], draw(46, PULSE, 9)),
    ]


# --- differenceInDifferences ---------------------------------------------------------------


def did_case(name, groups, level=0.95):
    groups = [np.asarray(g, dtype=float) for g in groups]
    a = [sample_var(g) / g.size if g.size >= 2 else math.nan for g in groups]
    if any(g.size < 2 for g in groups) or sum(a) == 0:  # SE = 0: nothing to test
        expected = None
    else:
        means = [float(np.mean(g)) for g in groups]
        estimate = (means[1] - means[0]) - (means[3] - means[2])
        se = math.sqrt(sum(a))
        df = sum(a) ** 2 / sum(ai * ai / (g.size - 1) for ai, g in zip(a, groups))
        t = estimate / se
        half = stats.t.ppf((1 + level) / 2, df) * se
        expected = {
            "estimate": estimate,
            "interval": [estimate - float(half), estimate + float(half)],
            "t": t,
            "df": df,
            "p": float(2 * stats.t.sf(abs(t), df)),
        }
    keys = ["pilotBefore", "pilotAfter", "controlBefore", "controlAfter"]
    case = {"name": name}
    case.update({key: moments(g) for key, g in zip(keys, groups)})
    case.update({"level": level, "expected": expected})
    return case


def did_cases():
    low, mid, high = [3, 4, 5, 4, 2, 1], [2, 3, 4, 4, 3, 2], [1, 2, 3, 4, 5, 4]
    return [
        did_case("pulse scores, small groups n = 5, 7, 6, 5", [draw(51, PULSE, 5), draw(52, PULSE, 7), draw(53, PULSE, 6), draw(54, PULSE, 5)]),
        did_case("pilot rises, control flat, n ~ 800", [draw(55, PULSE, 800, low), draw(56, PULSE, 780, high), draw(57, PULSE, 810, low), draw(58, PULSE, 790, low)]),
        did_case("yes/no scores, n = 40, 42, 38, 45", [draw(59, YES_NO, 40, [3, 2]), draw(60, YES_NO, 42, [2, 3]), draw(61, YES_NO, 38, [3, 2]), draw(62, YES_NO, 45, [3, 2])]),
        did_case("thirds, control also rises, n = 20 each", [draw(63 + i, THIRDS, 20, w) for i, w in enumerate([[2, 2, 1, 1], [1, 1, 2, 2], [2, 2, 1, 1], [1, 2, 2, 1]])]),
        did_case("smallest groups, n = 2 each", [draw(70 + i, PULSE, 2) for i in range(4)]),
        did_case("pilot before does not vary, n = 6, 9, 8, 7", [[0.4] * 6, draw(75, PULSE, 9, mid), draw(76, PULSE, 8, mid), draw(77, PULSE, 7, mid)]),
        did_case("at 90%, n = 50, 55, 60, 48", [draw(78, THIRDS, 50), draw(79, THIRDS, 55), draw(80, THIRDS, 60), draw(81, THIRDS, 48)], level=0.9),
        did_case("unequal sizes, n = 3, 120, 15, 400", [draw(82, PULSE, 3), draw(83, PULSE, 120, high), draw(84, PULSE, 15, low), draw(85, PULSE, 400, mid)]),
        did_case("no group varies gives null (by rule)", [[0.2] * 4, [0.6] * 5, [0.4] * 6, [0.4] * 3]),
        did_case("one respondent in a group gives null (by rule)", [draw(86, PULSE, 6), draw(87, PULSE, 6), [0.8], draw(88, PULSE, 6)]),
    ]


# --- weightedMean --------------------------------------------------------------------------


def weighted_case(name, cells, level=0.95):
    """cells: list of (invited, scores)."""
    cells = [(invited, np.asarray(scores, dtype=float)) for invited, scores in cells]
    answered = [(invited, scores) for invited, scores in cells if scores.size >= 1]
    invited_answered = sum(invited for invited, _ in answered)
    if not answered or invited_answered <= 0:
        expected = None
    else:
        w = np.array([invited for invited, _ in answered], dtype=float) / invited_answered
        means = np.array([np.mean(scores) for _, scores in answered])
        estimate = float(np.sum(w * means))
        everyone = np.concatenate([scores for _, scores in answered])
        if everyone.size < 2:
            interval = None  # by rule: no spread to estimate from one respondent
        else:
            pooled = sample_var(everyone)
            cell_var = np.array([sample_var(s) if s.size >= 2 else pooled for _, s in answered])
            sizes = np.array([s.size for _, s in answered], dtype=float)
            se = math.sqrt(float(np.sum(w**2 * cell_var / sizes)))
            z = stats.norm.ppf((1 + level) / 2)
            interval = clip(estimate - z * se, estimate + z * se)
        expected = {
            "estimate": estimate,
            "interval": interval,
            "coverage": invited_answered / sum(invited for invited, _ in cells),
        }
    return {
        "name": name,
        "cells": [{"invited": invited, "moments": moments(scores)} for invited, scores in cells],
        "level": level,
        "expected": expected,
    }


def weighted_cases():
    return [
        weighted_case("three departments, all answered", [(40, draw(91, PULSE, 12)), (25, draw(92, PULSE, 15)), (60, draw(93, PULSE, 9))]),
        weighted_case("a department nobody answered in drops out", [(30, draw(94, THIRDS, 10)), (20, []), (50, draw(95, THIRDS, 22))]),
        weighted_case("a one-respondent cell borrows the pooled variance", [(12, [0.8]), (35, draw(96, PULSE, 14)), (18, draw(97, PULSE, 6))]),
        weighted_case(
            "tiers x departments, n in the hundreds",
            [(400, draw(98, PULSE, 210, [1, 2, 4, 6, 5, 3])), (300, draw(99, PULSE, 95, [3, 4, 5, 4, 2, 1])), (150, draw(100, PULSE, 120)), (900, draw(101, PULSE, 260, [1, 1, 2, 3, 3, 2]))],
        ),
        weighted_case("one cell is the plain mean with a normal interval", [(80, draw(102, YES_NO, 30, [2, 3]))]),
        weighted_case("upper end clamps to 1", [(10, [1.0, 1.0, 0.8]), (10, [1.0, 1.0])]),
        weighted_case("at 90%, yes/no scores", [(50, draw(103, YES_NO, 20)), (70, draw(104, YES_NO, 33)), (5, draw(105, YES_NO, 1))], level=0.9),
        weighted_case("nobody varies gives [estimate, estimate]", [(10, [0.6] * 4), (30, [0.6] * 7)]),
        weighted_case("one respondent in all: no interval (by rule)", [(10, [0.4]), (20, [])]),
        weighted_case("nobody answered gives null (by rule)", [(10, []), (20, [])]),
    ]


# --- linearTrend ---------------------------------------------------------------------------


def trend_case(name, xs, ys, level=0.95):
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    if xs.size < 3 or np.ptp(xs) == 0:
        expected = None
    else:
        res = stats.linregress(xs, ys)
        df = xs.size - 2
        half = float(stats.t.ppf((1 + level) / 2, df) * res.stderr)
        expected = {
            "slope": float(res.slope),
            "intercept": float(res.intercept),
            "slopeInterval": [float(res.slope) - half, float(res.slope) + half],
            "df": df,
            "p": float(res.pvalue),
            "n": int(xs.size),
        }
    points = [{"x": float(x), "y": float(y)} for x, y in zip(xs, ys)]
    return {"name": name, "points": points, "level": level, "expected": expected}


def weekly(seed, weeks, start, step, noise):
    rng = np.random.default_rng(seed)
    xs = np.arange(weeks, dtype=float)
    return xs, np.clip(start + step * xs + rng.normal(0, noise, weeks), 0, 1)


def trend_cases():
    day0 = 20089.0  # 2025-01-01 as days since 1970: real x values are large
    days = day0 + 7 * np.arange(10)
    _, day_ys = weekly(114, 10, 0.38, 0.012, 0.02)
    return [
        trend_case("three points", [0, 1, 2], [0.31, 0.36, 0.34]),
        trend_case("eight weekly pulses, rising", *weekly(111, 8, 0.30, 0.015, 0.03)),
        trend_case("twenty-six weeks, falling", *weekly(112, 26, 0.62, -0.004, 0.04)),
        trend_case("no trend, noisy", *weekly(113, 12, 0.45, 0.0, 0.05)),
        trend_case("x as day numbers", days, day_ys),
        trend_case("uneven gaps between pulses", [0, 1, 3, 4, 8, 9, 13], draw(115, PULSE, 7)),
        trend_case("at 90%, forty points", *weekly(116, 40, 0.2, 0.01, 0.05), level=0.9),
        trend_case("two points give null (by rule)", [0, 1], [0.3, 0.4]),
        trend_case("all x equal gives null (by rule)", [3, 3, 3, 3], [0.3, 0.4, 0.35, 0.5]),
    ]


# --- the distribution wrappers -------------------------------------------------------------


def quantile_cases():
    t_cases = [(p, df) for p, df in [(0.975, 1), (0.975, 4), (0.95, 6), (0.995, 29), (0.025, 7.3), (0.9, 798), (0.975, 1598), (0.5, 10), (0.0005, 2)]]
    normal = [0.975, 0.95, 0.995, 0.5, 0.025, 0.8, 0.999]
    return (
        [{"p": p, "df": df, "expected": float(stats.t.ppf(p, df))} for p, df in t_cases],
        [{"p": p, "expected": float(stats.norm.ppf(p))} for p in normal],
    )


def main():
    t_quantile, normal_quantile = quantile_cases()
    fixtures = {
        "generator": "tests/reference/make-statistics-fixtures.py",
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__},
        "tQuantile": t_quantile,
        "normalQuantile": normal_quantile,
        "tInterval": t_interval_cases(),
        "wilsonInterval": wilson_cases(),
        "welch": welch_cases(),
        "differenceInDifferences": did_cases(),
        "weightedMean": weighted_cases(),
        "linearTrend": trend_cases(),
    }
    OUT.write_text(json.dumps(fixtures, indent=1) + "\n")
    counts = {key: len(value) for key, value in fixtures.items() if isinstance(value, list)}
    print(f"wrote {OUT} ({sum(counts.values())} cases: {counts})")


if __name__ == "__main__":
    main()
