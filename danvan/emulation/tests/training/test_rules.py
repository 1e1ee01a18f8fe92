"""Training's pure rules: completion, seats, trained-for-the-year, the coverage share, initials, numbers."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from danvan.emulation.rules import training as rules

ids = st.sets(st.integers(min_value=1, max_value=50), max_size=10)


def test_completion_needs_every_required_session_and_at_least_one():
    assert rules.course_completed(required_sessions={1, 2}, attended_sessions={1, 2, 3})
    assert not rules.course_completed(required_sessions={1, 2}, attended_sessions={1, 3})
    assert not rules.course_completed(required_sessions=set(), attended_sessions={1})


@given(required=ids, attended=ids)
def test_completion_is_inclusion(required, attended):
    assert rules.course_completed(required_sessions=required, attended_sessions=attended) == (
        bool(required) and required <= attended
    )


def test_the_smallest_session_decides_the_seats():
    assert rules.seats_left(capacities=[30, 20, 25], enrolled=19) == 1
    assert rules.seats_left(capacities=[30, 20], enrolled=20) == 0
    assert rules.seats_left(capacities=[], enrolled=5) is None


@given(capacities=st.lists(st.integers(min_value=1, max_value=100), min_size=1), enrolled=st.integers(0, 200))
def test_seats_left_is_never_negative_nor_more_than_the_smallest(capacities, enrolled):
    left = rules.seats_left(capacities=capacities, enrolled=enrolled)
    assert left is not None and 0 <= left <= min(capacities)
    assert left == max(min(capacities) - enrolled, 0)


def test_trained_means_certified_in_every_required_topic():
    assert rules.is_trained(required_topics={1}, certified_topics={1, 2})
    assert not rules.is_trained(required_topics={1, 2}, certified_topics={1})
    assert not rules.is_trained(required_topics=set(), certified_topics={1})


def test_a_unit_with_nobody_to_train_has_no_share_rather_than_zero():
    assert rules.Coverage(0, 0).share is None and rules.Coverage(0, 0).percent is None
    assert rules.Coverage(3, 1).percent == 33.3
    assert rules.Coverage(4, 4).share == 1


@given(parts=st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=1))
def test_coverage_adds_up_and_its_share_stays_between_zero_and_one(parts):
    figures = [rules.Coverage(a + b, a) for a, b in parts]
    total = sum(figures[1:], figures[0])
    assert total.required == sum(f.required for f in figures)
    assert total.trained + total.not_trained == total.required
    if total.required:
        assert total.share == Fraction(total.trained, total.required)
        assert 0 <= total.share <= 1


def test_a_requirement_counts_for_a_year_it_touches():
    assert rules.requirement_in_force(year=2026, valid_from=dt.date(2026, 12, 31), valid_to=None)
    assert rules.requirement_in_force(year=2026, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2026, 1, 1))
    assert not rules.requirement_in_force(year=2026, valid_from=dt.date(2027, 1, 1), valid_to=None)
    assert not rules.requirement_in_force(year=2026, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2025, 12, 31))


def test_the_public_sees_initials_only():
    assert rules.initials("Nguyễn Văn Hùng") == "N. V. H."
    assert rules.initials("Đỗ Thị Ấu") == "Đ. T. A."
    assert rules.initials("  lê   anh ") == "L. A."


def test_the_number_has_its_shape_and_typed_numbers_are_normalised():
    assert rules.certificate_number(year=2026, token="AB23CD45") == "DT-2026-AB23CD45"
    assert rules.normalize_number(" dt-2026-ab23 cd45 ") == "DT-2026-AB23CD45"
    assert not set("01IOL") & set(rules.NUMBER_ALPHABET)
