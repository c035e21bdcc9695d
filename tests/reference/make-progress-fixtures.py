#!/usr/bin/env python3
"""Reference values for the analytics endpoints, computed independently of the TypeScript code.

Builds a small, seeded dataset (a pilot and two controls, each with a baseline and six weekly
pulse rounds, answers at respondent level) and computes, with numpy and scipy only, what
GET /api/markets/:code/progress, /breakdown and /trend must answer for it, following the
definitions in docs/METHOD.md (and ../shared/DOMAIN.md, "How we measure").

Regenerate:  python3 tests/reference/make-progress-fixtures.py
Writes:      tests/reference/progress.fixtures.json (dataset + expected figures)
"""
import json
import math
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

K = 5  # ANONYMITY_MIN_GROUP
WINDOW_DAYS = 28
VALUES = ["understand", "analyze", "relate", "invent", "enable"]
DIMENSIONS = ["people", "process", "technology"]
FREQUENCY = [f"{v}_{i}" for v in VALUES for i in (1, 2, 3)]
AGREEMENT = {"people": ["readiness_people_1", "readiness_people_2"], "process": ["readiness_process_1", "readiness_process_2"], "technology": ["readiness_technology_1", "readiness_technology_2"]}
CELLS = [("telemarketer", "Service"), ("telemarketer", "Sales"), ("back_office", "Service"), ("back_office", "Finance"), ("manager", "Sales"), ("executive", "")]
MANAGERS = 3
BASE_DAY = date(2026, 5, 4)


def measure_of(code):
    if code in FREQUENCY:
        return code.rsplit("_", 1)[0]
    for dim, codes in AGREEMENT.items():
        if code in codes:
            return dim
    return None


def round_items(r):
    # the product's rotation: one item per value per round, cycling the three levels
    cycle = [f"{v}_{level}" for level in (1, 2, 3) for v in VALUES]
    return [cycle[(r * 5 + i) % len(cycle)] for i in range(5)]


def make_wave(rng, market, kind, day, items, level, cell_sizes, rate):
    cells = []
    responses = []
    for (tier, dept), invited in zip(CELLS, cell_sizes):
        manager = int(rng.integers(0, MANAGERS)) if tier != "executive" else -1
        answered = int(rng.binomial(invited, rate[tier]))
        cells.append({"tier": tier, "department": dept, "manager": manager, "invited": invited, "responded": answered})
        for _ in range(answered):
            person = rng.normal(0, 0.8)
            answers = {}
            for code in items:
                if rng.random() < 0.04:
                    continue  # a skipped question
                m = measure_of(code)
                shift = {"understand": 0.4, "enable": -0.4}.get(m, 0.0)
                latent = level + shift + person + rng.normal(0, 0.9)
                answers[code] = int(np.clip(round(3 + latent), 1, 5))
            if not answers:
                answers[items[0]] = 3
            responses.append({"tier": tier, "department": dept, "manager": manager, "answers": answers})
    return {"market": market, "kind": kind, "date": day.isoformat(), "itemCodes": items, "cells": cells, "responses": responses}


def build_dataset():
    rng = np.random.default_rng(20261125)
    waves = []
    markets = [("pilot", "pilot", 0.45), ("c1", "control", 0.12), ("c2", "control", 0.08)]
    for key, _, drift in markets:
        sizes = [int(x) for x in rng.integers(18, 40, size=len(CELLS))]
        sizes[-1] = 3  # the executives: always a small group
        rate = {"telemarketer": 0.55, "back_office": 0.8, "manager": 0.9, "executive": 0.7}
        waves.append(make_wave(rng, key, "baseline", BASE_DAY, FREQUENCY + sum(AGREEMENT.values(), []), -0.35, sizes, rate))
        for r in range(6):
            day = BASE_DAY + timedelta(days=14 + 7 * r)
            waves.append(make_wave(rng, key, "pulse", day, round_items(r), -0.35 + drift * (r + 1) / 6, sizes, rate))
    return [{"key": k, "role": role} for k, role, _ in markets], waves


# ---- respondent scores -------------------------------------------------------------------

