"""Benchmark: every satisfaction index over 1,000,000 responses and 5,000 bodies, on PostgreSQL and SQLite.

    python -m benchmarks.surveys_indices --db postgres --responses 1000000 --bodies 5000 --seed 1
    python -m benchmarks.surveys_indices --db both ...     # both, one after the other, one table
    make bench-surveys SCALE=1000000 BODIES=5000           # the same as --db both

Each run makes its own database — PostgreSQL ``danvan_bench`` (dropped and created again) or the
SQLite file ``var/bench/surveys.sqlite3`` — migrates it, loads the real administrative map, makes
synthetic bodies, officials and case ratings from the seed, then times the operations listed in
``benchmarks/surveys_measure.py``. It writes ``benchmarks/results/surveys-indices-<db>-<N>-<time>.json``
(with the query plans of the slow queries beside it) and appends a section to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
SQLITE_FILE = ROOT / "var" / "bench" / "surveys.sqlite3"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
POSTGRES_NAME = "danvan_bench"
LABELS = {"postgres": "PostgreSQL", "sqlite": "SQLite"}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Databases ----------------------------------------------------------------------------------------


def database_prepare(db: str) -> str:
    """Drop and create the benchmark's own database; return its URL."""
    if db == "postgres":
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {POSTGRES_NAME} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {POSTGRES_NAME}")
        return f"{POSTGRES_SERVER}/{POSTGRES_NAME}"
    SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{SQLITE_FILE}"


def database_facts() -> dict[str, Any]:
    """Server version, the settings that bound the numbers, and the size of the data."""
    from django.db import connection

    facts: dict[str, Any] = {"vendor": connection.vendor}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            facts["version"] = cursor.fetchone()[0]
            for name in ("shared_buffers", "work_mem", "effective_cache_size", "max_parallel_workers_per_gather",
                         "jit", "random_page_cost"):  # fmt: skip
                cursor.execute(f"SHOW {name}")
                facts[name] = cursor.fetchone()[0]
            cursor.execute("SELECT pg_database_size(current_database())")
            facts["size_bytes"] = cursor.fetchone()[0]
        else:
            facts["version"] = sqlite3.sqlite_version
            for name in ("journal_mode", "synchronous", "cache_size", "page_size", "page_count"):
                cursor.execute(f"PRAGMA {name}")
                facts[name] = cursor.fetchone()[0]
            facts["size_bytes"] = facts["page_size"] * facts["page_count"]
    return facts


def machine() -> dict[str, Any]:
    cpu = "unknown"
    memory_kib = 0
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                   platform.processor() or "unknown")  # fmt: skip
        meminfo = Path("/proc/meminfo").read_text()
        memory_kib = next(int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:"))
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "platform": platform.platform(),
    }


# One run ------------------------------------------------------------------------------------------


def run_one(args: argparse.Namespace) -> Path:
    url = database_prepare(args.db)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks import surveys_measure, surveys_world
    from danvan.core import clock
    from danvan.org.services import units_load

    started_at = clock.now()
    log(f"{LABELS[args.db]}: migrating {url}")
    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    units_load()
    setup_seconds = time.perf_counter() - t0
    log(f"making {args.bodies:,} bodies and their officials")
    t0 = time.perf_counter()
    world = surveys_world.world_build(bodies=args.bodies, seed=args.seed)
    bodies_seconds = time.perf_counter() - t0
    busy_before_load = os.getloadavg()[0]
    load = surveys_world.responses_load(world, responses=args.responses, seed=args.seed, progress=True)
    load["load_average"] = {"start": round(busy_before_load, 2), "end": round(os.getloadavg()[0], 2)}
    log(f"loaded in {load['seconds']:.1f} s ({load['rows_per_second']:,.0f} rows/s); measuring")
    ops, plans = surveys_measure.measure_all(
        world, repeats=args.repeats, refresh_bodies=args.refresh_bodies, refresh_runs=args.refresh_runs, log=log
    )
    document = result_document(args, world, load, ops, started_at)
    document["setup_seconds"] = {"migrate_and_units": round(setup_seconds, 2), "bodies": round(bodies_seconds, 2)}
    stem = f"surveys-indices-{args.db}-{args.responses}-{started_at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    out = Path(args.out) if args.out else RESULTS / f"{stem}.json"
    plans_file = out.with_name(out.stem + "-plans.txt")
    document["plans_file"] = str(plans_file.relative_to(ROOT)) if plans_file.is_relative_to(ROOT) else str(plans_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    plans_file.write_text(plans_text(plans))
    log(f"results: {out}")
    if not args.no_doc:
        doc_append(render_section([document]))
    print(render_table([document]))
    return out


def result_document(
    args: argparse.Namespace, world: Any, load: dict[str, Any], ops: dict[str, Any], started_at: dt.datetime
) -> dict[str, Any]:
    import django

    return {
        "benchmark": "surveys_indices",
        "db": args.db,
        "started_at": started_at.isoformat(timespec="seconds"),
        "responses": world.responses,
        "answers": world.answers,
        "bodies": len(world.bodies),
        "provincial_bodies": len(world.roots),
        "officials": world.official_count,
        "seed": args.seed,
        "machine": machine(),
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "sqlite": sqlite3.sqlite_version,
        },
        "database": database_facts(),
        "load": load,
        "operations": ops,
    }


