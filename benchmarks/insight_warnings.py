"""Benchmark: the daily early-warning run over a generated database (``danvan generate``, docs/generate.md).

    DATABASE_URL=postgres://…/danvan_warn python -m benchmarks.insight_warnings --date 2026-12-03

Times, on the database of ``DATABASE_URL`` as it is (it must already hold the generated cases):
the counting query (cases per commune × topic × day over 34 weeks: ``selectors.warnings.case_counts``),
with its PostgreSQL plan; the count model over every series (``nlp.counts.surges`` and ``recurring``);
and the whole run (``services.warnings.warnings_detect``: counting, model, raising the alerts with their
cases and notices) inside a transaction that is rolled back, so the database is left as it was. Writes
``benchmarks/results/insight-warnings-<db>-<cases>-<time>.json``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


class _Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--date", type=dt.date.fromisoformat, required=True, help="the day run for (generated --end)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction

    from danvan.cases.models import Case
    from danvan.insight.selectors import warnings as selectors
    from danvan.insight.services import warnings as services
    from danvan.nlp import counts

    settings = counts.Settings()
    weeks = settings.recurring_history_weeks + settings.recurring_weeks
    start = args.date - dt.timedelta(days=max(settings.days, weeks * 7) - 1)
    cases = Case.objects.count()
    result: dict[str, Any] = {"db": connection.vendor, "cases": cases, "date": args.date.isoformat(),
                              "period": [start.isoformat(), args.date.isoformat()], "settings": vars(settings)}  # fmt: skip
    timings = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        rows = selectors.case_counts(start=start, end=args.date)
        timings.append(time.perf_counter() - began)
    result["count_query_seconds"] = {"median": statistics.median(timings), "all": timings, "rows": len(rows)}
    if connection.vendor == "postgresql":
        query = Case.objects.filter(received_on__gte=start, received_on__lte=args.date, place_unit__isnull=False)
        from django.db.models import Count

        grouped = query.values("place_unit_id", "topic_id", "received_on").annotate(n=Count("*")).order_by()
        sql, params = grouped.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            result["count_query_plan"] = [line for (line,) in cursor.fetchall()]
    first = selectors.first_case_on()
    assert first is not None
    model = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        series, daily, weekly = services._matrices(rows, today=args.date, settings=settings)
        window_start = args.date - dt.timedelta(days=settings.window_days - 1)
        surges = counts.surges(daily, last_weekday=args.date.weekday(), settings=settings,
                               history_available=(window_start - first).days)  # fmt: skip
        recent_start = args.date - dt.timedelta(days=settings.recurring_weeks * 7 - 1)
        recurring = counts.recurring(weekly, settings, older_available=(recent_start - first).days // 7)
        model.append(time.perf_counter() - began)
    result["model_seconds"] = {"median": statistics.median(model), "all": model}
    result["series"] = len(series)
    result["surges_found"] = int(surges.alert.sum())
    result["recurring_found"] = int(recurring.alert.sum())
    result["series_with_a_case_in_window"] = int((surges.observed > 0).sum())
    began = time.perf_counter()
    try:
        with transaction.atomic():
            run = services.warnings_detect(today=args.date, settings=settings)
            result["run"] = {"figures": run.figures(), "seconds": run.seconds}
            raise _Rollback
    except _Rollback:
        pass
    result["run_seconds"] = time.perf_counter() - began
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = RESULTS / f"insight-warnings-{connection.vendor}-{cases}-{stamp}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "count_query_plan"}, indent=2, default=str))
    print(out)


if __name__ == "__main__":
    main()
