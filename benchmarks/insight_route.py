"""Routing model at scale (issue 18): training time and memory, suggestion latency, and its figures.

No database: labelled cases are made directly with ``danvan.synthetic.texts`` (the texts the synthetic
generator writes, with its topic shares and its rule for which body handles a case), then
``nlp.routing.train`` learns from them exactly as ``insight.services.route.route_train`` does. What is
measured and how is written into the results file.

Two ways the body is chosen, both from ``danvan.synthetic.generator``:

- ``random`` (the generator as it is): 12 % of cases go to a provincial body by coin toss, whatever the
  text and place say; no model can tell which, so the joint answer can be right at most ~88 % of the time
  and the automatic share at 95 % precision is ~0 by construction.
- ``by-place`` : the same share, but decided per (commune, topic) — some communes send their land cases to
  the province's department — which is how real routing rules are; the counts can learn it.

    .venv/bin/python -m benchmarks.insight_route --cases 1000000
    .venv/bin/python -m benchmarks.insight_route --cases 20000 --no-write

The synthetic texts are template-made: near-perfect topic scores are expected and say little about real
petitions (say so wherever these numbers are quoted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import platform
import random
import resource
import statistics
import time
from pathlib import Path
from typing import Any

import django

# The generator's tables name Django models (bodies, topic shares); no database is opened.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from danvan.cases.choices import Track  # noqa: E402
from danvan.core.text import strip_diacritics  # noqa: E402
from danvan.nlp import routing, storage  # noqa: E402
from danvan.synthetic import texts  # noqa: E402
from danvan.synthetic.bodies import TOPIC_BODY  # noqa: E402
from danvan.synthetic.generator import P_NO_COMMUNE, P_PROVINCE_BODY, TOPIC_SHARES  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
PROVINCES = 34
COMMUNES_PER_PROVINCE = 98  # 3,321 communes in 34 provinces since 1/7/2025
SYLLABLES = ["An", "Bình", "Hòa", "Phú", "Tân", "Long", "Thạnh", "Xuân", "Đông", "Tây", "Nam", "Bắc", "Hưng",
             "Lộc", "Mỹ", "Phước", "Quang", "Sơn", "Thủy", "Vĩnh", "Hải", "Trung", "Kim", "Ngọc"]  # fmt: skip


def rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def communes(rng: random.Random) -> list[texts.Commune]:
    out = []
    for p in range(PROVINCES):
        pname = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        for c in range(COMMUNES_PER_PROVINCE):
            short = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
            kind = "phường" if c % 3 == 0 else "xã"
            out.append(texts.Commune(id=1000 + p * 1000 + c, code=p * 1000 + c, name=f"{kind.capitalize()} {short}",
                                     short_name=short, division_type=kind, province_id=p + 1,
                                     province_name=f"Tỉnh {pname}", province_short=pname, province_is_city=False,
                                     remote=False))  # fmt: skip
    return out


def make_cases(n: int, seed: int, body_mode: str) -> list[routing.Example]:
    """``n`` labelled cases (phản ánh 78 %, khiếu nại 22 %; no tố cáo: never used for the model)."""
    rng = random.Random(seed)
    maker = texts.TextMaker(rng)
    places = communes(rng)
    topics, weights = zip(*TOPIC_SHARES[Track.PAKN], strict=True)
    out = []
    for i in range(n):
        commune = rng.choice(places)
        person = maker.person(commune, i)
        if rng.random() < 0.78:
            track, topic = "pakn", rng.choices(topics, weights)[0]
            letter = maker.pakn(commune, topic, 2026, person)
        else:
            track = "khieu_nai"
            topic, letter = maker.khieu_nai(commune, dt.date(2026, 3, 2), person)
        known = rng.random() >= P_NO_COMMUNE
        province = str(commune.province_id)
        if not known:
            body = f"{province}:ban-tcd"
        else:
            if body_mode == "random":
                to_province = rng.random() < P_PROVINCE_BODY
            else:  # decided per place and topic, the same share of (commune, topic) pairs
                h = int(hashlib.blake2b(f"{commune.id}:{topic}".encode(), digest_size=4).hexdigest(), 16)
                to_province = (h % 10_000) / 10_000 < P_PROVINCE_BODY
            body = f"{province}:{TOPIC_BODY.get(topic, 'ban-tcd')}" if to_province else f"c{commune.id}"
        out.append(routing.Example(text=f"{letter.title}\n{texts.clean(letter.content)}", topic=topic, body=body,
                                   track=track, commune=str(commune.id) if known else "", province=province))  # fmt: skip
    return out


def latency(model: routing.RouteModel, cases: list[routing.Example], k: int) -> dict[str, float]:
    sample = cases[:k]
    times = []
    for ex in sample:
        start = time.perf_counter()
        routing.suggest(model, ex.text, track=ex.track, commune=ex.commune, province=ex.province)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"n": len(times), "p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))],
            "max_ms": times[-1]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--body", choices=["random", "by-place"], default="by-place")
    parser.add_argument("--max-per-topic", type=int, default=routing.Settings().max_per_topic)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--latency", type=int, default=2000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    result: dict[str, Any] = {"benchmark": "insight-route", "cases": args.cases, "body_mode": args.body,
                              "machine": {"python": platform.python_version(), "cpu": platform.processor(),
                                          "platform": platform.platform()},
                              "data": "danvan.synthetic.texts (template-made Vietnamese letters); no public data"}  # fmt: skip
    t0 = time.perf_counter()
    cases = make_cases(args.cases, args.seed, args.body)
    result["generate_s"] = round(time.perf_counter() - t0, 1)
    result["rss_after_generate_mb"] = round(rss_peak_mb())
    print(f"generated {len(cases)} cases in {result['generate_s']} s", flush=True)
    settings = routing.Settings(max_per_topic=args.max_per_topic)
    t0, cpu0 = time.perf_counter(), time.process_time()
    trained = routing.train(cases, settings)
    result["train_s"] = round(time.perf_counter() - t0, 1)
    # the machine is shared: the process's own CPU time says what the training costs on a free core
    result["train_cpu_s"] = round(time.process_time() - cpu0, 1)
    result["rss_peak_mb"] = round(rss_peak_mb())
    print(f"trained in {result['train_s']} s, RSS peak {result['rss_peak_mb']} MB", flush=True)
    t0 = time.perf_counter()
    data, sha = storage.model_to_bytes(trained.model.to_artifact())
    result["store_s"] = round(time.perf_counter() - t0, 1)
    result["model_mb"] = round(len(data) / 2**20, 1)
    t0 = time.perf_counter()
    model = routing.RouteModel.from_artifact(storage.model_from_bytes(data, sha, trusted=routing.TRUSTED))
    result["load_s"] = round(time.perf_counter() - t0, 2)
    result["settings"] = settings.as_dict()
    result["training_size"], result["held_back_size"] = trained.training_size, trained.held_back_size
    result["topics"], result["bodies"] = len(trained.topics), trained.bodies
    result["figures_as_written"] = trained.figures.as_dict()
    result["figures_without_diacritics"] = trained.figures_folded.as_dict()
    del cases
    gc.collect()
    fresh = make_cases(args.latency, args.seed + 1, args.body)
    result["suggest_latency"] = latency(model, fresh, args.latency)
    result["suggest_latency_without_diacritics"] = latency(
        model, [routing.Example(strip_diacritics(e.text), e.topic, e.body, e.track, e.commune, e.province)
                for e in fresh], args.latency)  # fmt: skip
    result["rss_peak_end_mb"] = round(rss_peak_mb())
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        (RESULTS / f"insight-route-{args.body}-{args.cases}-{stamp}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
