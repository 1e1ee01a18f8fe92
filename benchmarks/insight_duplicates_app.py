"""The "same matter" look-ups through the application's own code on a generated database (``danvan generate``,
docs/generate.md) whose near-duplicate index is built (``danvan insight index_duplicates``):

- the case page's panel, ``insight.selectors.duplicates.similar_for_case``, read by an officer of the case's
  handling body: the case's signature, the candidates (the commune's cases of the window, or its buckets),
  the reader's filter (``cases.selectors.staff_visible``, "not merged") joined to the candidates, their grams,
  the ranking, the cases read back;
- the intake's read of "the same matter" (``insight.services.duplicates._same_matter`` as intake calls it: the
  candidates in the commune and window with the intake's filter, the cases alike enough above the alert's
  score; a case just received has no links to read) for cases of the data's last two days, no tố cáo
  (``matter_check`` reads nothing for one);
- the petition form's look-up, ``similar_public``, with the case's title and text and its commune and province
  typed as the place (the place resolved, public reports only, ranked on their public text): first as the
  generated data are (nothing published), then with ``--public-share`` of the feedback cases published (their
  public texts' grams and buckets stored as the app stores them) in a transaction rolled back afterwards, twice,
  and once with no place typed (the reports found by their public text's buckets).

    DATABASE_URL=postgres://…/danvan_gen DJANGO_SETTINGS_MODULE=config.settings.dev \\
        python -m benchmarks.insight_duplicates_app --queries 300

Times each call, counts its queries, and writes ``benchmarks/results/insight-duplicates-app-<db>-<cases>-<time>.json``.
Nothing is left written in the database (the published share is rolled back). ``benchmarks.insight_duplicates_pg`` measures the commune query and the
ranking alone on a scratch table; this one measures the whole path an officer or a citizen waits for."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
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


class _RolledBack(Exception):
    pass


def _figures(times: list[float]) -> dict[str, float]:
    import numpy as np

    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(float(np.percentile(times, 95)), 2),
            "max_ms": round(max(times), 2)}  # fmt: skip


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--public-share", type=float, default=0.3,
                        help="share of feedback cases published for the petition form's second run (0: none)")  # fmt: skip
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from danvan.cases.models import Case
    from danvan.cases.selectors import case_may_view
    from danvan.cases.selectors_feed import place_unit_for
    from danvan.insight.models import CaseBand, CaseSignature
    from danvan.insight.selectors import duplicates
    from danvan.org.models import RoleAssignment

    cases = Case.objects.count()
    indexed = CaseSignature.objects.count()
    if not indexed:
        raise SystemExit("the near-duplicate index is empty: run `danvan insight index_duplicates` first")
    rng = random.Random(args.seed)
    high = CaseSignature.objects.order_by("-case_id").values_list("case_id", flat=True).first() or 0
    picked: dict[int, Case] = {}
    officers: dict[int, Any] = {}
    for _attempt in range(50):  # a sparse database gives up rather than looping forever
        ids = [rng.randint(1, high) for _ in range(args.queries * 2)]
        found = (Case.objects.filter(pk__in=ids, place_unit__isnull=False, handling_organization__isnull=False,
                                     duplicate_of__isnull=True).select_related("place_unit__province")
                 .order_by("pk"))  # fmt: skip
        for case in found:
            if case.pk in picked or not CaseSignature.objects.filter(case_id=case.pk).exists():
                continue
            # an officer of the handling body who may open the case (a tố cáo needs VIEW_TO_CAO: the first
            # holder who can), as the case page would let them
            roles = (RoleAssignment.objects.active_on(case.received_on)
                     .filter(organization=case.handling_organization).select_related("user").order_by("pk"))  # fmt: skip
            reader = next((r.user for r in roles if case_may_view(r.user, case)), None)
            if reader is not None:
                picked[case.pk], officers[case.pk] = case, reader
        if len(picked) >= args.queries:
            break
    readers = list(picked.values())[: args.queries]
    # the place as a citizen types it: commune and province (a commune's name alone repeats across provinces)
    places = {c.pk: ", ".join(u.name for u in (c.place_unit, c.place_unit and c.place_unit.province) if u)
              for c in readers}  # fmt: skip
    resolved = sum(1 for c in readers if place_unit_for(places[c.pk]) == c.place_unit_id)

    def timed(call: Any) -> tuple[float, int, Any]:
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            result = call()
            spent = (time.perf_counter() - began) * 1000
        return spent, len(queries), result

    # one warm-up of each path: the first call loads the place resolver's data and opens the connection
    duplicates.similar_for_case(user=officers[readers[0].pk], case=readers[0])
    duplicates.similar_public(title=readers[0].title, content=readers[0].content, place_text=places[readers[0].pk],
                              today=readers[0].received_on)  # fmt: skip
    staff, staff_queries, staff_found = [], [], []
    for case in readers:
        spent, count, found = timed(lambda case=case: duplicates.similar_for_case(user=officers[case.pk], case=case))
        staff.append(spent)
        staff_queries.append(count)
        staff_found.append(len(found))

    # the intake's own read: the cases taken as the same matter when counting people for an alert (the rule
    # ``matter_check`` runs in the intake transaction; its own reads of the case and its alert writes are not
    # timed)
    from danvan.insight.services import duplicates as duplicate_services
    from danvan.nlp import duplicates as nlp

    # at intake nothing was received after the case (the read has no upper bound): cases of the generated
    # data's last two days; never a tố cáo (matter_check reads nothing for one) nor a merged case
    newest = CaseSignature.objects.order_by("-received_on").values_list("received_on", flat=True).first()
    assert newest is not None
    recent_ids = list(CaseSignature.objects.filter(received_on__gte=newest - dt.timedelta(days=1),
                                                   unit_id__isnull=False).values_list("case_id", flat=True))  # fmt: skip
    arrivals = (Case.objects.filter(pk__in=rng.sample(recent_ids, min(args.queries * 2, len(recent_ids))),
                                    handling_organization__isnull=False, duplicate_of__isnull=True)
                .exclude(track="to_cao")[: args.queries])  # fmt: skip
    intake, intake_found = [], []
    for case in arrivals:
        values = nlp.grams_from_bytes(CaseSignature.objects.get(case_id=case.pk).grams)
        spent, _, found = timed(
            lambda case=case, values=values: duplicate_services._same_matter(case, values, just_received=True)
        )
        intake.append(spent)
        intake_found.append(len(found) - 1)

    def petition_form(*, place: bool = True) -> tuple[list[float], list[int]]:
        times, shown = [], []
        for case in readers:
            spent, _, found = timed(lambda case=case: duplicates.similar_public(
                title=case.title, content=case.content, place_text=places[case.pk] if place else "",
                today=case.received_on))  # fmt: skip
            times.append(spent)
            shown.append(sum(1 for c in found if c.pk != case.pk))  # a published case finds itself: not counted
        return times, shown

    public, public_found = petition_form()
    published: dict[str, Any] = {}
    if args.public_share:
        # ``danvan generate`` publishes nothing: here a share of the feedback cases is published, their public
        # text their text, and its grams and public buckets stored as the cases app's event would have them
        # (the migrations' fills), in a transaction rolled back afterwards
        every = max(1, round(1 / args.public_share))
        fills = [importlib.import_module(f"danvan.insight.migrations.{name}").fill
                 for name in ("0008_public_grams_fill", "0010_public_bands_fill")]  # fmt: skip
        try:
            with transaction.atomic():
                began = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute("UPDATE cases_case SET publish_wanted = true, public_title = title, "
                                   "public_text = content WHERE track = 'pakn' AND id %% %s = 0", [every])  # fmt: skip
                    published["rows"] = cursor.rowcount
                for fill in fills:
                    fill(apps, None)
                published["publish_and_fill_seconds"] = round(time.perf_counter() - began, 1)
                first, shown = petition_form()
                again, _ = petition_form()
                # no place typed (yet): the reports sharing a bucket of their public text, country-wide
                unplaced, unplaced_shown = petition_form(place=False)
                published.update({"first": _figures(first), "again": _figures(again),
                                  "no_place": {**_figures(unplaced), "with_any_other": sum(1 for n in unplaced_shown if n)},
                                  "other_reports_shown_p50": statistics.median(shown),
                                  "with_any_other": sum(1 for n in shown if n)})  # fmt: skip
                raise _RolledBack
        except _RolledBack:
            pass
    with connection.cursor() as cursor:
        cursor.execute("select pg_total_relation_size(%s), pg_total_relation_size(%s)",
                       [CaseSignature._meta.db_table, CaseBand._meta.db_table])  # fmt: skip
        sizes = cursor.fetchone()
    report = {
        "db": connection.vendor, "cases": cases, "indexed": indexed, "bands": CaseBand.objects.count(),
        "signature_mb": round(sizes[0] / 2**20), "bands_mb": round(sizes[1] / 2**20),
        "case_page": {**_figures(staff), "queries": statistics.median(staff_queries), "calls": len(staff),
                      "cases_shown_p50": statistics.median(staff_found)},
        "intake_same_matter": {**(_figures(intake) if intake else {}), "calls": len(intake),
                               "same_matter_cases_p50": statistics.median(intake_found) if intake else None},
        "petition_form": {**_figures(public), "calls": len(public), "places_resolved": resolved,
                          "other_reports_shown_p50": statistics.median(public_found),
                          "with_any_other": sum(1 for n in public_found if n)},
        "petition_form_with_published": {"share": args.public_share, **published},
        "reader": "the first active role holder of each case's handling body who may open it",
        "load_avg": os.getloadavg(),
        "python": sys.version.split()[0],
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"insight-duplicates-app-{connection.vendor}-{cases}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
