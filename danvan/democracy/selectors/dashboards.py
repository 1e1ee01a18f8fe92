"""Grassroots democracy's figures per commune and up the tree (issue 16 item 6): a province, its communes
the reader may see, and each commune's figures for a year, summed from every part's own ``figures``.

Reads only. The scope is the reception compliance dashboard's approach: the bodies where the reader holds
``VIEW_DASHBOARD`` (``org.permissions.scope_filter``, the subtree included where the role has it); a
commune is visible when one of its own bodies (its People's Committee, Front committee or any other body
of the commune, not a village's) is among them. A commune or province outside that scope answers
``NotFound`` — the same as one that does not exist.

Each part decides what "on time" means, once, in its own selector (``selectors.<part>.figures``); this
module only adds them up and derives the rates, once (``RATES``). A rate whose denominator is 0 is
``None`` (shown "—"), never 0 % and never 100 %. Percentages are rounded here, half up to one decimal,
so the table, the chart, the Excel file and the API show the same number.

The number of queries does not grow with the communes: one for the scope, one for the communes, and
each part's ``figures`` once for all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.democracy import permissions as dp
from danvan.democracy.selectors import boards, conferences, decisions, disclosures, voting
from danvan.democracy.selectors.communes import VILLAGE_KINDS
from danvan.org import permissions as org_permissions
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization

# The parts, in the order the pages show them. Each module's ``figures`` is looked up when called, so a
# test (or the lead's end-to-end test) may replace it.
PARTS: dict[str, Any] = {
    "disclosures": disclosures,
    "decisions": decisions,
    "voting": voting,
    "boards": boards,
    "conferences": conferences,
}

# The first year of the law (Luật Thực hiện dân chủ ở cơ sở 2022, in force from 1 July 2023).
FIRST_YEAR = 2023


@dataclass(frozen=True)
class RateRule:
    """A share: ``numerator`` over the sum of ``denominator`` (each a (part, key) pair)."""

    numerator: tuple[str, str]
    denominator: tuple[tuple[str, str], ...]


# Every derived rate, defined once (docs/democracy/dashboards.md words each one).
RATES: dict[str, RateRule] = {
    # Of the disclosures that fell due (published on time, published late, or still unpublished past the
    # deadline): the share published on time.
    "disclosures_on_time": RateRule(
        ("disclosures", "on_time"),
        (("disclosures", "on_time"), ("disclosures", "late"), ("disclosures", "overdue_unpublished")),
    ),
    # Of the disclosures whose channels can be judged: the share posted on every channel the law requires.
    "disclosure_channels_complete": RateRule(
        ("disclosures", "channels_complete"),
        (("disclosures", "channels_complete"), ("disclosures", "channels_incomplete")),
    ),
    # Of the decisions whose recognition fell due: the share recognised on time.
    "decisions_recognised_on_time": RateRule(
        ("decisions", "recognised_on_time"),
        (("decisions", "recognised_on_time"), ("decisions", "recognised_late"), ("decisions", "recognition_overdue")),
    ),
    # Of the decisions' records that fell due: the share sent to the commune on time.
    "records_sent_on_time": RateRule(
        ("decisions", "records_sent_on_time"),
        (("decisions", "records_sent_on_time"), ("decisions", "records_sent_late"), ("decisions", "records_overdue")),
    ),
    # Of the boards' recommendations whose answer fell due: the share answered on time.
    "recommendations_answered_on_time": RateRule(
        ("boards", "answered_on_time"),
        (("boards", "answered_on_time"), ("boards", "answered_late"), ("boards", "unanswered_overdue")),
    ),
    # Of the households called to online votes: the share that voted.
    "online_turnout": RateRule(("voting", "online_households_voted"), (("voting", "online_households_total"),)),
    # Of the villages: the share that held their yearly conference.
    "conferences_held": RateRule(("conferences", "conferences_held"), (("conferences", "villages"),)),
}

# The three headline rates of the issue ("disclosures on time, decisions recognised on time, board
# recommendations answered").
HEADLINE = ("disclosures_on_time", "decisions_recognised_on_time", "recommendations_answered_on_time")

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        """The share in per cent, rounded half up to one decimal; None when the denominator is 0."""
        if self.denominator == 0:
            return None
        return (Decimal(self.numerator) * 100 / Decimal(self.denominator)).quantize(ONE_DECIMAL, ROUND_HALF_UP)

    @property
    def percent_float(self) -> float | None:
        value = self.percent
        return None if value is None else float(value)


@dataclass
class Figures:
    """Every part's counts (``parts[part][key]``) of one commune, or summed over several."""

    parts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, other: Figures) -> None:
        for part, counts in other.parts.items():
            mine = self.parts.setdefault(part, {})
            for key, value in counts.items():
                mine[key] = mine.get(key, 0) + value

    def count(self, part: str, key: str) -> int:
        return self.parts.get(part, {}).get(key, 0)

    def rate(self, name: str) -> Rate:
        rule = RATES[name]
        return Rate(self.count(*rule.numerator), sum(self.count(*pair) for pair in rule.denominator))

    @property
    def rates(self) -> dict[str, Rate]:
        return {name: self.rate(name) for name in RATES}

    @property
    def headline(self) -> dict[str, Rate]:
        return {name: self.rate(name) for name in HEADLINE}


