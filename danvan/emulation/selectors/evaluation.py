"""Reads of the yearly dân vận evaluation, through the permission gate: the methodology in force for a
year, the current evaluations of the units a reader may see (ranked), one evaluation with its history,
and the trend over years. A fixed number of queries whatever the number of units (the dashboard's
count is pinned in tests)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.reference_data import may_edit_reference_data
from danvan.emulation import permissions as ep
from danvan.emulation.models import EvaluationIndicator, EvaluationMethodology, UnitEvaluation
from danvan.emulation.rules.evaluation import EvaluationStatus, MethodologyStatus, cut_off, window_open
from danvan.emulation.selectors import evaluation_indicators as indicators
from danvan.org import permissions
from danvan.org.models import Organization

TREND_YEARS = 5


def methodology_for_year(year: int) -> EvaluationMethodology | None:
    """The confirmed methodology that applies to ``year``: the newest version in force by its 31 December."""
    return (
        EvaluationMethodology.objects.filter(status=MethodologyStatus.CONFIRMED, valid_from__lte=dt.date(year, 12, 31))
        .order_by("-valid_from", "-version")
        .prefetch_related(Prefetch("indicators", queryset=EvaluationIndicator.objects.order_by("sort_order", "key")))
        .first()
    )


def methodology_list() -> QuerySet[EvaluationMethodology]:
    return EvaluationMethodology.objects.prefetch_related(
        Prefetch("indicators", queryset=EvaluationIndicator.objects.order_by("sort_order", "key"))
    ).order_by("code", "-version")


def methodology_get(pk: int) -> EvaluationMethodology:
    found = methodology_list().filter(pk=pk).first()
    if found is None:
        raise NotFound("methodology not found")
    return found


@dataclass(frozen=True)
class Window:
    """When ``year`` may be evaluated: from ``opens_on`` (its methodology's opening day; None when no
    methodology applies); ``open`` on the day asked."""

    year: int
    opens_on: dt.date | None
    open: bool


def window(year: int, today: dt.date | None = None) -> Window:
    """The evaluation window of ``year`` under the methodology that applies to it (rules.window_open): the one
    place it is decided, for the run, the committee's confirmation and the dashboard alike (a proposal computed
    under an earlier version waits for the window of the version that applies now)."""
    methodology = methodology_for_year(year)
    if methodology is None:
        return Window(year, None, False)
    day = today or clock.today()
    return Window(year, methodology.opens_on(year),
                  window_open(year, day, month=methodology.opens_month, day=methodology.opens_day))  # fmt: skip


def year_choices(today: dt.date | None = None) -> list[int]:
    """The years shown: the current one (evaluated once its window opens, before that its figures to date,
    provisionally) and the ``TREND_YEARS`` before it, newest first."""
    year = (today or clock.today()).year
    return [year - n for n in range(TREND_YEARS + 1)]


def default_year(today: dt.date | None = None) -> int:
    """The current year once its window is open, else the last one."""
    day = today or clock.today()
    return day.year if window(day.year, day).open else day.year - 1


def indicator_lines(methodology: EvaluationMethodology, measured: Mapping[str, Mapping[int, Any]], pk: int) -> list[
    dict[str, Any]
]:  # fmt: skip
    """Each indicator of ``methodology`` as measured for body ``pk`` (``indicators.measure``): what a stored
    evaluation's ``lines`` keep (points filled in by the run) and what the provisional view shows."""
    lines = []
    for ind in methodology.indicators.all():
        m = measured[ind.key][pk]
        lines.append({"key": ind.key, "label": ind.label, "weight": float(ind.weight), "source": ind.source,
                      "direction": ind.direction, "figure": asdict(m.figure) if m.figure is not None else None,
                      "why": m.why, "points": None})  # fmt: skip
    return lines


@dataclass(frozen=True)
class YearToDate:
    """A unit's figures of a year not yet open to evaluation, measured now: never stored, never graded."""

    organization: Organization
    lines: list[dict[str, Any]]

    @property
    def measured(self) -> int:
        return sum(1 for line in self.lines if line["figure"] is not None)


# Indicators never shown live in the year so far, whoever reads: upheld complaints about staff going 0 → 1
# from one day to the next can point at one conduct complaint (one official) in a small body. They are
# shown in the yearly evaluation only (its figure covers the whole year, read once).
YEARLY_ONLY_KEYS = frozenset({"staff_complaints_upheld"})


def year_to_date(organizations: Sequence[Organization], *, year: int, today: dt.date | None = None) -> list[
    YearToDate
]:  # fmt: skip
    """The live figures of ``year`` for ``organizations`` (already gated: a page of ``scope(user)``) as of
    ``today`` (the cut-off), read by the same registry and providers as a run, except ``YEARLY_ONLY_KEYS``
    (not measured here, ``indicators.YEARLY_ONLY``); a fixed number of queries whatever the number of units."""
    methodology = methodology_for_year(year)
    if methodology is None or not organizations:
        return []
    ids = [o.pk for o in organizations]
    keys = [i.key for i in methodology.indicators.all() if i.key not in YEARLY_ONLY_KEYS]
    measured = indicators.measure(keys, ids, year, as_of=cut_off(year, today or clock.today()))
    hidden = {pk: indicators.Measured(None, indicators.YEARLY_ONLY) for pk in ids}
    measured.update(dict.fromkeys(YEARLY_ONLY_KEYS, hidden))
    return [YearToDate(o, indicator_lines(methodology, measured, o.pk)) for o in organizations]


