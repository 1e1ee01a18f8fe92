"""The "same matter" look-ups through the application's own code on a generated database (``danvan generate``,
docs/generate.md) whose near-duplicate index is built (``danvan insight index_duplicates``):

- the case page's panel, ``insight.selectors.duplicates.similar_for_case``, read by an officer of the case's
  handling body: the case's signature, the candidates (the commune's cases of the window, or its buckets),
  the reader's filter (``cases.selectors.staff_visible``, "not merged") joined to the candidates, their grams,
  the ranking, the cases read back;
- the petition form's look-up, ``similar_public``, with the case's title and text and its commune's name typed
  as the place (the place resolved, public reports only, ranked on their public text).

    DATABASE_URL=postgres://…/danvan_gen DJANGO_SETTINGS_MODULE=config.settings.dev \\
        python -m benchmarks.insight_duplicates_app --queries 300

Times each call, counts its queries, and writes ``benchmarks/results/insight-duplicates-app-<db>-<cases>-<time>.json``.
Nothing is written to the database. ``benchmarks.insight_duplicates_pg`` measures the commune query and the
ranking alone on a scratch table; this one measures the whole path an officer or a citizen waits for."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def _figures(times: list[float]) -> dict[str, float]:
    import numpy as np

    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(float(np.percentile(times, 95)), 2),
            "max_ms": round(max(times), 2)}  # fmt: skip


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.cases.models import Case
    from danvan.insight.models import CaseBand, CaseSignature
    from danvan.insight.selectors import duplicates
    from danvan.org.models import RoleAssignment

    cases = Case.objects.count()
    indexed = CaseSignature.objects.count()
    if not indexed:
        raise SystemExit("the near-duplicate index is empty: run `danvan insight index_duplicates` first")
    rng = random.Random(args.seed)
    high = CaseSignature.objects.order_by("-case_id").values_list("case_id", flat=True).first() or 0
    picked: list[Case] = []
    while len(picked) < args.queries:
        ids = [rng.randint(1, high) for _ in range(args.queries * 2)]
        found = Case.objects.filter(pk__in=ids, place_unit__isnull=False, handling_organization__isnull=False,
                                    duplicate_of__isnull=True).select_related("place_unit")  # fmt: skip
        picked += [c for c in found if CaseSignature.objects.filter(case_id=c.pk).exists()]
    picked = picked[: args.queries]
    officers = {}
    places = {case.pk: case.place_unit.name if case.place_unit else "" for case in picked}
    for case in picked:
        role = (RoleAssignment.objects.filter(organization=case.handling_organization)
                .select_related("user").order_by("pk").first())  # fmt: skip
        officers[case.pk] = role.user if role else None
    readers = [c for c in picked if officers[c.pk] is not None]

    def timed(call: Any) -> tuple[float, int, Any]:
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            result = call()
            spent = (time.perf_counter() - began) * 1000
        return spent, len(queries), result

    # one warm-up of each path: the first call loads the place resolver's data and opens the connection
    duplicates.similar_for_case(user=officers[readers[0].pk], case=readers[0])
    duplicates.similar_public(title=readers[0].title, content=readers[0].content, place_text=places[readers[0].pk])
    staff, staff_queries, staff_found = [], [], []
    for case in readers:
        spent, count, found = timed(lambda case=case: duplicates.similar_for_case(user=officers[case.pk], case=case))
        staff.append(spent)
        staff_queries.append(count)
        staff_found.append(len(found))
    public, public_found = [], []
    for case in picked:
        spent, _, found = timed(lambda case=case: duplicates.similar_public(
            title=case.title, content=case.content, place_text=places[case.pk], today=case.received_on))  # fmt: skip
        public.append(spent)
        public_found.append(len(found))
    with connection.cursor() as cursor:
        cursor.execute("select pg_total_relation_size(%s), pg_total_relation_size(%s)",
                       [CaseSignature._meta.db_table, CaseBand._meta.db_table])  # fmt: skip
        sizes = cursor.fetchone()
    report = {
        "db": connection.vendor, "cases": cases, "indexed": indexed, "bands": CaseBand.objects.count(),
        "signature_mb": round(sizes[0] / 2**20), "bands_mb": round(sizes[1] / 2**20),
        "case_page": {**_figures(staff), "queries": statistics.median(staff_queries), "calls": len(staff),
                      "cases_shown_p50": statistics.median(staff_found)},
        "petition_form": {**_figures(public), "calls": len(public), "reports_shown_p50": statistics.median(public_found),
                          "with_any": sum(1 for n in public_found if n)},
        "reader": "the first role holder of each case's handling body", "load_avg": os.getloadavg(),
        "python": sys.version.split()[0],
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"insight-duplicates-app-{connection.vendor}-{cases}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
