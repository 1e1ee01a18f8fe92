"""Reading the yearly community conferences (Art. 33): a village's conferences, the villages of a
commune that have not held this year's conference, the decided matters a conference reports on and
their execution, the public view (no names but the chair's title) and the dashboards' figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.democracy.enums import MatterStatus, Scope
from danvan.democracy.models import Conference, ConferenceItem, Household, Matter, Village
from danvan.democracy.permissions import HOLD_CONFERENCES
from danvan.org.selectors import organizations_where

# A matter the community decided: passed, its record sent, recognised, or in force (Arts. 15, 21–23).
DECIDED = (MatterStatus.PASSED, MatterStatus.SENT, MatterStatus.RECOGNISED, MatterStatus.IN_FORCE)
WARN_MONTH, WARN_DAY = 12, 1  # from 1 December a village without this year's conference is flagged
PRESENTERS = ("village_head", "front", "ttnd")  # Art. 33(2): who reports to the conference


def households_counted(village: Village) -> int:
    """The village's households counted today (the conference snapshots this number)."""
    return Household.objects.filter(village=village, is_active=True).count()


def decided_matters(village: Village, year: int) -> QuerySet[Matter]:
    """The matters whose execution the village's conference of ``year`` reports: the village's own and
    the commune-wide matters of its commune, decided (``DECIDED``) in or before ``year``."""
    when = Q(decided_on__year__lte=year) | Q(decided_on__isnull=True, proposed_on__year__lte=year)
    where = Q(scope=Scope.VILLAGE, village=village) | Q(scope=Scope.COMMUNE, commune_id=village.commune_id)
    return Matter.objects.filter(where, when, status__in=DECIDED).order_by("decided_on", "code")


def warn_missing(today: dt.date) -> bool:
    """From 1 December, a village without this year's conference is late."""
    return (today.month, today.day) >= (WARN_MONTH, WARN_DAY)


def villages_missing(commune_id: int, year: int) -> QuerySet[Village]:
    """The active villages of the commune with no conference recorded for ``year``."""
    held = Conference.objects.filter(year=year).values("village_id")
    return Village.objects.filter(commune_id=commune_id, is_active=True).exclude(pk__in=held).order_by("code")


def villages_for(user: Any) -> QuerySet[Village]:
    """The villages whose conference ``user`` may record (their body is within the user's reach)."""
    bodies = organizations_where(user, HOLD_CONFERENCES)
    return (
        Village.objects.filter(organization__in=bodies, is_active=True)
        .select_related("commune")
        .order_by("commune__name", "code")
    )


def conferences_for(
    user: Any, *, commune_id: int | None = None, village_id: int | None = None, year: int | None = None
) -> QuerySet[Conference]:
    rows = Conference.objects.filter(village__in=villages_for(user)).select_related("village", "village__commune")
    if commune_id:
        rows = rows.filter(village__commune_id=commune_id)
    if village_id:
        rows = rows.filter(village_id=village_id)
    if year:
        rows = rows.filter(year=year)
    return rows.annotate(items_count=Count("items")).order_by("-year", "village__code")


def village_conferences(village: Village) -> QuerySet[Conference]:
    """A village's conferences, the latest first."""
    return Conference.objects.filter(village=village).order_by("-year")


def conference_get_for(*, user: Any, pk: int) -> Conference:
    """A conference the user may record or update (else NotFound: the same answer as none)."""
    row = (
        Conference.objects.filter(pk=pk, village__in=villages_for(user))
        .select_related("village", "village__commune", "village__organization")
        .first()
    )
    if row is None:
        raise NotFound("conference not found")
    return row


def conference_items(conference: Conference) -> list[ConferenceItem]:
    """The decided matters reported and their execution, in the order they were decided."""
    return list(conference.items.select_related("matter").order_by("matter__decided_on", "matter__code"))


def conference_reports(conference: Conference) -> list[Any]:
    order = {p: i for i, p in enumerate(PRESENTERS)}
    return sorted(conference.reports.all(), key=lambda r: order.get(r.presenter, 9))


@dataclass(frozen=True)
class PublicItem:
    code: str
    title: str
    status: str
    status_label: str
    note: str


@dataclass(frozen=True)
class PublicConference:
    """What anyone may read of a conference: no person's name, only the chair's title."""

    pk: int
    village_name: str
    commune_name: str
    commune_code: int
    year: int
    held_on: dt.date
    chair_title: str
    households_total: int
    present: int
    reports: list[tuple[str, str]]  # (presenter, title)
    items: list[PublicItem]

    @property
    def attendance_percent(self) -> int:
        return round(100 * self.present / self.households_total) if self.households_total else 0


def _public(c: Conference) -> PublicConference:
    from danvan.democracy.choices import VillageKind

    chair = str(
        _("Head of the village (thôn)") if c.village.kind == VillageKind.THON else _("Head of the residential group")
    )
    items = [PublicItem(i.matter.code, i.matter.title, i.status, str(i.get_status_display()), i.note)
             for i in conference_items(c)]  # fmt: skip
    reports = [(r.presenter, r.title) for r in conference_reports(c)]
    return PublicConference(c.pk, c.village.name, c.village.commune.name, c.village.commune.code, c.year, c.held_on,
                            chair, c.households_total, c.present, reports, items)  # fmt: skip


def conference_public(*, pk: int) -> PublicConference:
    c = Conference.objects.filter(pk=pk).select_related("village", "village__commune").first()
    if c is None:
        raise NotFound("conference not found")
    return _public(c)


def latest_per_village(commune_id: int) -> list[tuple[Village, PublicConference | None]]:
    """Each active village of the commune with its latest conference (or None), for the public section."""
    villages = list(Village.objects.filter(commune_id=commune_id, is_active=True).select_related("commune"))
    latest: dict[int, Conference] = {}
    for c in Conference.objects.filter(village__in=villages).select_related("village", "village__commune"):
        if c.village_id not in latest or c.year > latest[c.village_id].year:
            latest[c.village_id] = c
    return [(v, _public(latest[v.pk]) if v.pk in latest else None) for v in villages]


def figures(commune_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """This part's figures per commune (``AdministrativeUnit`` id) for ``year``, for the dashboards
    (``selectors.dashboards``). Every commune asked for is in the result; every key below is present:

    - ``villages``: active villages of the commune
    - ``conferences_held``: those villages' conferences recorded for ``year``

    "On time" is decided here, once, by this part's own rule: a conference is on time when it is held
    in its year (the service refuses any other date), so every recorded conference counts."""
    out = {commune_id: dict.fromkeys(("villages", "conferences_held"), 0) for commune_id in commune_ids}
    villages = Village.objects.filter(commune_id__in=commune_ids, is_active=True)
    for row in villages.values("commune_id").annotate(n=Count("id")):
        out[row["commune_id"]]["villages"] = row["n"]
    held = Conference.objects.filter(year=year, village__in=villages)
    for held_row in held.values("village__commune_id").annotate(n=Count("id")):
        out[held_row["village__commune_id"]]["conferences_held"] = held_row["n"]
    return out
