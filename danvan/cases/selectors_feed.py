"""Reads of the public feedback feed: what anyone may see of the reports that are public.

The one rule of what is public is ``cases.publicity.is_public``; ``public_cases`` asks it as a query (a
test proves the two agree). Nothing here returns a contact, a private text or a file that is not public:
the pages render ``public_title``, ``public_text`` and ``public_answer`` only.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from danvan.cases import publicity, transitions
from danvan.cases.choices import Status, Track
from danvan.cases.models import Attachment, Case, TopicCategory
from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.deadlines.selectors import deadline_compute

# How far and how long back "the same problem nearby" looks before the citizen files a new report.
NEARBY_METRES = 500
NEARBY_DAYS = 90
NEARBY_LIMIT = 5
MAP_LIMIT = 500  # markers in one answer: the map of a province, not of the country
# The window of "still not fixed" is editable data: a deadline rule (no law sets it, so it is an
# internal target an operator may change on the deadline rules screen).
REOPEN_PROCEDURE, REOPEN_STEP = "pakn", "mo_lai_chua_xu_ly"


def public_q() -> Q:
    """``publicity.is_public`` as a query."""
    return on_public_track_q() & Q(public_hidden_at__isnull=True)


def on_public_track_q() -> Q:
    """``publicity.on_public_track`` as a query (public, or taken off the public page by a handler)."""
    return Q(publish_wanted=True, track__in=list(publicity.PUBLIC_TRACKS)) & ~Q(
        status__in=list(publicity.WITHDRAWN_STATUSES)
    )


def case_is_public(case: Case) -> bool:
    """``publicity.is_public`` of one case already read."""
    return publicity.is_public(track=case.track, status=case.status, publish_wanted=case.publish_wanted,
                               hidden=case.public_hidden_at is not None)  # fmt: skip


def case_on_public_track(case: Case) -> bool:
    return publicity.on_public_track(track=case.track, status=case.status, publish_wanted=case.publish_wanted)


def _public_photos() -> Prefetch[Any]:
    return Prefetch(
        "attachments",
        queryset=Attachment.objects.filter(is_public=True, sealed=False).order_by("uploaded_at", "id"),
        to_attr="public_photos",
    )


def public_cases() -> QuerySet[Case]:
    """Every public report, with what a list shows, in a fixed number of queries."""
    return (
        Case.objects.filter(public_q())
        .select_related("topic", "place_unit", "handling_organization")
        .annotate(support_count=Count("supports", distinct=True))
        .prefetch_related(_public_photos())
    )


@dataclass(frozen=True)
class FeedFilters:
    place_unit_id: int | None = None
    topic_code: str = ""


def feed_list(*, filters: FeedFilters = FeedFilters()) -> QuerySet[Case]:
    """The public feed: newest first, narrowed by commune and topic."""
    cases = public_cases()
    if filters.place_unit_id:
        cases = cases.filter(place_unit_id=filters.place_unit_id)
    if filters.topic_code:
        cases = cases.filter(topic__code=filters.topic_code)
    return cases.order_by("-received_on", "-id")


def feed_markers(*, filters: FeedFilters = FeedFilters()) -> list[dict[str, Any]]:
    """The map's markers: public reports with a point (one query, no photos, no counts)."""
    cases = Case.objects.filter(public_q(), latitude__isnull=False, longitude__isnull=False)
    if filters.place_unit_id:
        cases = cases.filter(place_unit_id=filters.place_unit_id)
    if filters.topic_code:
        cases = cases.filter(topic__code=filters.topic_code)
    rows = cases.order_by("-received_on", "-id").values(
        "tracking_code", "public_title", "status", "latitude", "longitude"
    )[:MAP_LIMIT]
    return [dict(row) for row in rows]


def feed_communes() -> QuerySet[Any]:
    """The communes that have public reports, for the filter (not all 3,321 of the country)."""
    from danvan.org.models import AdministrativeUnit

    units = Case.objects.filter(public_q(), place_unit__isnull=False).values("place_unit_id")
    return AdministrativeUnit.objects.filter(pk__in=units).select_related("province").order_by("name")


def feed_topics() -> QuerySet[TopicCategory]:
    return TopicCategory.objects.filter(is_active=True).order_by("sort_order", "name")


def feed_get(*, tracking_code: str) -> Case:
    """One public report by its code; a report that is not public is "not found", like a missing one."""
    case = public_cases().filter(tracking_code=tracking_code.strip().upper()).first()
    if case is None:
        raise NotFound("report not found")
    return case


