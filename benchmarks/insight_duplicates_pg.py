"""The intake lookup on PostgreSQL at 1,000,000 indexed cases: the commune query and the ranking, on a scratch
table of the shape of insight_casesignature (grams of 20,000 synthetic letters, reused), dropped afterwards.

Run: ``DATABASE_URL=postgres://… .venv/bin/python -m benchmarks.insight_duplicates_pg``; results to
benchmarks/results/insight-duplicates-pg-<time>.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import time
from pathlib import Path

import django

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"
N = 1_000_000


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    import numpy as np
    import psycopg

    from benchmarks.insight_duplicates import letters
    from danvan.nlp import duplicates as nlp

    data = letters(20000)
    grams = [nlp.grams_to_bytes(nlp.grams(d["title"], d["content"])) for d in data]
    conn = psycopg.connect(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1), autocommit=True)
    cur = conn.cursor()
    cur.execute("drop table if exists bench_sig")
    cur.execute("create table bench_sig (case_id bigint primary key, grams bytea not null, unit_id int, "
                "province_id int, received_on date not null)")  # fmt: skip
    rng = random.Random(1)
    weights = [rng.paretovariate(1.2) for _ in range(3300)]
    units = rng.choices(range(1, 3301), weights, k=N)
    start = dt.date(2026, 1, 1)
    t = time.time()
    with cur.copy("copy bench_sig (case_id, grams, unit_id, province_id, received_on) from stdin") as copy:
        for i in range(N):
            copy.write_row((i + 1, grams[i % len(grams)], units[i], units[i] % 34,
                            start + dt.timedelta(days=(i * 365) // N)))  # fmt: skip
    load = time.time() - t
    t = time.time()
    cur.execute("create index bench_sig_unit_day on bench_sig (unit_id, received_on) include (case_id, grams)")
    cur.execute("vacuum analyze bench_sig")
    index_seconds = time.time() - t
    times, sizes, sql_ms = [], [], []
    for q in rng.sample(range(N), 300):
        day = start + dt.timedelta(days=(q * 365) // N)
        values = nlp.grams_from_bytes(grams[q % len(grams)])
        t0 = time.perf_counter()
        cur.execute("select case_id, grams from bench_sig where unit_id = %s and received_on >= %s and received_on <= %s "
                    "order by received_on desc, case_id desc limit 600", (units[q], day - dt.timedelta(days=90), day))  # fmt: skip
        rows = cur.fetchall()
        sql_ms.append((time.perf_counter() - t0) * 1000)
        nlp.rank_stored(values, rows, limit=10)  # what insight.selectors.duplicates.alike does
        times.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(rows))
    cur.execute("select pg_total_relation_size('bench_sig')")
    size = cur.fetchone()[0]  # type: ignore[index]
    cur.execute("drop table bench_sig")
    out = {
        "rows": N, "copy_seconds": round(load, 1), "index_seconds": round(index_seconds, 1),
        "lookup_ms_p50": round(statistics.median(times), 2), "lookup_ms_p95": round(float(np.percentile(times, 95)), 2),
        "sql_ms_p50": round(statistics.median(sql_ms), 2), "sql_ms_p95": round(float(np.percentile(sql_ms, 95)), 2),
        "candidates_p50": statistics.median(sizes), "candidates_max": max(sizes), "table_and_index_mb": round(size / 2**20),
        "index": "covering (unit_id, received_on) include (case_id, grams)", "load_avg": os.getloadavg(),
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"insight-duplicates-pg-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}.json").write_text(
        json.dumps(out, indent=2) + "\n"
    )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