def plans_text(plans: list[tuple[str, str, str]]) -> str:
    parts = []
    for name, sql, plan in plans:
        parts.append(f"=== {name}\n{sql}\n\n{plan}\n")
    return "\n".join(parts)


# Reports ------------------------------------------------------------------------------------------


def seconds_text(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f} s"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.1f} ms"


def _share(op: dict[str, Any]) -> str:
    share = op.get("sql_share")
    return "" if share is None else f", {100 * share:.0f}% in SQL"


def _queries(n: int) -> str:
    return f"{n:,} {'query' if n == 1 else 'queries'}"


def _cells(doc: dict[str, Any]) -> dict[str, str]:
    ops, load = doc["operations"], doc["load"]
    c = ops["indices_compute_year"]
    r = ops["snapshots_refresh_all"]
    runs = r["runs"]
    refresh = seconds_text(runs[0]) + (f"; again {seconds_text(runs[-1])}" if len(runs) > 1 else "")

    def small(op: dict[str, Any]) -> str:
        return f"{seconds_text(op['p50'])} / {seconds_text(op['p95'])} ({_queries(op['queries'])}{_share(op)})"

    return {
        "load": f"{seconds_text(load['seconds'])} ({load['rows_per_second']:,.0f} rows/s)",
        "compute": f"{seconds_text(c['p50'])} (median of {c['n']}; {_queries(c['queries'])}{_share(c)})",
        "refresh": f"{refresh} ({_queries(r['queries'])}{_share(r)})",
        "response": small(ops["refresh_for_response"]),
        "national": small(ops["ranking_national"]),
        "province": small(ops["ranking_province"]),
        "combined": small(ops["combined_index_subtree"]),
    }