def scores(response):
    """Per measure: (score, items) for one response; the CLI is the mean of its value shares."""
    by = {}
    for code, value in response["answers"].items():
        m = measure_of(code)
        if m:
            by.setdefault(m, []).append(1.0 if value >= 4 else 0.0)
    out = {m: (float(np.mean(v)), len(v)) for m, v in by.items()}
    vals = [out[v][0] for v in VALUES if v in out]
    if vals:
        out["cli"] = (float(np.mean(vals)), sum(out[v][1] for v in VALUES if v in out))
    return out


def clamp(iv):
    return [max(0.0, iv[0]), min(1.0, iv[1])]


def figure(waves, measure):
    """The figure of a group of responses (from some waves) for one measure, or None / hidden."""
    rows = []
    for w in waves:
        for r in w["responses"]:
            s = scores(r).get(measure)
            if s:
                rows.append((s[0], s[1], (r["tier"], r["department"])))
    if not rows:
        return None
    n = len(rows)
    if n < K:
        return {"suppressed": True}
    x = np.array([r[0] for r in rows])
    items = sum(r[1] for r in rows)
    mean = float(x.mean())
    if items == n:
        ci = stats.binomtest(int(round(x.sum())), n).proportion_ci(confidence_level=0.95, method="wilson")
        interval, method = clamp([float(ci.low), float(ci.high)]), "wilson"
    else:
        sd = float(x.std(ddof=1))
        if sd == 0:
            interval = [mean, mean]
        else:
            lo, hi = stats.t.interval(0.95, n - 1, loc=mean, scale=sd / math.sqrt(n))
            interval = clamp([float(lo), float(hi)])
        method = "t"
    invited = sum(c["invited"] for w in waves for c in w["cells"])
    responded = sum(c["responded"] for w in waves for c in w["cells"])
    # post-stratification to the invited mix of tier x department
    invited_by_cell = {}
    for w in waves:
        for c in w["cells"]:
            invited_by_cell[(c["tier"], c["department"])] = invited_by_cell.get((c["tier"], c["department"]), 0) + c["invited"]
    pooled = float(x.var(ddof=1)) if n > 1 else 0.0
    cells = {}
    for score, _, cell in rows:
        cells.setdefault(cell, []).append(score)
    total = sum(invited_by_cell[c] for c in cells)
    est, var = 0.0, 0.0
    for c, vals in cells.items():
        w = invited_by_cell[c] / total
        v = np.array(vals)
        s2 = float(v.var(ddof=1)) if len(v) > 1 else pooled
        est += w * float(v.mean())
        var += w * w * s2 / len(v)
    z = stats.norm.ppf(0.975)
    weighted_iv = clamp([est - z * math.sqrt(var), est + z * math.sqrt(var)])
    return {"cli": mean, "interval": interval, "method": method, "n": n, "invited": invited, "responseRate": responded / invited,
            "weighted": est, "weightedInterval": weighted_iv}


def scores_of(waves, measure):
    return np.array([scores(r)[measure][0] for w in waves for r in w["responses"] if measure in scores(r)])


def welch(before, after):
    res = stats.ttest_ind(after, before, equal_var=False)
    ci = res.confidence_interval(0.95)
    return {"difference": float(after.mean() - before.mean()), "interval": [float(ci.low), float(ci.high)], "t": float(res.statistic), "df": float(res.df), "p": float(res.pvalue)}


def did(pb, pa, cb, ca):
    groups = [pb, pa, cb, ca]
    a = [g.var(ddof=1) / len(g) for g in groups]
    se = math.sqrt(sum(a))
    df = sum(a) ** 2 / sum(ai ** 2 / (len(g) - 1) for ai, g in zip(a, groups))
    est = (pa.mean() - pb.mean()) - (ca.mean() - cb.mean())
    tq = stats.t.ppf(0.975, df)
    t = est / se
    return {"estimate": float(est), "interval": [float(est - tq * se), float(est + tq * se)], "t": float(t), "df": float(df), "p": float(2 * stats.t.sf(abs(t), df))}