def scope(user: Any, action: str = ep.VIEW_EVALUATIONS) -> QuerySet[Organization]:
    """The bodies whose evaluations ``user`` may read (or, with ``action``, run)."""
    return Organization.objects.filter(permissions.scope_filter(user, action), is_active=True).order_by("path")


def _current() -> Q:
    return ~Q(status=EvaluationStatus.SUPERSEDED)


@dataclass(frozen=True)
class Ranked:
    rank: int | None  # None: no score (too little measured)
    evaluation: UnitEvaluation


def year_ranking(user: Any, *, year: int) -> list[Ranked]:
    """The current evaluation of each unit ``user`` may read for ``year``, best score first (equal scores
    share a rank; units without a score last, unranked). One query."""
    rows = list(
        UnitEvaluation.objects.filter(permissions.scope_filter(user, ep.VIEW_EVALUATIONS, "organization"), _current(),
                                      year=year)
        .select_related("organization")
        .defer("lines")  # the indicators are read on a unit's page, not in the ranking
        .order_by("organization__path")
    )  # fmt: skip
    scored = sorted((e for e in rows if e.score is not None), key=lambda e: (-(e.score or 0), e.organization.path))
    out, rank, previous = [], 0, None
    for position, e in enumerate(scored, start=1):
        if e.score != previous:
            rank, previous = position, e.score
        out.append(Ranked(rank, e))
    out += [Ranked(None, e) for e in rows if e.score is None]
    return out


@dataclass(frozen=True)
class YearPoint:
    year: int
    mean: float | None
    units: int
    grades: dict[str, int]


def trend(user: Any, *, until: int, organization_id: int | None = None) -> list[YearPoint]:
    """The mean score (and the grades) of the units ``user`` may read, per year, the last ``TREND_YEARS``
    years up to ``until``, oldest first; one unit with ``organization_id``. One query."""
    first = until - TREND_YEARS + 1
    rows = UnitEvaluation.objects.filter(permissions.scope_filter(user, ep.VIEW_EVALUATIONS, "organization"),
                                         _current(), year__gte=first, year__lte=until)  # fmt: skip
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    scores: dict[int, list[float]] = defaultdict(list)
    grades: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counts: dict[int, int] = defaultdict(int)
    for year, score, grade, proposed in rows.values_list("year", "score", "grade", "proposed_grade"):
        counts[year] += 1
        if score is not None:
            scores[year].append(score)
        shown = grade or proposed
        if shown:
            grades[year][shown] += 1
    return [
        YearPoint(y, round(sum(scores[y]) / len(scores[y]), 1) if scores[y] else None, counts[y], dict(grades[y]))
        for y in range(first, until + 1)
    ]


def evaluation_get_for(*, user: Any, pk: int) -> UnitEvaluation:
    """One evaluation (any version) ``user`` may read; NotFound alike when missing or outside the scope."""
    found = (
        UnitEvaluation.objects.filter(permissions.scope_filter(user, ep.VIEW_EVALUATIONS, "organization"), pk=pk)
        .select_related("organization__parent", "methodology", "confirmed_by")
        .first()
    )
    if found is None:
        raise NotFound("evaluation not found")
    return found


def evaluation_history(evaluation: UnitEvaluation) -> list[UnitEvaluation]:
    """Every version of the unit's evaluation of that year, newest first."""
    return list(
        UnitEvaluation.objects.filter(organization_id=evaluation.organization_id, year=evaluation.year)
        .select_related("confirmed_by")
        .order_by("-version")
    )


def evaluation_current(organization_id: int, year: int) -> UnitEvaluation | None:
    """The newest version of a unit's evaluation of ``year`` (for the services; not gated)."""
    return UnitEvaluation.objects.filter(organization_id=organization_id, year=year).order_by("-version").first()


def evaluating_level(organization: Organization) -> Organization | None:
    """The body whose committee confirms ``organization``'s grade: the one directly above it. None for a
    top-level body: its evaluation is confirmed outside the platform, by the level above it, which the tree
    does not hold — never by the body itself."""
    return organization.parent


def may_confirm(user: Any, evaluation: UnitEvaluation) -> bool:
    """May ``user`` confirm or change this version? Only the current version (not SUPERSEDED) of a unit that
    has an evaluating level, by a holder of the confirm right on that level (the unit's parent)."""
    level = evaluating_level(evaluation.organization)
    return (
        evaluation.status != EvaluationStatus.SUPERSEDED
        and level is not None
        and permissions.user_may(user, ep.CONFIRM_EVALUATION, level)
    )


def may_run(user: Any) -> bool:
    return permissions.user_may(user, ep.RUN_EVALUATION)


def may_view(user: Any) -> bool:
    return permissions.user_may(user, ep.VIEW_EVALUATIONS)


def may_manage_methodology(user: Any) -> bool:
    return may_edit_reference_data(user, ep.MANAGE_METHODOLOGY)  # a national rule table (core.reference_data)


def organizations_for_run(user: Any, ids: list[int] | None = None) -> list[Organization]:
    """The bodies ``user`` may run the evaluation for (all of them, or those of ``ids``)."""
    rows = scope(user, ep.RUN_EVALUATION)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return list(rows)
