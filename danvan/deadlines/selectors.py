"""Reading the deadline data, and the one function the rest of the project calls: ``deadline_compute``.

The rule table and the calendar are not citizens' data, so there is no access gate here; the
screens that show them check who is asking (``views``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from danvan.deadlines.calendar import DayInfo, WorkingCalendar
from danvan.deadlines.engine import Deadline, deadline_for
from danvan.deadlines.models import CalendarOverride, CalendarYear, DeadlineRule
from danvan.deadlines.rules import Modifiers, Pause, Reading, Regime, RuleBook
from danvan.deadlines.rules_seed import PROCEDURES


@dataclass(frozen=True)
class DeadlineContext:
    """The rules and the calendar as they stand in the database, loaded once for many computations."""

    rules: RuleBook
    calendar: WorkingCalendar


def rule_book_load() -> RuleBook:
    """Every rule row, as the pure core's ``RuleBook`` (one query)."""
    return RuleBook(row.to_rule() for row in DeadlineRule.objects.all())


def working_calendar_load() -> WorkingCalendar:
    """The calendar with every operator override and announced year (two queries)."""
    overrides = [row.to_override() for row in CalendarOverride.objects.all()]
    announced = CalendarYear.objects.values_list("year", flat=True)
    return WorkingCalendar(overrides, announced_years=list(announced))


def deadline_context_load() -> DeadlineContext:
    """Load once, then pass as ``context`` to ``deadline_compute`` when computing many deadlines."""
    return DeadlineContext(rules=rule_book_load(), calendar=working_calendar_load())


def deadline_compute(
    *,
    procedure: str,
    step: str,
    started_on: dt.date,
    modifiers: Modifiers | None = None,
    pauses: Iterable[Pause] = (),
    regime: Regime | None = None,
    transferred_on: dt.date | None = None,
    reading: Reading | None = None,
    context: DeadlineContext | None = None,
) -> Deadline:
    """The legal deadline of one step of one case, with its explanation; see ``engine.deadline_for``.

    Raises ``RuleNotFound`` or ``DeadlineError`` (both ``DomainError``) when no date can be given.
    """
    context = context or deadline_context_load()
    return deadline_for(
        procedure,
        step,
        started_on,
        modifiers,
        pauses,
        rules=context.rules,
        calendar=context.calendar,
        regime=regime,
        transferred_on=transferred_on,
        reading=reading,
    )


def rule_list_by_procedure() -> list[tuple[str, list[DeadlineRule]]]:
    """Every rule row, grouped by procedure (in the order of ``rules_seed.PROCEDURES``), for the
    rules screen. One query."""
    order = {procedure: index for index, procedure in enumerate(PROCEDURES)}
    rows = sorted(DeadlineRule.objects.all(), key=lambda row: (order.get(row.procedure, len(order)), row.pk))
    return [(procedure, list(group)) for procedure, group in groupby(rows, key=lambda row: row.procedure)]


@dataclass(frozen=True)
class CalendarYearView:
    """What the calendar screen shows for one year."""

    year: int
    estimated: bool
    announcement: str
    days: list[DayInfo]
    overrides: list[CalendarOverride]
    working_days: int


def calendar_year_view(year: int) -> CalendarYearView:
    calendar = working_calendar_load()
    announced = CalendarYear.objects.filter(year=year).first()
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return CalendarYearView(
        year=year,
        estimated=calendar.is_estimated(year),
        announcement=announced.announcement if announced else "",
        days=calendar.notable_days(year),
        overrides=list(CalendarOverride.objects.filter(on__year=year)),
        working_days=calendar.working_days_between(first - dt.timedelta(days=1), last),
    )
