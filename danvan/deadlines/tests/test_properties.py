"""Properties that must hold for every date, period and calendar (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from danvan.deadlines.calendar import Override, OverrideKind, WorkingCalendar
from danvan.deadlines.engine import deadline_for
from danvan.deadlines.rules import Confidence, Kind, Modifiers, Pause, Regime, Rule, RuleBook, Unit

PACKAGE = WorkingCalendar()
DAY_UNITS = st.sampled_from([Unit.CALENDAR_DAY, Unit.WORKING_DAY])
# 2024–2028: announced years, the 2026 working Saturday, 24/11 from 2026, and estimated years.
DATES = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 6, 30))
PERIODS = st.integers(min_value=0, max_value=90)


def _book(period: int, unit: Unit) -> RuleBook:
    rule = Rule(
        procedure="p", step="s", regime=Regime.R2014, label="", kind=Kind.WITHIN, period=period, unit=unit,
        trigger="ngày nhận", legal_basis="Điều 1", source="", confidence=Confidence.VERIFIED,
    )  # fmt: skip
    return RuleBook([rule])


def _due(calendar: WorkingCalendar, start: dt.date, period: int, unit: Unit, pauses=()) -> dt.date:
    deadline = deadline_for(
        "p", "s", start, Modifiers(), pauses, rules=_book(period, unit), calendar=calendar, regime=Regime.R2014
    )
    assert deadline.due_on is not None
    return deadline.due_on


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    days = draw(st.lists(DATES, max_size=12, unique=True))
    kinds = draw(st.lists(st.sampled_from(list(OverrideKind)), min_size=len(days), max_size=len(days)))
    return WorkingCalendar([Override(day, kind, "") for day, kind in zip(days, kinds, strict=True)])


@settings(max_examples=300, deadline=None)
@given(calendar=calendars(), start=DATES, period=PERIODS, unit=DAY_UNITS)
def test_the_deadline_is_a_working_day_and_never_before_the_start(calendar, start, period, unit):
    due_on = _due(calendar, start, period, unit)
    assert calendar.is_working_day(due_on)
    assert due_on >= start
    if period > 0:
        assert due_on > start


@settings(max_examples=300, deadline=None)
@given(start=DATES, period=st.integers(min_value=0, max_value=89), unit=DAY_UNITS)
def test_the_deadline_grows_with_the_period(start, period, unit):
    shorter = _due(PACKAGE, start, period, unit)
    longer = _due(PACKAGE, start, period + 1, unit)
    assert longer >= shorter
    if unit is Unit.WORKING_DAY and period >= 1:
        # (A zero period from a day off and one working day both end on the next working day.)
        assert longer > shorter


@settings(max_examples=300, deadline=None)
@given(start=DATES, period=st.integers(min_value=1, max_value=60), offset=st.integers(min_value=0, max_value=59),
       length=st.integers(min_value=0, max_value=30))  # fmt: skip
def test_a_pause_of_n_working_days_moves_a_working_day_deadline_by_n_working_days(start, period, offset, length):
    unpaused = _due(PACKAGE, start, period, Unit.WORKING_DAY)
    # Suspension and resumption are decisions, taken on working days, before the deadline.
    suspended_on = PACKAGE.add_working_days(PACKAGE.on_or_after(start), offset)
    assume(suspended_on < unpaused)
    resumed_on = PACKAGE.add_working_days(suspended_on, length)
    paused = _due(PACKAGE, start, period, Unit.WORKING_DAY, [Pause(suspended_on, resumed_on)])
    assert PACKAGE.working_days_between(suspended_on, resumed_on) == length
    assert paused == PACKAGE.add_working_days(unpaused, length)


@settings(max_examples=300, deadline=None)
@given(start=DATES, period=st.integers(min_value=1, max_value=60), offset=st.integers(min_value=0, max_value=59),
       length=st.integers(min_value=0, max_value=30))  # fmt: skip
def test_a_pause_of_n_days_moves_the_last_calendar_day_by_n_days(start, period, offset, length):
    suspended_on = start + dt.timedelta(days=offset)
    assume(offset < period)
    resumed_on = suspended_on + dt.timedelta(days=length)
    book = _book(period, Unit.CALENDAR_DAY)
    plain = deadline_for("p", "s", start, rules=book, calendar=PACKAGE, regime=Regime.R2014)
    paused = deadline_for("p", "s", start, Modifiers(), [Pause(suspended_on, resumed_on)], rules=book,
                          calendar=PACKAGE, regime=Regime.R2014)  # fmt: skip
    assert plain.due_on is not None and paused.due_on is not None
    assert PACKAGE.on_or_after(start + dt.timedelta(days=period + length)) == paused.due_on
    assert paused.due_on >= plain.due_on


@settings(max_examples=200, deadline=None)
@given(start=DATES, count=st.integers(min_value=0, max_value=80))
def test_adding_working_days_and_counting_them_agree(start, count):
    end = PACKAGE.add_working_days(start, count)
    assert PACKAGE.working_days_between(start, end) == count
    assert PACKAGE.add_working_days(end, -count) == PACKAGE.on_or_before(start) or count == 0


@settings(max_examples=200, deadline=None)
@given(start=DATES, period=st.integers(min_value=1, max_value=90), unit=DAY_UNITS)
def test_the_reminder_falls_between_the_start_and_the_deadline(start, period, unit):
    deadline = deadline_for("p", "s", start, rules=_book(period, unit), calendar=PACKAGE, regime=Regime.R2014)
    assert deadline.warn_on is not None and deadline.due_on is not None
    assert start <= deadline.warn_on <= deadline.due_on
