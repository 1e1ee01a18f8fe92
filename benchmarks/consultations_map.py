"""Benchmark: recomputing the opinion map of 10,000 participants × 500 statements (issue 19: ≤ 5 s).

    python -m benchmarks.consultations_map                       # the issue's scale, seed 1, 3 runs
    python -m benchmarks.consultations_map --participants 2000 --statements 200 --runs 5
    make bench-consultations-map

Pure computation, no database: the votes are made in memory from the seed (``opinion_map_synthetic``:
planted groups of 40/30/20/10 % of the participants, each voter voting on 20–80 statements, 4–16 %
of the matrix), then ``opinion_map.compute`` is timed ``--runs`` times (min and median; the libraries
are imported once before, as in the worker that recomputes maps). Also timed: 1,000 × 100 (10–40
votes each, and a too-sparse 4–16), and random votes, for which the group separation (best
silhouette) is reported; each case also runs once in Pol.is's mode (no separation threshold). Writes ``benchmarks/results/consultations-map-<time>.json`` and a markdown table beside it
(``.md``), to copy into docs/benchmarks.md. The machine is shared: the 1-minute load average before
and after each case is in the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.surveys_indices import machine

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def group_sizes(participants: int) -> tuple[int, ...]:
    shares = (0.4, 0.3, 0.2)
    sizes = [round(participants * s) for s in shares]
    return (*sizes, participants - sum(sizes))


def measure(name: str, votes: Any, runs: int, seed: int,
            truth: dict[str, int] | None) -> dict[str, Any]:  # fmt: skip
    from sklearn.metrics import adjusted_rand_score

    from danvan.consultations import opinion_map

    if isinstance(votes, opinion_map.VoteMatrix):
        voters, statements, vote_count = len(votes.voters), len(votes.statements), len(votes.rows)
    else:
        voters, statements, vote_count = len({v for v, _, _ in votes}), len({s for _, s, _ in votes}), len(votes)
    load_before = os.getloadavg()[0]
    seconds: list[float] = []
    cpu: list[float] = []
    result = None
    for run in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = opinion_map.compute(votes, seed=seed)
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        log(f"{name}: run {run + 1}/{runs} {seconds[-1]:.3f} s, {len(result.groups)} groups")
    assert result is not None
    case: dict[str, Any] = {
        "name": name,
        "participants": voters,
        "statements": statements,
        "votes": vote_count,
        "density": round(vote_count / (voters * statements), 4),
        "seconds": [round(s, 4) for s in seconds],
        "min_seconds": round(min(seconds), 4),
        "median_seconds": round(statistics.median(seconds), 4),
        # CPU time of the process: what the map costs whatever else the shared machine is doing.
        "cpu_seconds": [round(s, 4) for s in cpu],
        "median_cpu_seconds": round(statistics.median(cpu), 4),
        "groups": len(result.groups),
        "group_sizes": [g.size for g in result.groups],
        "placed": len(result.placements),
        "silhouette": result.silhouette,
        "separation": result.separation,
        "k_scores": [list(k) for k in result.k_scores],
        "consensus": list(result.consensus[:5]),
        "load_average": {"start": round(load_before, 2), "end": round(os.getloadavg()[0], 2)},
    }
    polis = opinion_map.compute(votes, seed=seed, min_silhouette=None)  # Pol.is: no separation threshold
    case["polis_mode_groups"] = len(polis.groups)
    if truth is not None:
        case["planted_groups"] = len(set(truth.values()))
        for key, res in (("adjusted_rand_index", result), ("polis_mode_adjusted_rand_index", polis)):
            placed = {p.voter: p.group for p in res.placements}
            ids = sorted(placed)
            case[key] = round(float(adjusted_rand_score([truth[v] for v in ids], [placed[v] for v in ids])), 4)
    return case


def render(document: dict[str, Any]) -> str:
    lines = [
        f"Run {document['started_at']}, seed {document['seed']}, {document['runs']} runs per case. Machine: "
        f"{document['machine']['cpu']}, {document['machine']['cpus']} CPUs, {document['machine']['memory_gib']} GiB; "
        f"Python {document['python']}, numpy {document['numpy']}, scikit-learn {document['sklearn']}. "
        f"Libraries imported once before: {document['import_seconds']:.2f} s.",
        "",
        "| case | votes (density) | min / median | CPU (median) | groups (sizes) | separation | ARI vs planted | Pol.is mode: groups, ARI | load 1 min |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c in document["cases"]:
        ari = f"{c['adjusted_rand_index']:.3f}" if "adjusted_rand_index" in c else "—"
        separation = "—" if c["separation"] is None else f"{c['separation']:.3f}"
        polis = str(c["polis_mode_groups"])
        if "polis_mode_adjusted_rand_index" in c:
            polis += f", {c['polis_mode_adjusted_rand_index']:.3f}"
        lines.append(
            f"| {c['name']} | {c['votes']:,} ({c['density']:.1%}) | {c['min_seconds']:.3f} s / "
            f"{c['median_seconds']:.3f} s | {c['median_cpu_seconds']:.3f} s | {c['groups']} ({', '.join(f'{s:,}' for s in c['group_sizes'])}) | "
            f"{separation} | {ari} | {polis} | {c['load_average']['start']}–{c['load_average']['end']} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=500)
    parser.add_argument("--votes-per-voter", type=int, nargs=2, default=(20, 80), metavar=("MIN", "MAX"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="the results file (default: benchmarks/results/consultations-map-<time>.json)")
    args = parser.parse_args(argv)

    import numpy
    import sklearn

    from danvan.consultations import opinion_map
    from danvan.consultations.opinion_map_synthetic import planted, random_votes

    started_at = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    opinion_map.load_libraries()
    import_seconds = time.perf_counter() - t0
    span = tuple(args.votes_per_voter)
    cases = []
    planted_cases = (
        (f"{args.participants:,} × {args.statements}, planted groups", args.participants, args.statements, span),
        ("1,000 × 100, planted groups", 1000, 100, (10, 40)),
        ("1,000 × 100, planted groups, 4–16 votes each", 1000, 100, (4, 16)),
    )
    for n, (name, participants, statements, votes_span) in enumerate(planted_cases):
        log(f"making {name}")
        p = planted(group_sizes(participants), statements=statements, votes_per_voter=votes_span, seed=args.seed)
        cases.append(measure(name, p.votes, args.runs, args.seed, p.truth))
        if n == 0:
            # What the maps part can do: database ids as arrays, no Python tuples to index.
            voter_ids = {v: i for i, v in enumerate(p.truth)}
            statement_ids = {s: i for i, s in enumerate(p.statements)}
            arrays = opinion_map.vote_matrix_from_arrays(
                numpy.array([voter_ids[v] for v, _, _ in p.votes]),
                numpy.array([statement_ids[s] for _, s, _ in p.votes]),
                numpy.array([x for _, _, x in p.votes]),
            )
            truth = {str(voter_ids[v]): g for v, g in p.truth.items()}
            cases.append(measure(f"{name}, from id arrays", arrays, args.runs, args.seed, truth))
    for name, participants, statements, votes_span in (
        (f"{args.participants:,} × {args.statements}, random votes", args.participants, args.statements, span),
        ("1,000 × 100, random votes", 1000, 100, (10, 40)),
    ):
        log(f"making {name}")
        votes = random_votes(participants, statements, votes_per_voter=votes_span, seed=args.seed)
        cases.append(measure(name, votes, args.runs, args.seed, None))
    document = {
        "benchmark": "consultations-map",
        "started_at": f"{started_at:%Y-%m-%d %H:%M} UTC",
        "seed": args.seed,
        "runs": args.runs,
        "votes_per_voter": list(span),
        "import_seconds": round(import_seconds, 3),
        "machine": machine(),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "sklearn": sklearn.__version__,
        "method": opinion_map.METHOD,
        "cases": cases,
    }
    out = Path(args.out) if args.out else RESULTS / f"consultations-map-{started_at:%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    table = render(document)
    out.with_suffix(".md").write_text(table)
    log(f"results: {out}")
    print(table)


if __name__ == "__main__":
    main()