def feed_photo(*, tracking_code: str, attachment_id: int) -> Attachment:
    """A public photo of a public report; anything else is "not found"."""
    attachment = (
        Attachment.objects.filter(
            pk=attachment_id, is_public=True, sealed=False, case__tracking_code=tracking_code.strip().upper()
        )
        .filter(case__in=Case.objects.filter(public_q()))
        .first()
    )
    if attachment is None:
        raise NotFound("photo not found")
    return attachment


def feed_timeline(case: Case) -> list[tuple[dt.datetime, str]]:
    """(when, action) of the public steps, without their notes (a note may name a person)."""
    return list(case.events.filter(visibility="public").order_by("at", "id").values_list("at", "action"))


# "The same problem nearby" ----------------------------------------------------------------------------


def _metres(lat1: Decimal, lon1: Decimal, lat2: Decimal, lon2: Decimal) -> float:
    a1, a2 = math.radians(float(lat1)), math.radians(float(lat2))
    dlat, dlon = a2 - a1, math.radians(float(lon2) - float(lon1))
    h = math.sin(dlat / 2) ** 2 + math.cos(a1) * math.cos(a2) * math.sin(dlon / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def feed_nearby(
    *,
    topic_code: str = "",
    place_unit_id: int | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    today: dt.date | None = None,
) -> list[Case]:
    """Public reports that may be the same problem: still open, received in the last ``NEARBY_DAYS``, of
    the same topic (when one is given), and within ``NEARBY_METRES`` of the point or in the same commune.
    Nearest first when there is a point, else newest first; at most ``NEARBY_LIMIT``."""
    if latitude is None and place_unit_id is None:
        return []
    today = today or clock.today()
    cases = public_cases().filter(
        status__in=list(transitions.OPEN | {Status.ANSWERED}),
        received_on__gte=today - dt.timedelta(days=NEARBY_DAYS),
    )
    if topic_code:
        cases = cases.filter(topic__code=topic_code)
    if latitude is not None and longitude is not None:
        # A box around the point first (an index range), then the true distance.
        dlat = Decimal(NEARBY_METRES / 111_000)
        dlon = Decimal(NEARBY_METRES / (111_000 * max(0.1, math.cos(math.radians(float(latitude))))))
        near = Q(
            latitude__range=(latitude - dlat, latitude + dlat), longitude__range=(longitude - dlon, longitude + dlon)
        )
        cases = cases.filter(near | Q(place_unit_id=place_unit_id) if place_unit_id else near)
        found = list(cases.order_by("-received_on", "-id")[:50])

        def distance(case: Case) -> float:
            if case.latitude is None or case.longitude is None:
                return float(NEARBY_METRES)
            return _metres(latitude, longitude, case.latitude, case.longitude)

        within = [c for c in found if distance(c) <= NEARBY_METRES or c.place_unit_id == place_unit_id]
        return sorted(within, key=distance)[:NEARBY_LIMIT]
    return list(cases.filter(place_unit_id=place_unit_id).order_by("-received_on", "-id")[:NEARBY_LIMIT])


def place_unit_for(place_text: str) -> int | None:
    """The commune a written place names, when it names exactly one (else None: no guess)."""
    if not place_text.strip():
        return None
    from danvan.org.resolver_data import place_resolve

    resolution = place_resolve(place_text)
    found = {m.key: m.level for m in resolution.units} if resolution.status in {"exact", "multiple"} else {}
    if len(found) != 1:
        return None
    # the resolver's matches are current units read from the table: no query to ask their level
    ((key, level),) = found.items()
    return key if level == "commune" else None


# "Still not fixed" ---------------------------------------------------------------------------------


def case_reopen_until(case: Case) -> dt.date | None:
    """The last day the citizen may send an answered feedback item back as "still not fixed"; None when
    it cannot be (not an answered feedback item, no answer date, or no rule)."""
    if case.track != Track.PAKN or case.status != Status.ANSWERED or case.notified_on is None:
        return None
    from danvan.core.errors import DomainError

    try:
        return deadline_compute(procedure=REOPEN_PROCEDURE, step=REOPEN_STEP, started_on=case.notified_on).due_on
    except DomainError:
        return None


def case_reopen_facts(case: Case) -> transitions.Facts:
    """The facts of ``case`` with the "still not fixed" window: what the services and pages ask."""
    return transitions.case_facts(case, reopen_until=case_reopen_until(case), today=clock.today())


def case_may_reopen(case: Case) -> bool:
    return transitions.Action.REOPEN in transitions.allowed_actions(
        Track(case.track), Status(case.status), case_reopen_facts(case)
    )
