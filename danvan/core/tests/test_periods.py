"""Reporting periods: one encoding, read back exactly; their ends, labels and neighbours (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core import periods
from danvan.core.periods import Period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2026", "year", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026"),
        ("2026-Q1", "quarter", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "Q1/2026"),
        ("2026-Q4", "quarter", dt.date(2026, 10, 1), dt.date(2026, 12, 31), "Q4/2026"),
        ("2026-02", "month", dt.date(2026, 2, 1), dt.date(2026, 2, 28), "02/2026"),
        ("2028-02", "month", dt.date(2028, 2, 1), dt.date(2028, 2, 29), "02/2028"),
        ("2026-12", "month", dt.date(2026, 12, 1), dt.date(2026, 12, 31), "12/2026"),
    ],
)
def test_a_period_reads_back_as_it_is_written(text, kind, start, end, label):
    period = periods.parse(text)
    assert period == Period(kind, start)
    assert (str(period), period.end, period.label) == (text, end, label)


def test_a_lower_case_quarter_and_blanks_around_are_read():
    assert periods.parse(" 2026-q3 ") == Period("quarter", dt.date(2026, 7, 1))
    assert str(periods.parse("2026-q3")) == "2026-Q3"


@pytest.mark.parametrize(
    "text",
    ["", " ", "26", "20261", "0999", "3000", "2026-Q0", "2026-Q5", "2026-00", "2026-13", "2026-2", "2026-002",
     "2026-H1", "2026/02", "02/2026", "Q1/2026", "2026-Q1-02", "２０２６", "2０26", "2026-\n02", "<b>"],
)  # fmt: skip
def test_anything_else_is_not_a_period(text):
    assert periods.parse(text) is None


def test_a_period_must_start_on_its_first_day_and_be_of_a_known_kind():
    with pytest.raises(ValueError):
        Period("quarter", dt.date(2026, 2, 1))
    with pytest.raises(ValueError):
        Period("week", dt.date(2026, 2, 2))


def test_the_period_holding_a_day_its_neighbours_and_the_periods_between():
    assert Period.holding("quarter", dt.date(2026, 5, 31)) == Period("quarter", dt.date(2026, 4, 1))
    assert Period("month", dt.date(2026, 1, 1)).previous() == Period("month", dt.date(2025, 12, 1))
    assert Period("quarter", dt.date(2026, 10, 1)).following() == Period("quarter", dt.date(2027, 1, 1))
    assert [str(p) for p in periods.between("quarter", dt.date(2025, 12, 5), dt.date(2026, 4, 1))] == [
        "2025-Q4", "2026-Q1", "2026-Q2",
    ]  # fmt: skip
    assert periods.between("month", dt.date(2026, 3, 1), dt.date(2026, 2, 1)) == []


def test_a_period_of_another_kind_narrows_to_today_or_to_its_last_part():
    today = dt.date(2026, 2, 5)
    year = Period("year", dt.date(2026, 1, 1))
    assert year.narrowed("month", today) == Period("month", dt.date(2026, 2, 1))  # holds today
    assert Period("year", dt.date(2025, 1, 1)).narrowed("quarter", today) == Period("quarter", dt.date(2025, 10, 1))
    assert year.narrowed("year", today) is year