def render_table(docs: list[dict[str, Any]]) -> str:
    first = docs[0]
    ops = first["operations"]
    rows = [
        ("load", f"load {first['responses']:,} responses + {first['answers']:,} answers"),
        ("compute", "`indices_compute`: every body, the year"),
        (
            "refresh",
            f"`snapshots_refresh_all`: 3 templates × 3 scopes × 17 periods ({ops['snapshot_rows']:,} snapshots)",
        ),
        ("response", f"`snapshots_refresh_for_response`, p50 / p95 over {ops['refresh_for_response']['n']} bodies"),
        ("national", f"`ranking` of the year, national ({ops['ranking_national']['rows']:,} bodies), p50 / p95"),
        ("province", f"`ranking` of the year, one province ({ops['ranking_province']['rows']:,} bodies), p50 / p95"),
        ("combined", f"`combined_index`, a subtree of {ops['combined_index_subtree']['bodies']} bodies, p50 / p95"),
    ]
    cells = [_cells(d) for d in docs]
    header = "| operation | " + " | ".join(LABELS[d["db"]] for d in docs) + " |"
    lines = [header, "|---" * (len(docs) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(c[key] for c in cells) + " |" for key, label in rows]
    return "\n".join(lines)


def render_section(docs: list[dict[str, Any]]) -> str:
    first = docs[0]
    m, v = first["machine"], first["versions"]
    dbs = []
    for d in docs:
        facts = d["database"]
        if d["db"] == "postgres":
            dbs.append(f"PostgreSQL {facts['version']} (shared_buffers {facts['shared_buffers']}, work_mem "
                       f"{facts['work_mem']}, {facts['max_parallel_workers_per_gather']} parallel workers per "
                       f"gather; data {facts['size_bytes'] / 2**30:.1f} GiB)")  # fmt: skip
        else:
            dbs.append(f"SQLite {facts['version']} (journal {facts['journal_mode']}; data "
                       f"{facts['size_bytes'] / 2**30:.1f} GiB)")  # fmt: skip
    files = ", ".join(
        f"`benchmarks/results/{Path(d['plans_file']).name.removesuffix('-plans.txt')}.json`" for d in docs
    )
    notes = []
    for d in docs:
        r = d["operations"]["snapshots_refresh_all"]
        slowest = r["slowest_sql"][0]["seconds"] if r["slowest_sql"] else 0.0
        notes.append(
            f"{LABELS[d['db']]}: the full refresh spent {100 * (r['sql_share'] or 0):.0f}% of its time in SQL "
            f"(slowest query {seconds_text(slowest)}), the rest in Python: summing months into periods, "
            f"computing and storing {d['operations']['snapshot_rows']:,} snapshots."
        )
    busy = []
    for d in docs:
        values = [*d["load"].get("load_average", {}).values(), *d["operations"].get("load_average", {}).values()]
        if values:
            busy.append(f"{LABELS[d['db']]} {min(values):.1f}–{max(values):.1f}")
    if busy:
        notes.append(f"1-minute load average as each step began ({m['cpus']} CPUs): {', '.join(busy)}.")
    return "\n".join([
        f"## Satisfaction indices, {first['started_at'][:16].replace('T', ' ')} (UTC{first['started_at'][19:]}): "
        f"{first['responses']:,} responses, {first['bodies']:,} bodies",
        "",
        f"Synthetic data, seed {first['seed']}: {first['responses']:,} case ratings of 6 questions, "
        f"{first['bodies']:,} bodies ({first['provincial_bodies']} provincial, the rest under them in real "
        f"communes), {first['officials']} officials. Machine: {m['cpu']}, {m['cpus']} CPUs, {m['memory_gib']} GiB "
        f"RAM. Python {v['python']}, Django {v['django']}; " + "; ".join(dbs) + f". Results: {files}.",
        "",
        render_table(docs),
        "",
        " ".join(notes),
        "",
    ])  # fmt: skip


def doc_append(section: str) -> None:
    if not DOC.exists():
        DOC.write_text("# Benchmarks\n\nSynthetic data; see benchmarks/README.md.\n")
    with DOC.open("a") as f:
        f.write("\n" + section)


# Both databases -----------------------------------------------------------------------------------


def run_both(args: argparse.Namespace) -> None:
    """PostgreSQL, then SQLite, each in its own process (Django configures one database per process)."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())  # the same UTC stamp as run_one's names
    outs = []
    for db in ("postgres", "sqlite"):
        out = RESULTS / f"surveys-indices-{db}-{args.responses}-{stamp}.json"
        command = [
            sys.executable, "-m", "benchmarks.surveys_indices", "--db", db, "--responses", str(args.responses),
            "--bodies", str(args.bodies), "--seed", str(args.seed), "--repeats", str(args.repeats),
            "--refresh-bodies", str(args.refresh_bodies), "--refresh-runs", str(args.refresh_runs), "--no-doc",
            "--out", str(out),
        ]  # fmt: skip
        subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 - our own module, arguments we built
        outs.append(out)
    docs = [json.loads(p.read_text()) for p in outs]
    if not args.no_doc:
        doc_append(render_section(docs))
    print(render_table(docs))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", choices=["postgres", "sqlite", "both"], required=True)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--bodies", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=20, help="runs of each small operation")
    parser.add_argument("--refresh-bodies", type=int, default=50, help="bodies rated for the per-response refresh")
    parser.add_argument("--refresh-runs", type=int, default=2, help="runs of the full refresh")
    parser.add_argument("--no-doc", action="store_true", help="do not append to docs/benchmarks.md")
    parser.add_argument("--out", help="the results file (default: benchmarks/results/…)")
    args = parser.parse_args(argv)
    if args.db == "both":
        run_both(args)
    else:
        run_one(args)


if __name__ == "__main__":
    main()
