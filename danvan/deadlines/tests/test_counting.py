"""BLDS 2015, Điều 147–148: the event day is not counted; a last day off moves to the next working day."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.deadlines.counting import PauseError, count_at_least, count_before, count_within
from danvan.deadlines.rules import Pause, Unit

D = dt.date
DAYS, WORKING = Unit.CALENDAR_DAY, Unit.WORKING_DAY


@pytest.mark.parametrize(
    ("start", "period", "unit", "last_day", "due_on"),
    [
        (D(2026, 2, 5), 30, DAYS, D(2026, 3, 7), D(2026, 3, 9)),  # Saturday → Monday
        (D(2026, 2, 10), 30, DAYS, D(2026, 3, 12), D(2026, 3, 12)),  # a Thursday: no move
        (D(2026, 1, 20), 30, DAYS, D(2026, 2, 19), D(2026, 2, 23)),  # inside Tết 2026
        (D(2027, 1, 6), 30, DAYS, D(2027, 2, 5), D(2027, 2, 11)),  # inside Tết 2027 (estimated)
        (D(2026, 3, 31), 30, DAYS, D(2026, 4, 30), D(2026, 5, 4)),  # 30/4, 1/5, weekend
        (D(2026, 8, 3), 30, DAYS, D(2026, 9, 2), D(2026, 9, 3)),  # Quốc khánh
        (D(2026, 7, 23), 30, DAYS, D(2026, 8, 22), D(2026, 8, 22)),  # a working Saturday stays
        (D(2026, 12, 1), 30, DAYS, D(2026, 12, 31), D(2026, 12, 31)),  # year end, a Thursday
        (D(2026, 12, 2), 30, DAYS, D(2027, 1, 1), D(2027, 1, 4)),  # New Year's Day, then a weekend
        (D(2026, 1, 31), 28, DAYS, D(2026, 2, 28), D(2026, 3, 2)),  # month end on a Saturday
        (D(2026, 4, 24), 10, WORKING, D(2026, 5, 13), D(2026, 5, 13)),
        (D(2026, 8, 17), 7, WORKING, D(2026, 8, 25), D(2026, 8, 25)),
        (D(2026, 2, 14), 1, WORKING, D(2026, 2, 23), D(2026, 2, 23)),  # event on a weekend
        (D(2026, 3, 7), 0, DAYS, D(2026, 3, 7), D(2026, 3, 9)),
    ],
)
def test_count_within(calendar, start, period, unit, last_day, due_on):
    counted = count_within(calendar, start, period, unit)
    assert (counted.last_day, counted.due_on) == (last_day, due_on)
    assert counted.rolled_over is (last_day != due_on)


def test_a_suspension_does_not_count_the_days_after_it_up_to_the_resumption(calendar):
    # 5 days in (10/02, 15/02] are not counted: 05/02 + 35 days = 12/03/2026 (Thursday).
    counted = count_within(calendar, D(2026, 2, 5), 30, DAYS, [Pause(D(2026, 2, 10), D(2026, 2, 15))])
    assert counted.due_on == D(2026, 3, 12)
    assert [(p.excluded, p.after_expiry) for p in counted.pauses] == [(5, False)]


def test_a_working_day_suspension_moves_the_deadline_by_its_working_days(calendar):
    plain = count_within(calendar, D(2026, 8, 3), 7, WORKING)
    assert plain.due_on == D(2026, 8, 12)
    paused = count_within(calendar, D(2026, 8, 3), 7, WORKING, [Pause(D(2026, 8, 5), D(2026, 8, 10))])
    # Working days 06, 07 and 10/08 are not counted: 12/08 moves by three working days.
    assert paused.due_on == D(2026, 8, 17)
    assert paused.pauses[0].excluded == 3


def test_two_suspensions_add_up(calendar):
    counted = count_within(
        calendar,
        D(2026, 2, 5),
        30,
        DAYS,
        [Pause(D(2026, 2, 25), D(2026, 2, 27)), Pause(D(2026, 2, 10), D(2026, 2, 15))],
    )
    # 05/02 + 30 + 5 + 2 = 14/03/2026, a Saturday: the period ends on Monday 16/03.
    assert counted.last_day == D(2026, 3, 14)
    assert counted.due_on == D(2026, 3, 16)


def test_an_open_suspension_stops_the_clock_and_reports_what_is_left(calendar):
    counted = count_within(calendar, D(2026, 2, 5), 30, DAYS, [Pause(D(2026, 2, 10))])
    assert counted.due_on is None and counted.last_day is None
    assert (counted.paused_since, counted.remaining) == (D(2026, 2, 10), 25)


def test_a_suspension_after_expiry_does_not_revive_the_deadline(calendar):
    counted = count_within(calendar, D(2026, 2, 5), 30, DAYS, [Pause(D(2026, 3, 10), D(2026, 3, 20))])
    assert counted.due_on == D(2026, 3, 9)
    assert counted.pauses[0].after_expiry


@pytest.mark.parametrize(
    "pauses",
    [
        [Pause(D(2026, 2, 1), D(2026, 2, 8))],  # before the clock starts
        [Pause(D(2026, 2, 10), D(2026, 2, 20)), Pause(D(2026, 2, 15), D(2026, 2, 25))],  # overlapping
    ],
)
def test_impossible_suspensions_are_refused(calendar, pauses):
    with pytest.raises(PauseError):
        count_within(calendar, D(2026, 2, 5), 30, DAYS, pauses)


def test_a_resumption_before_the_suspension_is_refused():
    with pytest.raises(ValueError, match="cannot end before"):
        Pause(D(2026, 2, 10), D(2026, 2, 9))


def test_a_minimum_duration_is_never_moved(calendar):
    # Posting for at least 15 days from 20/02/2026: keep it up to the end of Saturday 07/03/2026.
    counted = count_at_least(calendar, D(2026, 2, 20), 15, DAYS)
    assert counted.due_on == D(2026, 3, 7)
    assert not counted.rolled_over


@pytest.mark.parametrize(
    ("event_on", "period", "unit", "latest"),
    [
        (D(2026, 5, 4), 3, WORKING, D(2026, 4, 24)),  # back across 1/5, 30/4 and 27/4
        (D(2026, 9, 7), 5, DAYS, D(2026, 8, 28)),  # 02/09 is a holiday: back to Friday 28/08
        (D(2026, 9, 10), 5, DAYS, D(2026, 9, 4)),  # 05/09 is a Saturday: back to Friday
        (D(2026, 3, 12), 2, DAYS, D(2026, 3, 10)),
    ],
)
def test_notice_before_an_event_moves_back_to_a_working_day(calendar, event_on, period, unit, latest):
    assert count_before(calendar, event_on, period, unit).due_on == latest