def control_part(before, after):
    """One control market in the DiD: people invited and answering per period (shown from K, or 0
    of at least K invited), its own change, and whether it is pooled (at least K in both periods)."""
    nb, na = len(scores_of(before, "cli")), len(scores_of(after, "cli"))
    ib, ia = (sum(c["invited"] for w in ws for c in w["cells"]) for ws in (before, after))
    pooled = nb >= K and na >= K
    def answered(n, invited):
        return n if n >= K or (n == 0 and invited >= K) else None
    part = {
        "invited": {"baseline": ib if ib >= K else None, "current": ia if ia >= K else None},
        "answered": {"baseline": answered(nb, ib), "current": answered(na, ia)},
        "change": float(scores_of(after, "cli").mean() - scores_of(before, "cli").mean()) if pooled else None,
        "pooled": pooled,
    }
    return {**part, "note": None} if pooled else part  # the note's wording is the app's, not checked here


def window(pulses):
    latest = date.fromisoformat(pulses[-1]["date"])
    since = latest - timedelta(days=WINDOW_DAYS - 1)
    start = next(i for i, w in enumerate(pulses) if date.fromisoformat(w["date"]) >= since)
    while start > 0 and not set(FREQUENCY) <= {c for w in pulses[start:] for c in w["itemCodes"]}:
        start -= 1
    return pulses[start:]


def projection(pulses, target, current):
    pts = [(w["date"], figure([w], "cli")) for w in pulses]
    pts = [(d, f["cli"]) for d, f in pts if f and "suppressed" not in f]
    if len(pts) < 4:
        return {"date": None, "onTrack": False, "reason": "too few points"}
    origin = date.fromisoformat(pts[0][0])
    x = np.array([(date.fromisoformat(d) - origin).days for d, _ in pts], dtype=float)
    y = np.array([c for _, c in pts])
    fit = stats.linregress(x, y)
    tq = stats.t.ppf(0.975, len(pts) - 2)
    lo, hi = fit.slope - tq * fit.stderr, fit.slope + tq * fit.stderr
    slope = {"slopePerWeek": float(fit.slope * 7), "slopeInterval": [float(lo * 7), float(hi * 7)]}
    if current is not None and current >= target:
        return {"date": pts[-1][0], "onTrack": True, "reason": "target reached", **slope}
    if hi < 0:
        return {"date": None, "onTrack": False, "reason": "falling", **slope}
    if lo <= 0:
        return {"date": None, "onTrack": False, "reason": "flat", **slope}
    # METHOD.md: once the fitted line has passed the target by the last round, it is reached, on that round's date.
    if fit.intercept + fit.slope * x[-1] >= target:
        return {"date": pts[-1][0], "onTrack": True, "reason": "target reached", **slope}
    crossing = (target - fit.intercept) / fit.slope
    return {"date": (origin + timedelta(days=math.ceil(crossing))).isoformat(), "onTrack": True, "reason": None, **slope}


def target_of(baseline):
    if not baseline or "suppressed" in baseline:
        return None, False
    raw = baseline["cli"] * 1.5
    return min(raw, 1.0), raw > 1


def progress_of(baseline, current, target):
    if not baseline or not current or "suppressed" in baseline or "suppressed" in current or target is None:
        return None
    room = target - baseline["cli"]
    return (current["cli"] - baseline["cli"]) / room if room > 0 else None


def suppress(groups):
    """groups: {key: n}. Hidden keys: n < K, and the next-smallest when exactly one is hidden."""
    hidden = {k for k, n in groups.items() if n < K}
    if len(hidden) == 1:
        rest = sorted((n, k) for k, n in groups.items() if k not in hidden)
        if rest:
            hidden.add(rest[0][1])
    return hidden


def breakdown(waves, by):
    key = {"audience": lambda r: r["tier"], "department": lambda r: r["department"], "manager": lambda r: str(r["manager"])}[by]
    keys = sorted({key(c) for w in waves for c in w["cells"]})
    def group_waves(k):
        return [{**w, "responses": [r for r in w["responses"] if key(r) == k], "cells": [c for c in w["cells"] if key(c) == k]} for w in waves]
    def n_of(k, m):
        return len(scores_of(group_waves(k), m))
    hidden_cli = suppress({k: n_of(k, "cli") for k in keys})
    out = {}
    for k in keys:
        if k in hidden_cli:
            out[k] = {"suppressed": True}
            continue
        f = figure(group_waves(k), "cli")
        vals = {}
        for v in VALUES:
            hidden_v = suppress({kk: (0 if kk in hidden_cli else n_of(kk, v)) for kk in keys})
            vals[v] = {"suppressed": True} if k in hidden_v else figure(group_waves(k), v)
        if by == "manager":  # a team's rollup has no tier or department to re-weight by
            for fig in [f, *vals.values()]:
                if "suppressed" not in fig:
                    fig.update(weighted=None, weightedInterval=None)
        out[k] = {**{x: f[x] for x in ("cli", "interval", "n", "invited", "responseRate", "method", "weighted", "weightedInterval")}, "values": vals}
    return out


