"""Hotspots and the weekly "tình hình dư luận" digest: counts of cases per place and topic in the reader's
scope, against the period before and against the usual, with the alerts of the week.

Every count covers only cases the reader may read (``cases.selectors.staff_visible``) within the bodies
they read digests in (``VIEW_DIGEST``); the cases behind a cell are listed through the same filter."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from danvan.cases.models import Case, TopicCategory
from danvan.cases.selectors import staff_visible
from danvan.core.errors import NotFound
from danvan.insight import permissions as insight_permissions
from danvan.insight.models import Alert
from danvan.insight.selectors.alerts import alerts_for
from danvan.org import permissions
from danvan.org.models import AdministrativeUnit, Organization

USUAL_WEEKS = 8  # "the usual": the mean week of the eight before the one read (fewer in a younger deployment)


def digest_bodies(user: Any) -> QuerySet[Organization]:
    """The bodies ``user`` reads digests of, top first."""
    return Organization.objects.filter(permissions.scope_filter(user, insight_permissions.VIEW_DIGEST)).order_by(
        "depth", "path"
    )


def digest_body_for(*, user: Any, pk: int | None) -> Organization:
    """The body asked for (or the reader's top body), or ``NotFound`` outside their scope."""
    bodies = digest_bodies(user)
    body = bodies.filter(pk=pk).first() if pk else bodies.first()
    if body is None:
        raise NotFound("body not found")
    return body


def _cases(user: Any, body: Organization | None) -> QuerySet[Case]:
    cases = Case.objects.filter(staff_visible(user))
    if body is not None:
        return cases.filter(
            handling_organization__in=Organization.objects.filter(path__startswith=body.path).values("pk")
        )
    return cases.filter(permissions.scope_filter(user, insight_permissions.VIEW_DIGEST, "handling_organization"))


@dataclass
class Cell:
    unit_id: int | None
    topic_id: int | None
    place: str
    topic: str
    now: int = 0  # this period
    before: int = 0  # the period before, as long
    usual: float = 0.0  # mean week of the USUAL_WEEKS weeks before, or of those the data cover (digest only)

    @property
    def change(self) -> int:
        return self.now - self.before


def _names(cells: dict[tuple[int | None, int | None], Cell]) -> None:
    units = dict(AdministrativeUnit.objects.filter(pk__in={u for u, _t in cells if u}).values_list("pk", "name"))
    topics = dict(TopicCategory.objects.filter(pk__in={t for _u, t in cells if t}).values_list("pk", "name"))
    for (unit, topic), cell in cells.items():
        cell.place = units.get(unit or 0, "")
        cell.topic = topics.get(topic or 0, "")


def _counted(cases: QuerySet[Case], start: dt.date, end: dt.date) -> list[tuple[int | None, int | None, dt.date, int]]:
    return list(
        cases.filter(received_on__gte=start, received_on__lte=end)
        .values("place_unit_id", "topic_id", "received_on")
        .annotate(n=Count("id"))
        .values_list("place_unit_id", "topic_id", "received_on", "n")
        .order_by()
    )


def hotspots_for(*, user: Any, end: dt.date, days: int) -> list[Cell]:
    """Place × topic counts of the ``days`` ending ``end`` against the ``days`` before, most first."""
    start, before = end - dt.timedelta(days=days - 1), end - dt.timedelta(days=2 * days - 1)
    cells: dict[tuple[int | None, int | None], Cell] = {}
    for unit, topic, day, n in _counted(_cases(user, None), before, end):
        cell = cells.setdefault((unit, topic), Cell(unit, topic, "", ""))
        if day >= start:
            cell.now += n
        else:
            cell.before += n
    _names(cells)
    # ids last: two communes of one name, or two topics, keep one order from page to page
    return sorted(cells.values(), key=lambda c: (-c.now, -c.change, c.place, c.topic, c.unit_id or 0, c.topic_id or 0))


def hotspot_cases_for(*, user: Any, unit_id: int | None, topic_id: int | None, start: dt.date,
                      end: dt.date) -> QuerySet[Case]:  # fmt: skip
    """The cases behind one cell that ``user`` may open, newest first."""
    cases = _cases(user, None).filter(received_on__gte=start, received_on__lte=end)
    cases = cases.filter(place_unit__isnull=True) if unit_id is None else cases.filter(place_unit_id=unit_id)
    cases = cases.filter(topic__isnull=True) if topic_id is None else cases.filter(topic_id=topic_id)
    return cases.select_related("handling_organization", "place_unit", "topic").order_by("-received_on", "-id")


def cases_received_count(*, user: Any, start: dt.date, end: dt.date) -> int:
    """How many cases received from ``start`` to ``end`` the reader's hotspots and digests count."""
    return _cases(user, None).filter(received_on__gte=start, received_on__lte=end).count()


@dataclass
class Digest:
    body: Organization
    start: dt.date  # Monday
    end: dt.date  # Sunday
    now: int = 0
    before: int = 0
    usual: float = 0.0
    usual_weeks: int = 0  # the weeks before ``start`` the usual is the mean of: USUAL_WEEKS, fewer, or none
    topics: list[Cell] = field(default_factory=list)  # per topic (place blank)
    places: list[Cell] = field(default_factory=list)  # per commune (topic blank)
    growing: list[Cell] = field(default_factory=list)  # place × topic that grew most over the usual
    weeks: list[tuple[dt.date, int]] = field(default_factory=list)  # weekly totals, oldest first
    alerts: list[Alert] = field(default_factory=list)


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def digest_default_week(today: dt.date) -> dt.date:
    """The week a digest shows when none is asked for: the last whole week (Monday to Sunday)."""
    return week_of(today) - dt.timedelta(weeks=1)


def digest_for(*, user: Any, body: Organization, week: dt.date) -> Digest:
    """The digest of ``body`` (with its subtree) for the week starting on Monday ``week``."""
    start = week_of(week)
    end = start + dt.timedelta(days=6)
    first = start - dt.timedelta(weeks=USUAL_WEEKS)
    digest = Digest(body=body, start=start, end=end)
    # the weeks before ``start`` the data cover (from the deployment's first case, like ``history_available``
    # of the warnings): a younger deployment's missing weeks are unknown, not zero weeks
    first_case = Case.objects.aggregate(first=Min("received_on"))["first"]
    covered = (start - week_of(first_case)).days // 7 if first_case else 0
    digest.usual_weeks = max(0, min(USUAL_WEEKS, covered))
    weeks = max(1, digest.usual_weeks)  # with no earlier week every usual is 0 (and said to have none)
    by_week: dict[int, int] = defaultdict(int)
    topics: dict[tuple[int | None, int | None], Cell] = {}
    places: dict[tuple[int | None, int | None], Cell] = {}
    pairs: dict[tuple[int | None, int | None], Cell] = {}
    for unit, topic, day, n in _counted(_cases(user, body), first, end):
        back = (start - week_of(day)).days // 7  # 0 this week, 1 the week before …
        by_week[back] += n
        for table, key in ((topics, (None, topic)), (places, (unit, None)), (pairs, (unit, topic))):
            cell = table.setdefault(key, Cell(key[0], key[1], "", ""))
            if back == 0:
                cell.now += n
            else:
                cell.usual += n / weeks
                if back == 1:
                    cell.before += n
    for table in (topics, places, pairs):
        _names(table)
    digest.now, digest.before = by_week[0], by_week[1]
    digest.usual = sum(v for k, v in by_week.items() if k > 0) / weeks
    digest.weeks = [(start - dt.timedelta(weeks=back), by_week[back]) for back in range(USUAL_WEEKS, -1, -1)]
    digest.topics = sorted(topics.values(), key=lambda c: (-c.now, -c.usual, c.topic))
    digest.places = sorted(places.values(), key=lambda c: (-c.now, -c.usual, c.place))
    growing = [c for c in pairs.values() if c.now - c.usual >= 1]
    digest.growing = sorted(growing, key=lambda c: (-(c.now - c.usual), -c.now, c.place, c.topic))[:10]
    window = Q(last_seen_at__date__gte=start, last_seen_at__date__lte=end) | Q(opened_at__date__gte=start,
                                                                             opened_at__date__lte=end)  # fmt: skip
    in_body = Organization.objects.filter(path__startswith=body.path).values("pk")
    digest.alerts = list(alerts_for(user=user).filter(window, organization__in=in_body)[:50])
    return digest
