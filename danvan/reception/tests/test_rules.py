"""The pure schedule and crowd rules against the seeded table (spec §3.1, §3.4)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from danvan.reception.enums import HeadKind, Level
from danvan.reception.rules import (
    compliance,
    frequency_for,
    mondays_in_month,
    representatives_allowed,
    session_counts,
    sessions_required,
)
from danvan.reception.schedule_seed import ROWS


def test_a_week_belongs_to_the_month_of_its_monday() -> None:
    # June 2026 starts on a Monday and has five Mondays; May 2026 has four (4, 11, 18, 25).
    assert mondays_in_month(dt.date(2026, 6, 17))[0] == dt.date(2026, 6, 1)
    assert len(mondays_in_month(dt.date(2026, 6, 1))) == 5
    assert [d.day for d in mondays_in_month(dt.date(2026, 5, 1))] == [4, 11, 18, 25]


@pytest.mark.parametrize(
    ("month", "required"),
    [
        (dt.date(2026, 5, 1), 4),  # R2014 reading: one day a week, four Mondays
        (dt.date(2026, 6, 1), 5),  # the last month of the weekly rule: five Mondays
        (dt.date(2026, 7, 1), 2),  # from 1/7/2026 (Luật 136/2025): two days a month
        (dt.date(2026, 12, 1), 2),
    ],
)
def test_a_commune_chair_owes_a_day_a_week_then_two_a_month(month: dt.date, required: int) -> None:
    assert sessions_required(ROWS, HeadKind.UBND_CHAIR, Level.COMMUNE, month) == required


def test_a_province_chair_owes_one_a_month_in_both_regimes() -> None:
    for month in (dt.date(2025, 1, 1), dt.date(2026, 12, 1)):
        assert sessions_required(ROWS, HeadKind.UBND_CHAIR, Level.PROVINCE, month) == 1


def test_the_district_tier_owes_nothing_after_it_was_abolished() -> None:
    assert sessions_required(ROWS, HeadKind.UBND_CHAIR, Level.DISTRICT, dt.date(2025, 6, 1)) == 2
    assert sessions_required(ROWS, HeadKind.UBND_CHAIR, Level.DISTRICT, dt.date(2025, 7, 1)) == 0


def test_an_agency_head_row_for_any_level_applies_to_each_level() -> None:
    assert sessions_required(ROWS, HeadKind.AGENCY_HEAD, Level.PROVINCE, dt.date(2026, 3, 1)) == 1
    assert sessions_required(ROWS, HeadKind.AGENCY_HEAD, Level.COMMUNE, dt.date(2026, 8, 1)) == 1


def test_a_deputy_stands_in_before_2026_but_not_after() -> None:
    before = frequency_for(ROWS, HeadKind.UBND_CHAIR, Level.COMMUNE, dt.date(2026, 6, 30))
    after = frequency_for(ROWS, HeadKind.UBND_CHAIR, Level.COMMUNE, dt.date(2026, 7, 1))
    assert session_counts(held_by_head=False, rule=before) is True
    assert session_counts(held_by_head=False, rule=after) is False
    assert session_counts(held_by_head=True, rule=after) is True


def test_compliance_is_a_ratio_and_none_when_nothing_was_owed() -> None:
    assert compliance(3, 4) == Fraction(3, 4)
    assert compliance(0, 0) is None


@pytest.mark.parametrize(
    ("size", "allowed"), [(1, None), (4, None), (5, (1, 2)), (10, (1, 2)), (11, (1, 5)), (300, (1, 5))]
)
def test_a_crowd_chooses_representatives_by_its_size(size: int, allowed: tuple[int, int] | None) -> None:
    assert representatives_allowed(size) == allowed
