"""Consultations' figures per body and place, for a period (issue 19 item 5): consultations open, closed
and published, participation (people, households, channels), the share of views answered and the
summaries published on time — per consultation, summed per consulting body, per place (the province's
own level and each commune) and for the province.

Reads only. The scope is grassroots democracy's dashboards' (``democracy.selectors.dashboards``): the
bodies where the reader holds consultations' ``VIEW_DASHBOARD`` (``org.permissions.scope_filter``, the
subtree included where the role has it). A consultation counts when its consulting body is among them. A
province is shown when one of those bodies sits in it (its own bodies, a department, or a commune's); a
place outside the scope answers ``NotFound`` — the same as one that does not exist.

Every figure is defined once, here (``KEYS``, ``RATES``; docs/consultations/dashboards.md words each). A
rate whose denominator is 0 is ``None`` (shown "—"), never 0 % and never 100 %; it is rounded once, half up
to one decimal (``democracy``'s ``Rate``), so the table, the chart, the Excel file and the API agree.

The number of queries does not grow with the places or the consultations: the scope (two), the province,
the consultations (with their body, place and summary), then one aggregate query per table (participants,
comments, statements, votes, counted votes) for all of them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from danvan.consultations import permissions as cp
from danvan.consultations import rules
from danvan.consultations.enums import Answer, Channel, Moderation, ParticipantKind, Status
from danvan.consultations.models import Comment, Consultation, KeyedTally, Participant, Statement, Vote
from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.democracy.selectors.dashboards import Rate
from danvan.org import permissions as org_permissions
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization

# The first year of the law (Luật Thực hiện dân chủ ở cơ sở 2022, in force from 1 July 2023).
FIRST_YEAR = 2023

# Each channel's people: on the platform, the participants; elsewhere, the supporters of the comments
# keyed in from that channel (a show of hands or a meeting's minutes has no participant rows).
CHANNEL_KEYS = tuple(f"channel_{c.value}" for c in Channel)
STATUS_KEYS = tuple(f"status_{s.value}" for s in (Status.OPEN, Status.CLOSED, Status.PUBLISHED, Status.WITHDRAWN))

# Every count, in the order the pages and the export show them.
KEYS: tuple[str, ...] = (
    "consultations",  # took views in the period: not a draft, its period overlaps the period shown
    "opened",  # its first day in the period (not a draft)
    "closed",  # its last day in the period and now closed or published (a withdrawn one did not close)
    "published",  # its summary published in the period
    *STATUS_KEYS,  # the present status of the consultations that took views in the period
    "participants",  # participants of those consultations (one row per person or household)
    "households",  # participants who took part for a household (kind HOUSEHOLD: one per household)
    *CHANNEL_KEYS,
    "people_all_channels",  # the channels' people added up (one person on two channels counts twice)
    "comments",  # published comments (hidden, merged and pending ones are not views to answer)
    "comments_answered",  # published comments in a group whose answer is given (not PENDING)
    "comments_keyed",  # comments keyed in from another channel, published or merged
    "comments_hidden",  # hidden with a reason
    "statements",  # published statements
    "votes",  # votes cast on the platform
    "votes_counted",  # votes counted at meetings, dialogues and from ballots (agree + disagree + pass)
    "summaries_due",  # summaries whose due date falls in the period
    "summaries_on_time",  # ... published by it (rules.summary_on_time is True)
    "summaries_late",  # ... published after it (False, published)
    "summaries_overdue",  # ... past it, not published (False, not published)
)


@dataclass(frozen=True)
class RateRule:
    """A share: ``numerator`` over the sum of ``denominator`` (keys of ``KEYS``)."""

    numerator: str
    denominator: tuple[str, ...]


# Every derived rate, defined once.
RATES: dict[str, RateRule] = {
    # Of the published comments: the share in a group the authority has answered (answer ≠ PENDING).
    "views_answered": RateRule("comments_answered", ("comments",)),
    # Of the summaries judged (rules.summary_on_time True or False): the share published on time.
    "summaries_on_time": RateRule("summaries_on_time", ("summaries_on_time", "summaries_late", "summaries_overdue")),
    # Of the participants: the share who took part for a household.
    "households_share": RateRule("households", ("participants",)),
}
HEADLINE = ("views_answered", "summaries_on_time")


@dataclass(frozen=True)
class Period:
    """The days shown, both ends included."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def has(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass
