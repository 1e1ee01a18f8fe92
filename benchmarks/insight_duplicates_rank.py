"""The intake lookup's ranking alone, before and after it was vectorized (issue 18): the same candidate sets,
in one process, old and new taking turns. No database: rows are ``(id, bytes)`` as ``CaseSignature`` gives
them, the grams of 20,000 synthetic letters (``benchmarks.insight_duplicates.letters``), drawn at random.

- old: each row's bytes converted to an array, then ``similarities`` with ``np.unique`` and ``np.isin``
  (the code up to commit 09180f2, copied below as the baseline);
- new: ``nlp.duplicates.rank_stored``, what ``insight.selectors.duplicates.alike`` calls.

Both must give the same ids in the same order and the same scores (to 1e-12, relative): checked on every set.

Run: ``.venv/bin/python -m benchmarks.insight_duplicates_rank [--sets 300] [--sizes 600 125]``; results to
benchmarks/results/insight-duplicates-rank-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import django
import numpy as np

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"


def _old_similarities(query: np.ndarray, candidates: Sequence[np.ndarray], prior: int) -> list[float]:
    lengths = np.array([len(c) for c in candidates])
    flat = np.concatenate([*candidates, query]) if lengths.sum() else query
    distinct, df = np.unique(flat, return_counts=True)
    weight2 = (np.log((len(candidates) + 2 + prior) / (df + 1)) + 1) ** 2
    owner = np.repeat(np.arange(len(candidates)), lengths)
    entries = flat[: int(lengths.sum())]
    w2 = weight2[np.searchsorted(distinct, entries)]
    norms = np.bincount(owner, weights=w2, minlength=len(candidates))
    inner = np.bincount(owner, weights=w2 * np.isin(entries, query, assume_unique=False), minlength=len(candidates))
    norm_q = math.sqrt(float(weight2[np.searchsorted(distinct, query)].sum()))
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(norms > 0, inner / (np.sqrt(norms) * norm_q), 0.0)
    return [min(1.0, float(v)) for v in scores]


def old_rank(query: np.ndarray, rows: list[tuple[int, bytes]], prior: int) -> list[tuple[int, float]]:
    found = [(pk, np.frombuffer(bytes(data), dtype="<u4").astype(np.uint32)) for pk, data in rows]
    scores = _old_similarities(query, [c for _, c in found], prior)
    ranked = sorted(((pk, s) for (pk, _), s in zip(found, scores, strict=True) if s > 0), key=lambda t: (-t[1], t[0]))
    return ranked[:10]


def _ms(values: list[float]) -> dict[str, float]:
    return {"p50": round(float(np.percentile(values, 50)), 3), "p95": round(float(np.percentile(values, 95)), 3)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=300, help="candidate sets per size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[600, 125], help="candidates per set")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from benchmarks.insight_duplicates import letters
    from danvan.nlp import duplicates as nlp

    data = letters(20000)
    stored = [nlp.grams_to_bytes(nlp.grams(d["title"], d["content"])) for d in data]
    rng = random.Random(18)
    out: dict[str, Any] = {"letters": len(stored), "sets": args.sets, "load_avg": os.getloadavg()}
    for size in args.sizes:
        sets = []
        for _ in range(args.sets):
            picked = rng.sample(range(len(stored)), size + 1)
            query = nlp.grams_from_bytes(stored[picked[0]])
            sets.append((query, [(pk + 1, stored[pk]) for pk in picked[1:]]))
        times: dict[str, list[float]] = {"old": [], "new": []}
        worst = 0.0
        for query, rows in sets:
            # old and new take turns on each set, so a busy moment of the machine weighs on both alike
            t0 = time.perf_counter()
            before = old_rank(query, rows, nlp.PRIOR_TEXTS)
            t1 = time.perf_counter()
            after = nlp.rank_stored(query, rows, limit=10)
            t2 = time.perf_counter()
            times["old"].append((t1 - t0) * 1000)
            times["new"].append((t2 - t1) * 1000)
            if [pk for pk, _ in before] != [pk for pk, _ in after]:
                raise SystemExit(f"the rankings differ: {before} {after}")
            worst = max([worst] + [abs(a - b) / a for (_, a), (_, b) in zip(before, after, strict=True)])
        old, new = _ms(times["old"]), _ms(times["new"])
        out[f"candidates_{size}"] = {
            "old_ms": old, "new_ms": new, "ratio_p50": round(old["p50"] / new["p50"], 2),
            "ratio_p95": round(old["p95"] / new["p95"], 2), "grams_mean": round(float(np.mean(
                [sum(len(b) for _, b in rows) / 4 for _, rows in sets])) / size, 1),
            "max_relative_score_difference": worst,
        }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"insight-duplicates-rank-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}.json").write_text(
        json.dumps(out, indent=2) + "\n"
    )
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
