"""Topic discovery over synthetic petitions (issue 18, part 4): time, memory and how well the topics found
match the topics the generator wrote about.

The texts are phản ánh, kiến nghị made by ``danvan.synthetic.texts.TextMaker`` over 60 made-up communes and
the generator's 12 topics, in memory (no database: the run's database work is a bulk insert of aggregated
counts, a few thousand rows). Measured: ``nlp.topics.discover`` (vocabulary and NMF fitted on a seeded sample
of ``fit_sample`` texts, then every text assigned in chunks of 50,000), wall time and peak resident memory of
the process; agreement with the generator's topic by adjusted mutual information and purity; the share of
texts typed without diacritics that land in the topic of their accented form.

    python -m benchmarks.insight_topics --n 1000000     # results in benchmarks/results/insight-topics-<n>-<time>.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import resource
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_mutual_info_score

from danvan.core.text import strip_diacritics
from danvan.nlp import topics
from danvan.synthetic import vocab
from danvan.synthetic.texts import Commune, TextMaker

RESULTS = Path(__file__).resolve().parent / "results"
NAMES = ["An Hòa", "Phú Xuân", "Kim Long", "Thuận Hóa", "Vỹ Dạ", "Hương Trà", "Bình Minh", "Tân Phú", "Hòa Khánh",
         "Sơn Trà", "Ngũ Hành Sơn", "Cẩm Lệ"]  # fmt: skip


def communes() -> list[Commune]:
    out = []
    for i in range(60):
        kind = ["phường", "xã"][i % 2]
        name = f"{NAMES[i % len(NAMES)]} {i // len(NAMES) + 1}"
        out.append(Commune(id=i + 1, code=1000 + i, name=f"{kind.capitalize()} {name}", short_name=name,
                           division_type=kind, province_id=1 + i % 3, province_name="Thành phố Huế",
                           province_short="Huế", province_is_city=True, remote=False))  # fmt: skip
    return out


def make_texts(n: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    maker = TextMaker(rng)
    places = communes()
    names = list(vocab.PAKN_ISSUES)
    texts, truth = [], []
    for _ in range(n):
        topic = rng.choice(names)
        letter = maker.pakn(rng.choice(places), topic, 2026, None)
        texts.append(f"{letter.title}. {letter.content}")
        truth.append(topic)
    return texts, truth


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=None)
    parser.add_argument("--fit-sample", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    started = time.perf_counter()
    texts, truth = make_texts(args.n, args.seed)
    made = time.perf_counter() - started
    memory_before = peak_mb()
    settings = topics.TopicSettings(k=args.k, fit_sample=args.fit_sample)
    started = time.perf_counter()
    found = topics.discover(texts, settings)
    took = time.perf_counter() - started
    assigned = found.assignment
    known = assigned >= 0
    labels = np.array(truth)
    ami = float(adjusted_mutual_info_score(labels[known], assigned[known]))
    purity = sum(Counter(labels[assigned == t]).most_common(1)[0][1] for t in set(assigned[known].tolist()))
    sample = random.Random(args.seed).sample(range(args.n), min(args.n, 5000))
    plain, _ = topics.assign(found.model, [strip_diacritics(texts[i]) for i in sample])
    same = float(np.mean([plain[j] == assigned[i] for j, i in enumerate(sample)]))
    started = time.perf_counter()
    topics.assign(found.model, texts[:10_000])
    assign_10k = time.perf_counter() - started
    result = {
        "what": "nlp.topics.discover over synthetic phản ánh (TextMaker), in memory",
        "texts": args.n, "k": len(found.topics), "fit_sample": args.fit_sample,
        "seconds_to_make_texts": round(made, 1), "seconds_discover": round(took, 1),
        "seconds_assign_10000": round(assign_10k, 2),
        "peak_rss_mb_after_making_texts": round(memory_before, 0), "peak_rss_mb": round(peak_mb(), 0),
        "unassigned": int((~known).sum()), "ami_vs_generator_topic": round(ami, 3),
        "purity_vs_generator_topic": round(purity / int(known.sum()), 3),
        "same_topic_without_diacritics": round(same, 4),
        "topics": [{"label": t.label, "size": t.size, "words": list(t.words[:6])} for t in found.topics],
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"insight-topics-{args.n}-{stamp}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "topics"}, ensure_ascii=False))
    for t in result["topics"]:
        print(t["size"], t["label"])


if __name__ == "__main__":
    main()
