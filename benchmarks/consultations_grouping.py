"""How much memory and time the answering page's grouping of comments takes, bounded (per connected
component, pairs found block by block) against the whole n × n matrix it replaced.

Each size runs in a fresh child process (``resource.getrusage`` of the child: its peak resident set), on
synthetic comments: a few dozen points, each written in several ways (with and without diacritics, words
added), so that groups of every size form. Writes ``benchmarks/results/consultations-grouping-<time>.json``
and a markdown table beside it. Run: ``.venv/bin/python -m benchmarks.consultations_grouping``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

POINTS = [
    "chợ tạm quá xa nhà dân",
    "cần bãi giữ xe có mái che",
    "hỗ trợ tiền thuê sạp mười hai tháng",
    "đường Lê Lợi ùn tắc giờ cao điểm",
    "phòng cháy chữa cháy ở chợ tạm",
    "giữ vị trí cũ cho tiểu thương",
    "làm rõ thời gian di dời",
    "đèn chiếu sáng ở lối vào chợ",
    "nhà vệ sinh công cộng sạch sẽ",
    "thu gom rác mỗi ngày",
    "bốc thăm vị trí sạp công khai",
    "giá thuê sạp không tăng",
]
WORDS = [
    "đề",
    "nghị",
    "ban",
    "quản",
    "lý",
    "xem",
    "xét",
    "sớm",
    "bà",
    "con",
    "mong",
    "muốn",
    "phường",
    "cần",
    "quan",
    "tâm",
    "thêm",
    "nữa",
]


def texts(n: int, seed: int) -> list[str]:
    from danvan.core.text import fold

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        point = rng.choice(POINTS)
        extra = " ".join(rng.sample(WORDS, rng.randint(0, 6)))
        text = f"{extra} {point}" if rng.random() < 0.5 else f"{point} {extra}"
        out.append(fold(text) if rng.random() < 0.3 else text)
    return out


def child(n: int, mode: str, seed: int) -> None:
    """Group ``n`` comments one way and print the figures as JSON (run in its own process)."""
    import numpy as np

    from danvan.consultations import text_match as tm

    comments = texts(n, seed)
    started = time.perf_counter()
    if mode == "bounded":
        groups = tm.group_similar(comments)
    else:
        from sklearn.cluster import AgglomerativeClustering

        distance = 1.0 - tm.similarity_matrix(comments)
        np.fill_diagonal(distance, 0.0)
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=1.0 - tm.GROUP_THRESHOLD + 1e-9).fit_predict(distance)  # fmt: skip
        groups = [[0]] * len(set(labels.tolist()))
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": n, "mode": mode, "seconds": round(seconds, 2), "peak_mib": round(peak_mib, 1),
                      "groups": len(groups)}))  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,6000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("N", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(int(args.child[0]), args.child[1], args.seed)
        return
    rows: list[dict[str, Any]] = []
    for n in (int(s) for s in args.sizes.split(",")):
        for mode in ("whole matrix", "bounded"):
            run = subprocess.run([sys.executable, "-m", "benchmarks.consultations_grouping", "--seed", str(args.seed),  # noqa: S603 (our own module)
                                  "--child", str(n), "bounded" if mode == "bounded" else "dense"],
                                 capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
            row = json.loads(run.stdout.strip().splitlines()[-1]) | {"mode": mode}
            print(row, flush=True)
            rows.append(row)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"consultations-grouping-{stamp}.json"
    out.write_text(json.dumps({"seed": args.seed, "rows": rows}, indent=2))
    lines = ["| comments | method | seconds | peak memory (MiB) | groups |", "|---:|---|---:|---:|---:|"]
    lines += [f"| {r['n']:,} | {r['mode']} | {r['seconds']} | {r['peak_mib']} | {r['groups']} |" for r in rows]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
