"""Near-duplicates ("the same matter") at scale, in memory: index build time, lookup time per petition,
memory, recall of the true partner within 10 candidates, ROC AUC.

Texts are the synthetic generator's (``danvan.synthetic.texts``: feedback letters, cases about one incident
share a core sentence and its place), written for made-up communes (3,300 in 34 provinces, weighted so a
few are busy) over one year; no database. The index is ``nlp.duplicates`` as the application uses it:

- commune lookup (the petition names its commune: the usual case): every case of the commune received within
  the window (90 days before), ranked — what ``CaseSignature``'s (unit, received_on) index returns;
- LSH lookup (no commune known): candidates sharing a MinHash-LSH bucket within the window, then ranked —
  what ``CaseBand``'s (bucket, received_on) index returns.

Truth: "strict" counts only the other letter of the same generated incident; "same text" counts any
letter of the commune with the same core sentence and the same filled-in values (the generator gives
identical core sentences to different incidents of one commune: no reader could tell them apart).

Run: ``.venv/bin/python -m benchmarks.insight_duplicates --cases 1000000`` (about 20 min and 4 GB on 2 cores).
Writes ``benchmarks/results/insight-duplicates-<cases>-<time>.json`` and, with ``--pairs FILE``, a labelled
pairs file for ``danvan insight evaluate duplicates``.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import datetime as dt
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import django

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
CANDIDATES = 600  # nlp.duplicates.CANDIDATES, as insight.selectors.duplicates uses it


def _communes(count: int, provinces: int, rng: random.Random) -> list[Any]:
    from danvan.synthetic import texts

    first = ["An", "Bình", "Phú", "Tân", "Long", "Hòa", "Thạnh", "Đông", "Tây", "Mỹ", "Vĩnh", "Quảng"]
    second = ["Hưng", "Lợi", "Phước", "Thịnh", "Mỹ", "Điền", "Xuân", "Khánh", "Sơn", "Lộc"]
    out = []
    for i in range(count):
        province = i % provinces
        kind = rng.choice(["phường", "xã", "xã"])
        short = f"{rng.choice(first)} {rng.choice(second)} {i}"
        out.append(texts.Commune(
            id=i + 1, code=10_000 + i, name=f"{kind.capitalize()} {short}", short_name=short, division_type=kind,
            province_id=province + 1, province_name=f"Tỉnh Số {province}", province_short=f"Số {province}",
            province_is_city=False, remote=False,
            old_names=((f"Xã Cũ {i}", f"Huyện Cũ {i % 50}", f"Số {province}"),),
        ))  # fmt: skip
    return out


def letters(count: int, *, seed: int = 18, communes: int = 3300, provinces: int = 34) -> list[dict[str, Any]]:
    """``count`` feedback letters with their commune, day and two truths (incident, same core text)."""
    from danvan.synthetic import texts, vocab

    class Tracked(texts.TextMaker):
        incident: tuple[Any, ...] = ()
        same: tuple[Any, ...] = ()

        def _incident(self, commune: Any, topic: str, year: int) -> tuple[int, int, dict[str, Any]]:
            pool = self._incidents.setdefault((commune.id, topic), [])
            before = [entry[3] for entry in pool]
            issue, core, context = super()._incident(commune, topic, year)
            changed = [j for j, entry in enumerate(pool) if j >= len(before) or entry[3] != before[j]]
            self.incident = (
                (commune.id, topic, changed[0]) if changed else (commune.id, topic, "new", self.rng.random())
            )
            template = vocab.PAKN_ISSUES[topic][issue][1][core]
            self.same = (commune.id, template.format_map(dict(context, dur="", when="")))
            return issue, core, context

    rng = random.Random(seed)
    maker = Tracked(rng)
    places = _communes(communes, provinces, rng)
    weights = [rng.paretovariate(1.2) for _ in places]
    topics = list(vocab.PAKN_ISSUES)
    start = dt.date(2026, 1, 1)
    out = []
    for i, commune in enumerate(rng.choices(places, weights, k=count)):
        person = maker.person(commune, i) if rng.random() < 0.8 else None
        letter = maker.pakn(commune, rng.choice(topics), 2026, person)
        out.append({"title": letter.title, "content": letter.content, "commune": commune.id,
                    "place": f"{commune.name}, {commune.province_name}",
                    "province": commune.province_id, "day": start.toordinal() + (i * 365) // count,
                    "incident": maker.incident, "same": maker.same})  # fmt: skip
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--window", type=int, default=90)
    parser.add_argument("--pairs", default="", help="also write a labelled pairs file (TSV) here")
    parser.add_argument("--pairs-count", type=int, default=1000, help="positive pairs written (as many negatives)")
    parser.add_argument("--pairs-without-place", action="store_true",
                        help="write title and content only, not the commune a case is filed for")  # fmt: skip
    args = parser.parse_args(argv)
    if args.pairs and args.pairs_count > args.queries:
        parser.error("--pairs-count is at most --queries (the pairs written are drawn from the queries)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    import numpy as np

    from danvan.nlp import duplicates as nlp

    t0 = time.perf_counter()
    data = letters(args.cases)
    generated = time.perf_counter() - t0
    t0 = time.perf_counter()
    grams = [nlp.grams(d["title"], d["content"]) for d in data]
    grams_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = nlp.MemoryIndex()
    by_commune: dict[int, list[int]] = collections.defaultdict(list)
    for pk, values in enumerate(grams):
        index.add(pk, values)
        by_commune[data[pk]["commune"]].append(pk)  # in order of the day received
    bands_seconds = time.perf_counter() - t0
    rss_index = _rss_mb()

    rng = random.Random(7)
    groups: dict[Any, list[int]] = collections.defaultdict(list)
    for pk, d in enumerate(data):
        groups[d["incident"]].append(pk)
    # a query is the later letter of a pair of one incident, received within the window of the earlier
    pairs = [(g[j], g[j - 1]) for g in groups.values() for j in range(1, len(g))
             if data[g[j]]["day"] - data[g[j - 1]]["day"] <= args.window]  # fmt: skip
    rng.shuffle(pairs)
    pairs = pairs[: args.queries]

    days = {c: [data[pk]["day"] for pk in ids] for c, ids in by_commune.items()}

    def in_window(query: int) -> list[int]:
        """What CaseSignature's (unit, received_on) index gives: the commune's cases of the window, newest
        first, at most ``CANDIDATES`` (as ``insight.selectors.duplicates.alike``)."""
        commune, day = data[query]["commune"], data[query]["day"]
        ids, known = by_commune[commune], days[commune]
        low, high = bisect.bisect_left(known, day - args.window), bisect.bisect_right(known, day)
        newest = [pk for pk in reversed(ids[low:high]) if pk != query][:CANDIDATES]
        if len(newest) < CANDIDATES:
            return newest
        # a busy commune: also its cases of the window sharing a bucket (CaseBand), as the selector does
        window = range(day - args.window, day + 1)
        shared = index.candidates(grams[query], cap=CANDIDATES * 3, keep=lambda pk: data[pk]["day"] in window)
        hits = [pk for pk in shared if data[pk]["commune"] == commune and pk != query]
        return list(dict.fromkeys(newest + hits[:CANDIDATES]))

    results: dict[str, Any] = {}
    for mode in ("commune", "lsh"):
        times, strict, same, scores, labels = [], 0, 0, [], []
        for query, partner in pairs:
            t = time.perf_counter()
            if mode == "commune":
                ids = in_window(query)
                ranked = nlp.rank(grams[query], [(pk, grams[pk]) for pk in ids], limit=10)
            else:
                day: int = data[query]["day"]

                def within(pk: int, day: int = day) -> bool:
                    return day - args.window <= data[pk]["day"] <= day

                ranked = index.query(grams[query], exclude=[query], keep=within)
            times.append((time.perf_counter() - t) * 1000)
            strict += any(pk == partner for pk, _ in ranked)
            same += any(data[pk]["same"] == data[query]["same"] for pk, _ in ranked)
        # AUC on the commune ranking: the partner (1) against a letter of the same commune on another matter (0)
        for query, partner in pairs[:500]:
            others = [pk for pk in in_window(query) if data[pk]["same"] != data[query]["same"]]
            if not others:
                continue
            negative = rng.choice(others)
            ids = in_window(query)
            ranked_all = dict(nlp.rank(grams[query], [(pk, grams[pk]) for pk in ids], limit=len(ids)))
            scores += [ranked_all.get(partner, 0.0), ranked_all.get(negative, 0.0)]
            labels += [1, 0]
        from sklearn.metrics import roc_auc_score

        results[mode] = {
            "lookup_ms_p50": round(statistics.median(times), 2),
            "lookup_ms_p95": round(float(np.percentile(times, 95)), 2),
            "recall_at_10_strict": round(strict / len(pairs), 4),
            "recall_at_10_same_text": round(same / len(pairs), 4),
            "roc_auc_same_commune": round(roc_auc_score(labels, scores), 4) if mode == "commune" else None,
        }
    report = {
        "cases": args.cases, "queries": len(pairs), "window_days": args.window,
        "bands": nlp.BANDS, "rows": nlp.ROWS, "num_perm": nlp.NUM_PERM,
        "generate_seconds": round(generated, 1), "grams_seconds": round(grams_seconds, 1),
        "bands_seconds": round(bands_seconds, 1), "index_build_seconds": round(grams_seconds + bands_seconds, 1),
        "rss_mb_after_index": round(rss_index, 0), "rss_mb_peak": round(_rss_mb(), 0),
        "buckets": len(index.buckets), **results,
        "where": "in memory (nlp.duplicates.MemoryIndex and a commune list); synthetic texts, no database",
        "python": sys.version.split()[0],
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"insight-duplicates-{args.cases}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.pairs:
        _write_pairs(args.pairs, data, pairs[: args.pairs_count], rng, place=not args.pairs_without_place)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return report


def _write_pairs(path: str, data: list[dict[str, Any]], pairs: list[tuple[int, int]], rng: random.Random, *,
                 place: bool) -> None:  # fmt: skip
    """Positive pairs (one incident) and as many negatives (same commune, another core text), TSV. Each text is
    the title, then (``place``) the commune it is filed for — a case's record holds its place; many letters
    never name it — then the content."""
    by_commune: dict[int, list[int]] = collections.defaultdict(list)
    for pk, d in enumerate(data):
        by_commune[d["commune"]].append(pk)

    def text(pk: int) -> str:
        where = f" {data[pk]['place']}." if place else ""
        return f"{data[pk]['title']}.{where} {data[pk]['content']}".replace("\t", " ")

    with Path(path).open("w", encoding="utf-8") as handle:
        for query, partner in pairs:
            handle.write(f"{text(query)}\t{text(partner)}\t1\n")
            others = [pk for pk in by_commune[data[query]["commune"]] if data[pk]["same"] != data[query]["same"]]
            if others:
                handle.write(f"{text(query)}\t{text(rng.choice(others))}\t0\n")


if __name__ == "__main__":
    main()