class Figures:
    """The counts (``KEYS``) of one consultation, or summed over several."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KEYS, 0))

    def add(self, other: Figures) -> None:
        for key, value in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    def count(self, key: str) -> int:
        return self.counts.get(key, 0)

    def rate(self, name: str) -> Rate:
        rule = RATES[name]
        return Rate(self.count(rule.numerator), sum(self.count(key) for key in rule.denominator))

    @property
    def rates(self) -> dict[str, Rate]:
        return {name: self.rate(name) for name in RATES}

    @property
    def headline(self) -> dict[str, Rate]:
        return {name: self.rate(name) for name in HEADLINE}


def _summed(items: Iterable[Figures]) -> Figures:
    total = Figures()
    for item in items:
        total.add(item)
    return total


@dataclass
class ConsultationRow:
    consultation: Consultation
    figures: Figures


@dataclass
class BodyRow:
    organization: Organization
    consultations: list[ConsultationRow]
    figures: Figures


@dataclass
class PlaceRow:
    """A place: the province's own level (its bodies' consultations of the whole province) or a commune."""

    unit: AdministrativeUnit
    consultations: list[ConsultationRow]
    figures: Figures
    bodies: list[BodyRow] = field(default_factory=list)

    @property
    def is_province(self) -> bool:
        return self.unit.level == UnitLevel.PROVINCE


@dataclass
class ProvinceReport:
    province: AdministrativeUnit
    period: Period
    places: list[PlaceRow]
    bodies: list[BodyRow]
    total: Figures

    def place(self, level: str, code: int) -> PlaceRow:
        for row in self.places:
            if row.unit.level == level and row.unit.code == code:
                return row
        raise NotFound("place not found")


# Scope ------------------------------------------------------------------------------------------------------


def dashboard_bodies(user: Any) -> QuerySet[Organization]:
    """The active bodies of the current era whose consultations' figures ``user`` may read."""
    return Organization.objects.filter(
        org_permissions.scope_filter(user, cp.VIEW_DASHBOARD), is_active=True, unit__era=UnitEra.CURRENT
    )


def _province_id(unit: AdministrativeUnit) -> int | None:
    return unit.pk if unit.level == UnitLevel.PROVINCE else unit.province_id


def visible_provinces(user: Any) -> list[AdministrativeUnit]:
    """The provinces with at least one body ``user`` may read, by code."""
    units = dashboard_bodies(user).values_list("unit__level", "unit_id", "unit__province_id")
    found = {unit if level == UnitLevel.PROVINCE else province for level, unit, province in units}
    ids = [pk for pk in found if pk is not None]
    return list(AdministrativeUnit.objects.filter(pk__in=ids).order_by("code"))


def year_choices(today_year: int | None = None) -> list[int]:
    """The years a dashboard may show, the latest first: from the law's first year to this one."""
    last = today_year or clock.today().year
    return list(range(last, FIRST_YEAR - 1, -1))


def default_year() -> int:
    return clock.today().year


# Figures ----------------------------------------------------------------------------------------------------


def _own_figures(c: Consultation, period: Period, today: dt.date) -> tuple[Figures, bool]:
    """A consultation's figures that need no other table, and whether it took views in the period."""
    f = Figures()
    n = f.counts
    status = Status(c.status)
    took_views = status != Status.DRAFT and c.opens_on <= period.end and c.closes_on >= period.start
    if took_views:
        n["consultations"] = 1
        n[f"status_{status.value}"] = 1
    if status != Status.DRAFT and period.has(c.opens_on):
        n["opened"] = 1
    if status in (Status.CLOSED, Status.PUBLISHED) and period.has(c.closes_on):
        n["closed"] = 1
    summary = getattr(c, "summary_row", None)
    published_on = summary.published_on if summary is not None else None
    if period.has(published_on):
        n["published"] = 1
    if period.has(c.summary_due_on):
        n["summaries_due"] = 1
        on_time = rules.summary_on_time(c.summary_due_on, published_on, today)
        if on_time is True:
            n["summaries_on_time"] = 1
        elif on_time is False:
            n["summaries_late" if published_on is not None else "summaries_overdue"] = 1
    return f, took_views