@dataclass
class CommuneRow:
    commune: AdministrativeUnit
    figures: Figures


@dataclass
class ProvinceReport:
    province: AdministrativeUnit
    year: int
    communes: list[CommuneRow]
    total: Figures


# Scope ------------------------------------------------------------------------------------------------------


def dashboard_bodies(user: Any) -> QuerySet[Organization]:
    """The bodies whose figures ``user`` may read."""
    return Organization.objects.filter(org_permissions.scope_filter(user, dp.VIEW_DASHBOARD))


def visible_communes(user: Any) -> QuerySet[AdministrativeUnit]:
    """The current communes one of whose own bodies (not a village's) ``user`` may read, by name."""
    unit_ids = (
        dashboard_bodies(user)
        .filter(is_active=True, unit__era=UnitEra.CURRENT, unit__level=UnitLevel.COMMUNE)
        .exclude(kind__code__in=VILLAGE_KINDS)
        .values("unit_id")
    )
    return (
        AdministrativeUnit.objects.filter(pk__in=unit_ids)
        .select_related("province")
        .order_by("province__code", "name", "code")
    )


def visible_provinces(user: Any) -> list[AdministrativeUnit]:
    """The provinces with at least one commune ``user`` may see, by code."""
    ids = visible_communes(user).values("province_id")
    return list(AdministrativeUnit.objects.filter(pk__in=ids).order_by("code"))


def year_choices(today_year: int | None = None) -> list[int]:
    """The years a dashboard may show, the latest first: from the law's first year to this one."""
    last = today_year or clock.today().year
    return list(range(last, FIRST_YEAR - 1, -1))


def default_year() -> int:
    return clock.today().year


# Figures ----------------------------------------------------------------------------------------------------


def _figures(commune_ids: list[int], year: int) -> dict[int, Figures]:
    result = {pk: Figures() for pk in commune_ids}
    if not commune_ids:
        return result
    for part, module in PARTS.items():
        got: Callable[[list[int], int], dict[int, dict[str, int]]] = module.figures
        counts = got(list(commune_ids), year)
        for pk in commune_ids:
            result[pk].parts[part] = dict(counts.get(pk, {}))
    return result


def province_report(user: Any, *, province_code: int, year: int) -> ProvinceReport:
    """The province's communes that ``user`` may see, each with its figures for ``year``, and their sum.
    A province with none of them answers NotFound."""
    communes = list(visible_communes(user).filter(province__code=province_code, province__era=UnitEra.CURRENT))
    province = communes[0].province if communes else None
    if province is None:
        raise NotFound("province not found")
    figures = _figures([c.pk for c in communes], year)
    rows = [CommuneRow(c, figures[c.pk]) for c in communes]
    total = Figures()
    for row in rows:
        total.add(row.figures)
    return ProvinceReport(province=province, year=year, communes=rows, total=total)


def commune_report(user: Any, *, commune_code: int, year: int) -> CommuneRow:
    """One commune ``user`` may see with its figures for ``year``; NotFound otherwise."""
    commune = visible_communes(user).filter(code=commune_code).first()
    if commune is None:
        raise NotFound("commune not found")
    return CommuneRow(commune, _figures([commune.pk], year)[commune.pk])


# Sorting the province's rows (the page's column headers) -----------------------------------------------------

SORTS = ("name", *HEADLINE)


def sorted_rows(rows: list[CommuneRow], key: str, *, descending: bool = False) -> list[CommuneRow]:
    """The rows by commune name or by a headline rate; a commune without the rate ("—") always last."""
    if key not in SORTS or key == "name":
        return sorted(rows, key=lambda r: (r.commune.name, r.commune.code), reverse=descending)
    with_rate = [r for r in rows if r.figures.rate(key).percent is not None]
    without = [r for r in rows if r.figures.rate(key).percent is None]
    with_rate.sort(key=lambda r: (r.figures.rate(key).percent, r.figures.rate(key).denominator), reverse=descending)
    return with_rate + sorted(without, key=lambda r: (r.commune.name, r.commune.code))
