"""What the early-warning run reads (never a tố cáo: ``selectors.sources``): cases per current commune × topic ×
day (one aggregated query), the cases behind a series, the body responsible for a commune, and reception's crowds. For the task only: no
reader, no scope (the alerts it raises are read in scope, ``selectors.alerts``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Min

from danvan.insight.selectors.sources import shared_cases
from danvan.org.models import Organization
from danvan.reception.models.visits import Crowd, VisitCase

Series = tuple[int, int | None]  # (commune id, topic id or None)


def case_counts(*, start: dt.date, end: dt.date) -> list[tuple[int, int | None, dt.date, int]]:
    """(commune, topic, day, cases) for every day of ``start``..``end`` with a case, placed cases only.

    One GROUP BY over the period's cases; on PostgreSQL an index-only scan of ``cases_case_place_day_idx``
    (benchmarks/insight_warnings.py)."""
    rows = (
        shared_cases()
        .filter(received_on__gte=start, received_on__lte=end, place_unit__isnull=False)
        .values("place_unit_id", "topic_id", "received_on")
        .annotate(n=Count("*"))  # COUNT(*), not COUNT(id): the index cases_case_place_day_idx then answers alone
        .values_list("place_unit_id", "topic_id", "received_on", "n")
        .order_by()
    )
    return list(rows)


def first_case_on() -> dt.date | None:
    """The day of the deployment's first placed case: history before it is unknown, not zero."""
    return shared_cases().filter(place_unit__isnull=False).aggregate(first=Min("received_on"))["first"]


def series_cases(series: Series, *, start: dt.date, end: dt.date) -> list[tuple[int, int | None]]:
    """(case id, handling body id) of one commune × topic received in ``start``..``end``, oldest first."""
    unit, topic = series
    cases = shared_cases().filter(place_unit_id=unit, received_on__gte=start, received_on__lte=end)
    cases = cases.filter(topic__isnull=True) if topic is None else cases.filter(topic_id=topic)
    return list(cases.order_by("received_on", "id").values_list("pk", "handling_organization_id"))


def responsible_body(unit_id: int, handling_ids: list[int | None]) -> Organization | None:
    """The commune's People's Committee when the deployment has one; else the body that handles most of
    the series' cases (a provincial department, a ward not yet on the platform)."""
    body = (
        Organization.objects.filter(unit_id=unit_id, kind__code="ubnd", is_active=True).order_by("depth", "pk").first()
    )
    if body is not None:
        return body
    handled = Counter(pk for pk in handling_ids if pk is not None)
    if not handled:
        return None
    top = max(handled.items(), key=lambda item: (item[1], -item[0]))[0]
    return Organization.objects.filter(pk=top).first()


@dataclass(frozen=True)
class CrowdSeen:
    visit_id: int
    organization: Organization
    received_at: dt.datetime
    people: int
    matter_key: str
    case_ids: list[int]
    topic: str


def crowds_between(*, start: dt.datetime, end: dt.datetime) -> list[CrowdSeen]:
    """The crowds (đoàn đông người) received at reception in ``start``..``end``, with the cases they brought."""
    crowds = list(
        Crowd.objects.filter(visit__received_at__gte=start, visit__received_at__lt=end)
        .select_related("visit__organization__unit")
        .order_by("visit__received_at", "pk")
    )
    links: dict[int, list[int]] = {}
    for visit_id, case_id in VisitCase.objects.filter(visit_id__in=[c.visit_id for c in crowds]).values_list(
        "visit_id", "case_id"
    ):
        links.setdefault(visit_id, []).append(case_id)
    shared = set(
        shared_cases().filter(pk__in=[pk for ids in links.values() for pk in ids]).values_list("pk", flat=True)
    )
    links = {visit: [pk for pk in ids if pk in shared] for visit, ids in links.items()}  # a crowd's tố cáo: not named
    topics = dict(
        shared_cases()
        .filter(pk__in=[pk for ids in links.values() for pk in ids], topic__isnull=False)
        .values_list("pk", "topic__name")
    )
    return [
        CrowdSeen(
            visit_id=c.visit_id,
            organization=c.visit.organization,
            received_at=c.visit.received_at,
            people=c.visit.group_size,
            matter_key=c.matter_key,
            case_ids=links.get(c.visit_id, []),
            topic=next((topics[pk] for pk in links.get(c.visit_id, []) if pk in topics), ""),
        )
        for c in crowds
    ]


def crowds_on_matter(*, organization_id: int, matter_key: str, since: dt.datetime) -> int:
    """How many crowds came to ``organization`` on the same matter since ``since``."""
    if not matter_key:
        return 1
    return Crowd.objects.filter(
        visit__organization_id=organization_id, matter_key=matter_key, visit__received_at__gte=since
    ).count()


def alert_series(key: str, *, end: dt.date, days: int) -> list[tuple[dt.date, int]] | None:
    """The daily counts behind a surge or recurring alert (``<kind>:<commune>:<topic or 0>``) over the
    ``days`` ending ``end``; None for another kind of alert. Counts only: no case is named."""
    parts = key.split(":")
    if len(parts) != 3 or parts[0] not in ("surge", "recurring") or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    unit, topic = int(parts[1]), int(parts[2]) or None
    start = end - dt.timedelta(days=days - 1)
    cases = shared_cases().filter(place_unit_id=unit, received_on__gte=start, received_on__lte=end)
    cases = cases.filter(topic__isnull=True) if topic is None else cases.filter(topic_id=topic)
    per_day = dict(cases.values("received_on").annotate(n=Count("id")).values_list("received_on", "n").order_by())
    return [(start + dt.timedelta(days=i), per_day.get(start + dt.timedelta(days=i), 0)) for i in range(days)]