def _add_participation(figures: dict[int, Figures], ids: list[int]) -> None:
    """The participation counts of the consultations ``ids``: one aggregate query per table."""
    if not ids:
        return
    platform = Channel.PLATFORM.value
    for prow in (
        Participant.objects.filter(consultation_id__in=ids)
        .values("consultation_id", "channel")
        .annotate(n=Count("id"), households=Count("id", filter=Q(kind=ParticipantKind.HOUSEHOLD.value)))
        .order_by()
    ):
        n = figures[prow["consultation_id"]].counts
        n["participants"] += prow["n"]
        n["households"] += prow["households"]
        if prow["channel"] == platform:
            n["channel_platform"] += prow["n"]
    answered = Q(group__isnull=False) & ~Q(group__answer=Answer.PENDING.value)
    for crow in (
        Comment.objects.filter(consultation_id__in=ids)
        .values("consultation_id", "channel", "status")
        .annotate(n=Count("id"), supporters=Sum("supporters"), answered=Count("id", filter=answered))
        .order_by()
    ):
        n = figures[crow["consultation_id"]].counts
        if crow["status"] == Moderation.PUBLISHED.value:
            n["comments"] += crow["n"]
            n["comments_answered"] += crow["answered"]
        elif crow["status"] == Moderation.HIDDEN.value:
            n["comments_hidden"] += crow["n"]
        keyed = crow["channel"] != platform and crow["status"] in (Moderation.PUBLISHED.value, Moderation.MERGED.value)
        if keyed:
            n["comments_keyed"] += crow["n"]
            n[f"channel_{crow['channel']}"] += crow["supporters"] or 0
    for srow in (
        Statement.objects.filter(consultation_id__in=ids, status=Moderation.PUBLISHED.value)
        .values("consultation_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        figures[srow["consultation_id"]].counts["statements"] += srow["n"]
    for vrow in (
        Vote.objects.filter(statement__consultation_id__in=ids)
        .values("statement__consultation_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        figures[vrow["statement__consultation_id"]].counts["votes"] += vrow["n"]
    for trow in (
        KeyedTally.objects.filter(statement__consultation_id__in=ids)
        .values("statement__consultation_id")
        .annotate(agree=Sum("agree"), disagree=Sum("disagree"), passed=Sum("passed"))
        .order_by()
    ):
        total = (trow["agree"] or 0) + (trow["disagree"] or 0) + (trow["passed"] or 0)
        figures[trow["statement__consultation_id"]].counts["votes_counted"] += total
    for f in figures.values():
        f.counts["people_all_channels"] = sum(f.counts[key] for key in CHANNEL_KEYS)


def consultation_figures(consultations: list[Consultation], period: Period) -> dict[int, Figures]:
    """Each consultation's figures for ``period`` (its participation only if it took views in it)."""
    today = clock.today()
    figures: dict[int, Figures] = {}
    took: list[int] = []
    for c in consultations:
        figures[c.pk], took_views = _own_figures(c, period, today)
        if took_views:
            took.append(c.pk)
    _add_participation(figures, took)
    return figures


def _relevant(period: Period) -> Q:
    """The consultations a period's figures read: they took views in it, or their summary fell due or was
    published in it."""
    window = ~Q(status=Status.DRAFT.value) & Q(opens_on__lte=period.end, closes_on__gte=period.start)
    due = Q(summary_due_on__gte=period.start, summary_due_on__lte=period.end)
    published = Q(summary_row__published_on__gte=period.start, summary_row__published_on__lte=period.end)
    return window | due | published


def province_report(user: Any, *, province_code: int, period: Period) -> ProvinceReport:
    """The consultations of the bodies ``user`` may read in the province, summed per place (the province's
    own level first, then its communes by name), per body and in all. Every place where a readable body
    sits has its row, with zeros and "—" when it consulted on nothing in the period. A province without a
    readable body answers NotFound."""
    province = AdministrativeUnit.objects.filter(
        era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=province_code
    ).first()
    if province is None:
        raise NotFound("province not found")
    bodies = [b for b in dashboard_bodies(user).select_related("unit") if _province_id(b.unit) == province.pk]
    if not bodies:
        raise NotFound("province not found")
    consultations = list(
        Consultation.objects.filter(_relevant(period), organization__in=[b.pk for b in bodies])
        .filter(Q(place=province) | Q(place__province=province))
        .select_related("organization", "place", "summary_row")
        .order_by("place_id", "-opens_on", "-id")
    )
    figures = consultation_figures(consultations, period)
    rows = [ConsultationRow(c, figures[c.pk]) for c in consultations]

    places: dict[int, AdministrativeUnit] = {}
    for body in bodies:  # a village's body stands in its commune
        if body.unit.level in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
            places[body.unit.pk] = body.unit
    for c in consultations:
        places[c.place.pk] = c.place
    by_place: dict[int, list[ConsultationRow]] = defaultdict(list)
    by_body: dict[int, list[ConsultationRow]] = defaultdict(list)
    for row in rows:
        by_place[row.consultation.place_id].append(row)
        by_body[row.consultation.organization_id].append(row)
    body_rows = {
        pk: BodyRow(items[0].consultation.organization, items, _summed(r.figures for r in items))
        for pk, items in by_body.items()
    }
    ordered = sorted(places.values(), key=lambda u: (u.level != UnitLevel.PROVINCE, u.name, u.code))
    place_rows = []
    for unit in ordered:
        items = by_place.get(unit.pk, [])
        body_ids = dict.fromkeys(r.consultation.organization_id for r in items)
        place_bodies = [
            BodyRow(body_rows[pk].organization, [r for r in items if r.consultation.organization_id == pk],
                    _summed(r.figures for r in items if r.consultation.organization_id == pk))
            for pk in body_ids
        ]  # fmt: skip
        place_rows.append(PlaceRow(unit, items, _summed(r.figures for r in items), sorted_bodies(place_bodies)))
    return ProvinceReport(
        province=province,
        period=period,
        places=place_rows,
        bodies=sorted_bodies(list(body_rows.values())),
        total=_summed(r.figures for r in rows),
    )


def sorted_bodies(rows: list[BodyRow]) -> list[BodyRow]:
    return sorted(rows, key=lambda r: (r.organization.name, r.organization.pk))


def place_report(user: Any, *, level: str, code: int, period: Period) -> tuple[ProvinceReport, PlaceRow]:
    """One place ``user`` may read (a commune by its GSO code, or a province's own level) with its bodies
    and consultations; NotFound otherwise."""
    unit = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=level, code=code).first()
    if unit is None:
        raise NotFound("place not found")
    province = unit if unit.level == UnitLevel.PROVINCE else unit.province
    if province is None:
        raise NotFound("place not found")
    report = province_report(user, province_code=province.code, period=period)
    return report, report.place(level, code)


# Sorting the places (the page's column headers) -------------------------------------------------------------

SORTS = ("name", "consultations", "participants", *HEADLINE)


def sorted_places(rows: list[PlaceRow], key: str, *, descending: bool = False) -> list[PlaceRow]:
    """The places by name (the province's own level first) or by a count or a headline rate; a place
    without the rate ("—") always last."""
    if key not in SORTS or key == "name":
        ordered = sorted(rows, key=lambda r: (r.unit.name, r.unit.code), reverse=descending)
        return [r for r in ordered if r.is_province] + [r for r in ordered if not r.is_province]
    if key in RATES:
        with_rate = [r for r in rows if r.figures.rate(key).percent is not None]
        without = [r for r in rows if r.figures.rate(key).percent is None]
        with_rate.sort(key=lambda r: (r.figures.rate(key).percent, r.figures.rate(key).denominator), reverse=descending)
        return with_rate + sorted(without, key=lambda r: (r.unit.name, r.unit.code))
    return sorted(rows, key=lambda r: (r.figures.count(key), r.unit.name), reverse=descending)
