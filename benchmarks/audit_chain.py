"""Benchmark: what the audit trail's hash chain costs, on PostgreSQL (danvan/core/chain.py).

    python -m benchmarks.audit_chain --events 2000 --copy-rows 50000

Makes its own database ``danvan_bench_chain`` (dropped and created again; ``--database`` to change),
migrates it, and as the app role (``danvan db_roles``, ``SET ROLE``) times ``audit_record`` called
``--events`` times, each in its own transaction as intake does, with the chain triggers on and then
switched off (by the owner), alternating rounds; then COPYs ``--copy-rows`` timeline rows as the
bulk generator does, with and without the trigger. Writes ``benchmarks/results/audit_chain.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TRIGGERS = {"core_auditevent": ["core_auditevent_chain_stamp", "core_auditevent_chain_link"],
            "cases_caseevent": ["cases_caseevent_chain_stamp", "cases_caseevent_chain_link"]}  # fmt: skip


def _prepare(url: str, name: str) -> None:
    base = url.rstrip("/")
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)  # noqa: S603,S607
    env = {**os.environ, "DATABASE_URL": f"{base}/{name}", "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], check=True, cwd=ROOT, env=env)


def _triggers(cursor: Any, table: str, on: bool) -> None:
    for trigger in TRIGGERS[table]:
        cursor.execute(f"ALTER TABLE {table} {'ENABLE ALWAYS' if on else 'DISABLE'} TRIGGER {trigger}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--copy-rows", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="danvan_bench_chain")
    parser.add_argument("--reuse", action="store_true", help="use the database as it is (already migrated)")
    args = parser.parse_args()
    if not args.reuse:
        _prepare(args.url, args.database)
    os.environ["DATABASE_URL"] = f"{args.url}/{args.database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()
    from django.db import connection, transaction

    from danvan.core.audit import audit_record
    from danvan.core.chain import chain_verify
    from danvan.core.testing.roles import app_role_create

    with connection.cursor() as cursor:
        app = app_role_create(cursor)  # committed here: autocommit

    def as_app(run: Any) -> float:
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{app}"')
        try:
            return run()
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")

    def audit_run() -> float:
        started = time.perf_counter()
        for i in range(args.events):
            with transaction.atomic():
                audit_record(actor=None, action="bench.intake", object_type="cases.case", object_id=str(i),
                             object_repr=f"PA-2612-{i:06d}", after={"status": "received", "track": "pakn"},
                             reason="benchmark")  # fmt: skip
        return time.perf_counter() - started

    timings: dict[str, list[float]] = {"with_chain": [], "without_chain": []}
    for _round in range(args.rounds):
        for label, on in (("with_chain", True), ("without_chain", False)):
            with connection.cursor() as cursor:
                _triggers(cursor, "core_auditevent", on)
            timings[label].append(as_app(audit_run))
    with connection.cursor() as cursor:
        _triggers(cursor, "core_auditevent", True)

    # The bulk generator's path: COPY of timeline rows (as owner, the triggers fire per row).
    copy: dict[str, float] = {}
    case_id = _bench_case()
    for label, on in (("with_chain", True), ("without_chain", False)):
        with transaction.atomic(), connection.cursor() as cursor:
            _triggers(cursor, "cases_caseevent", on)
            started = time.perf_counter()
            with cursor.cursor.copy("COPY cases_caseevent (case_id, at, action, from_status, to_status, note, "
                                    "document_number, visibility, data) FROM STDIN") as out:  # fmt: skip
                for i in range(args.copy_rows):
                    out.write_row((case_id, dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=i),
                                   "note", "", "received", f"ghi chú {i}", "", "internal", "{}"))  # fmt: skip
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign-key checks, counted too
            copy[label] = time.perf_counter() - started
            _triggers(cursor, "cases_caseevent", True)
            if not on:
                transaction.set_rollback(True)  # unlinked rows would (rightly) break the chain
    verify_started = time.perf_counter()
    verdict = chain_verify("cases_caseevent")
    verify_seconds = time.perf_counter() - verify_started
    assert verdict.ok, verdict

    with_chain, without = statistics.median(timings["with_chain"]), statistics.median(timings["without_chain"])
    per_row = {k: v / args.copy_rows * 1e6 for k, v in copy.items()}
    pg_version = getattr(connection, "pg_version", None)
    result = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "postgresql": pg_version},
        "audit_record": {
            "events": args.events, "rounds": args.rounds, "role": "app role (SET ROLE)",
            "seconds": timings,
            "median_seconds": {"with_chain": with_chain, "without_chain": without},
            "per_event_ms": {"with_chain": with_chain / args.events * 1e3, "without_chain": without / args.events * 1e3},
            "events_per_second": {"with_chain": args.events / with_chain, "without_chain": args.events / without},
            "overhead_percent": (with_chain / without - 1) * 100,
        },
        "copy_timeline": {
            "rows": args.copy_rows, "seconds": copy, "microseconds_per_row": per_row,
            "chain_extra_microseconds_per_row": per_row["with_chain"] - per_row["without_chain"],
        },
        "verify": {"links": verdict.links, "seconds": verify_seconds,
                   "links_per_second": verdict.links / verify_seconds if verify_seconds else None},
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "audit_chain.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    with connection.cursor() as cursor:
        cursor.execute(f'REASSIGN OWNED BY "{app}" TO CURRENT_USER')
        cursor.execute(f'DROP OWNED BY "{app}"')
        cursor.execute(f'DROP ROLE "{app}"')


def _bench_case() -> int:
    from danvan.cases.models import Case

    case, _created = Case.objects.get_or_create(tracking_code="PA-2612-BENCH1", defaults=dict( access_token_hash="x", track="pakn",  # noqa: S106
                               title="benchmark", content="benchmark"))  # fmt: skip
    return int(case.pk)


if __name__ == "__main__":
    main()