def main():
    markets, waves = build_dataset()
    by_market = {m["key"]: [w for w in waves if w["market"] == m["key"]] for m in markets}
    base = {k: [w for w in ws if w["kind"] == "baseline"] for k, ws in by_market.items()}
    pulses = {k: [w for w in ws if w["kind"] == "pulse"] for k, ws in by_market.items()}
    cur = {k: window(p) for k, p in pulses.items()}

    baseline = figure(base["pilot"], "cli")
    current = figure(cur["pilot"], "cli")
    target, capped = target_of(baseline)
    values = {}
    for v in VALUES:
        b, c = figure(base["pilot"], v), figure(cur["pilot"], v)
        t, cap = target_of(b)
        values[v] = {"baseline": b, "current": c, "target": t, "capped": cap, "progress": progress_of(b, c, t)}
    readiness = {d: {"baseline": figure(base["pilot"], d), "current": figure(cur["pilot"], d)} for d in DIMENSIONS}
    by_control = [control_part(base[k], cur[k]) for k in ("c1", "c2")]
    pooled = [k for k, part in zip(("c1", "c2"), by_control) if part["pooled"]]
    ctrl_b = np.concatenate([scores_of(base[k], "cli") for k in pooled])
    ctrl_a = np.concatenate([scores_of(cur[k], "cli") for k in pooled])
    arms = {"pilot": {"baseline": len(scores_of(base["pilot"], "cli")), "current": len(scores_of(cur["pilot"], "cli"))},
            "controls": {"baseline": len(ctrl_b), "current": len(ctrl_a)}}
    expected_progress = {
        "window": {"from": cur["pilot"][0]["date"], "to": cur["pilot"][-1]["date"], "rounds": len(cur["pilot"])},
        "baseline": baseline, "current": current, "target": target, "capped": capped,
        "progress": progress_of(baseline, current, target),
        "change": welch(scores_of(base["pilot"], "cli"), scores_of(cur["pilot"], "cli")),
        "changeReason": None,
        "did": {**did(scores_of(base["pilot"], "cli"), scores_of(cur["pilot"], "cli"), ctrl_b, ctrl_a), "arms": arms, "byControl": by_control},
        "projection": projection(pulses["pilot"], target, current["cli"] if current and "suppressed" not in current else None),
        "values": values, "readiness": readiness,
    }
    trend = [figure([w], "cli") for w in pulses["pilot"]]
    out = {
        "generator": {"script": "tests/reference/make-progress-fixtures.py", "numpy": np.__version__, "scipy": scipy.__version__, "minGroup": K, "windowDays": WINDOW_DAYS},
        "markets": markets,
        "waves": waves,
        "expected": {
            "progress": expected_progress,
            # A control is a comparison market: its own change, no target, no progress, no projection.
            "controlProgress": {"baseline": figure(base["c1"], "cli"), "current": figure(cur["c1"], "cli"),
                                "target": None, "capped": False, "progress": None, "changeReason": None,
                                "change": welch(scores_of(base["c1"], "cli"), scores_of(cur["c1"], "cli")),
                                "projection": {"date": None, "onTrack": False, "reason": "comparison market"}},
            "trend": trend,
            "breakdown": {
                "audience": {"baseline": breakdown(base["pilot"], "audience"), "current": breakdown(cur["pilot"], "audience")},
                "department": {"baseline": breakdown(base["pilot"], "department")},
                "manager": {"current": breakdown(cur["pilot"], "manager")},
            },
        },
    }
    path = Path(__file__).with_name("progress.fixtures.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}: {sum(len(w['responses']) for w in waves)} responses in {len(waves)} waves")


if __name__ == "__main__":
    main()
