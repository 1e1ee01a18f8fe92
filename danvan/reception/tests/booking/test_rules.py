"""The pure booking rules: the identity rule by date, where a booking goes, the code."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core import id_card
from danvan.reception import booking_rules as r
from danvan.reception import rules
from danvan.reception.enums import BookingStatus


@pytest.mark.parametrize(
    ("day", "required"),
    [(dt.date(2026, 6, 30), False), (dt.date(2026, 7, 1), True), (dt.date(2027, 1, 5), True)],
)
def test_the_id_number_is_required_for_sessions_from_1_july_2026(day: dt.date, required: bool) -> None:
    assert rules.id_number_required(day) is required
    assert rules.identity_rule_for(day).regime == ("R2026" if required else "R2014")
    assert dt.date(2026, 7, 1) == rules.IDENTITY_REQUIRED_FROM


@pytest.mark.parametrize("raw", ["046090001234", "046 090 001 234", "046.090.001.234", "c1234567", "B12345678"])
def test_an_id_card_or_passport_number_is_accepted(raw: str) -> None:
    assert id_card.id_number_problem(raw) is None


@pytest.mark.parametrize("raw", ["12345", "123456789", "0460900012345", "AB123456", "04609000123X",
                                 "003090001234"])  # fmt: skip
def test_other_numbers_are_refused(raw: str) -> None:
    assert id_card.id_number_problem(raw) is not None


def test_a_booking_is_confirmed_while_slots_are_free_then_waits_then_is_refused() -> None:
    assert r.place_for(confirmed=1, waiting=0, capacity=2) == BookingStatus.CONFIRMED
    assert r.place_for(confirmed=2, waiting=0, capacity=2) == BookingStatus.WAITING
    assert r.place_for(confirmed=2, waiting=2, capacity=2) == BookingStatus.WAITING  # at least 3 may wait
    assert r.place_for(confirmed=2, waiting=3, capacity=2) is None


def test_the_waiting_list_is_half_the_capacity_and_at_least_three() -> None:
    assert [r.waiting_list_limit(c) for c in (1, 6, 7, 10, 20)] == [3, 3, 3, 5, 10]
