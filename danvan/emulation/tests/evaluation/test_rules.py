"""The evaluation's pure arithmetic: points, score, grade (hypothesis where it is arithmetic)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.emulation.rules.evaluation import (
    Direction,
    Grade,
    IndicatorSpec,
    grade_for,
    opening_problems,
    points,
    score,
    validate_thresholds,
    window_open,
    window_opens,
)

# No deadline: a busy shared machine must not turn a slow example into a failure.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
STEPS = ((50.0, 40.0), (70.0, 60.0), (85.0, 80.0), (95.0, 100.0))
MINIMUMS = {"xuat_sac": 90, "tot": 75, "hoan_thanh": 50}
figures = st.floats(min_value=-1000, max_value=1000, allow_nan=False)
steps = st.lists(st.tuples(st.floats(-100, 200, allow_nan=False), st.floats(0, 100, allow_nan=False)), min_size=1,
                 max_size=6).map(tuple)  # fmt: skip


def spec(key: str = "k", direction: Direction = Direction.HIGHER, weight: float = 1.0, thresholds=STEPS):
    return IndicatorSpec(key, direction, weight, thresholds)


def test_points_take_the_highest_step_reached():
    assert points(spec(), 49.9) == 0
    assert points(spec(), 50) == 40
    assert points(spec(), 84.9) == 60
    assert points(spec(), 95) == 100
    lower = spec(direction=Direction.LOWER, thresholds=((0.0, 100.0), (1.0, 70.0), (3.0, 40.0)))
    assert [points(lower, v) for v in (0, 1, 2, 3, 4)] == [100, 70, 40, 40, 0]


@SETTINGS
@given(steps, figures, figures)
def test_points_are_monotone_in_the_figure(thresholds, a, b):
    low, high = min(a, b), max(a, b)
    assert points(spec(thresholds=thresholds), low) <= points(spec(thresholds=thresholds), high)
    down = spec(direction=Direction.LOWER, thresholds=thresholds)
    assert points(down, low) >= points(down, high)


@SETTINGS
@given(steps, figures)
def test_points_stay_within_bounds(thresholds, value):
    for direction in Direction:
        assert 0 <= points(spec(direction=direction, thresholds=thresholds), value) <= 100


@SETTINGS
@given(st.lists(st.tuples(st.floats(0.1, 10), st.one_of(st.none(), figures)), min_size=1, max_size=8))
def test_the_score_is_a_weighted_mean_of_the_measured_within_bounds(rows):
    specs = [spec(f"k{i}", weight=w) for i, (w, _v) in enumerate(rows)]
    values = {f"k{i}": v for i, (_w, v) in enumerate(rows)}
    result = score(specs, values, min_measured_share=0.0)
    measured = [(w, points(specs[i], v)) for i, (w, v) in enumerate(rows) if v is not None]
    if not measured:
        assert result.score is None
        return
    assert result.score is not None
    assert 0 <= result.score <= 100 + 1e-9
    expected = sum(w * p for w, p in measured) / sum(w for w, _p in measured)
    assert abs(result.score - expected) < 1e-6


@SETTINGS
@given(st.floats(0.1, 10), figures, st.floats(0.1, 10))
def test_a_not_measured_indicator_leaves_the_weights_and_is_never_zero(weight, value, other_weight):
    alone = score([spec("a", weight=weight)], {"a": value}, min_measured_share=0.0)
    with_missing = score([spec("a", weight=weight), spec("b", weight=other_weight)], {"a": value, "b": None},
                         min_measured_share=0.0)  # fmt: skip
    assert with_missing.score == alone.score
    as_zero = score([spec("a", weight=weight), spec("b", weight=other_weight)], {"a": value, "b": -1e9},
                    min_measured_share=0.0)  # fmt: skip
    assert as_zero.score is not None and alone.score is not None
    assert as_zero.score <= alone.score


def test_too_little_measured_proposes_nothing():
    specs = [spec("a", weight=1), spec("b", weight=3)]
    assert score(specs, {"a": 99, "b": None}, min_measured_share=0.5).score is None
    assert score(specs, {"a": None, "b": 99}, min_measured_share=0.5).score == 100
    assert score(specs, {"a": 99, "b": None}, min_measured_share=0.5).measured_share == 0.25


def test_grades_follow_the_minimums_best_first():
    assert grade_for(None, MINIMUMS) is None
    assert grade_for(90, MINIMUMS) is Grade.XUAT_SAC
    assert grade_for(89.99, MINIMUMS) is Grade.TOT
    assert grade_for(50, MINIMUMS) is Grade.HOAN_THANH
    assert grade_for(49.9, MINIMUMS) is Grade.KHONG_HOAN_THANH


@SETTINGS
@given(st.floats(0, 100), st.floats(0, 100))
def test_a_higher_score_never_proposes_a_lower_grade(a, b):
    order = list(Grade)
    low, high = min(a, b), max(a, b)
    assert order.index(grade_for(high, MINIMUMS)) <= order.index(grade_for(low, MINIMUMS))


def test_steps_are_checked():
    assert validate_thresholds([[50, 40]]) == []
    assert validate_thresholds([]) == ["no_steps"]
    assert validate_thresholds([[50, 140]]) == ["points_out_of_range"]


def test_a_year_opens_on_its_opening_day_of_that_year():
    december = {"month": 12, "day": 1}
    assert window_opens(2026, **december) == dt.date(2026, 12, 1)
    assert not window_open(2026, dt.date(2026, 11, 30), **december)
    assert window_open(2026, dt.date(2026, 12, 1), **december)
    assert window_open(2025, dt.date(2026, 2, 5), **december)  # a year that is over: open
    assert not window_open(2027, dt.date(2026, 12, 31), **december)  # a later year: not yet
    assert not window_open(2026, dt.date(2026, 12, 14), month=12, day=15)
    assert window_open(2026, dt.date(2026, 12, 15), month=12, day=15)


def test_an_opening_day_must_exist_every_year():
    assert opening_problems(12, 1) == [] and opening_problems(2, 28) == []
    assert opening_problems(2, 29) == ["bad_day"]  # not in three years of four
    assert opening_problems(4, 31) == ["bad_day"] and opening_problems(12, 0) == ["bad_day"]
    assert opening_problems(13, 1) == ["bad_month"] and opening_problems(0, 1) == ["bad_month"]
    assert opening_problems("12", 1) == ["bad_month"] and opening_problems(12, None) == ["bad_day"]
