"""The index formulas against examples computed by hand (legal-spec §8.1)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.surveys import indices
from danvan.surveys.indices import CriterionCounts, Method

A = CriterionCounts("a", "f1", {5: 3, 4: 2, 3: 1, 2: 1, 1: 1, 0: 2})  # 5 of 8 valid are 4–5: 62.5
B = CriterionCounts("b", "f1", {4: 1, 2: 1})  # 50
C = CriterionCounts("c", "f2", {5: 4})  # 100
OVERALL_Q = CriterionCounts("overall", None, {5: 1, 1: 1})  # 50, outside the factors


def test_default_method_matches_the_hand_computed_example():
    result = indices.compute([A, B, C, OVERALL_Q], respondents=40, method=Method(min_sample=30))
    assert result.criteria["a"].index == pytest.approx(62.5)
    assert result.criteria["a"].n == 8  # the two "no opinion" answers are left out
    assert result.criteria["b"].index == pytest.approx(50.0)
    assert result.factors["f1"].index == pytest.approx(56.25)
    assert result.factors["f2"].index == pytest.approx(100.0)
    assert result.overall.index == pytest.approx(78.125)  # the overall question does not enter it
    assert result.criteria["overall"].index == pytest.approx(50.0)
    assert result.too_few is False


def test_weights_of_criteria_and_factors():
    method = Method(criterion_weights={"a": 3}, factor_weights={"f2": 3}, min_sample=1)
    result = indices.compute([A, B, C], respondents=10, method=method)
    assert result.factors["f1"].index == pytest.approx((3 * 62.5 + 50) / 4)  # 59.375
    assert result.overall.index == pytest.approx((59.375 + 3 * 100) / 4)  # 89.84375


def test_satisfied_set_and_exclusions_are_data():
    only_very = Method(satisfied=frozenset({5}), min_sample=1)
    assert indices.compute([A], 1, only_very).criteria["a"].index == pytest.approx(3 / 8 * 100)
    # Counting "no opinion" as a valid, unsatisfied answer (a methodology could) changes the base.
    keep_zero = Method(excluded=frozenset(), min_sample=1)
    assert indices.compute([A], 1, keep_zero).criteria["a"].index == pytest.approx(50.0)


def test_a_criterion_without_valid_answers_is_left_out_of_its_factor():
    empty = CriterionCounts("e", "f1", {0: 5})
    result = indices.compute([A, empty], 10, Method(min_sample=1))
    assert result.criteria["e"].index is None
    assert result.factors["f1"].index == pytest.approx(62.5)


def test_wilson_interval_of_five_in_eight():
    lower, upper = indices.wilson(5, 8, Method().z)
    assert lower == pytest.approx(30.57, abs=0.01)
    assert upper == pytest.approx(86.32, abs=0.01)


def test_factor_interval_uses_the_thinnest_criterion():
    result = indices.compute([A, B], 10, Method(min_sample=1))
    factor = result.factors["f1"]
    assert factor.n == 2  # b has two valid answers
    lower, upper = indices.wilson(0.5625 * 2, 2, Method().z)
    assert (factor.lower, factor.upper) == (pytest.approx(lower), pytest.approx(upper))


def test_too_few_respondents_publish_nothing_but_the_count():
    result = indices.compute([A, B, C], respondents=29, method=Method(min_sample=30))
    assert result.too_few is True
    public = result.public()
    assert public.overall.index is None
    assert all(score.index is None for score in public.factors.values())
    assert public.criteria == {}
    assert public.respondents == 29


@given(
    st.dictionaries(st.integers(0, 5), st.integers(0, 500), min_size=1),
)
def test_indices_stay_within_0_and_100_and_inside_their_interval(counts):
    score = indices.criterion_score(counts, Method())
    if score.index is None:
        assert sum(c for v, c in counts.items() if v != 0) == 0
        return
    assert 0 <= score.lower <= score.index <= score.upper <= 100


def test_ranking_shares_ties_and_states_its_uncertainty():
    ranked = {r.key: r for r in indices.rank([("a", 80.0, 75, 85), ("b", 80.04, 70, 90), ("c", 60.0, 55, 65)])}
    assert ranked["a"].rank == ranked["b"].rank == 1  # equal to one decimal: a tie
    assert ranked["c"].rank == 3
    assert (ranked["a"].best, ranked["a"].worst) == (1, 2)  # b's interval overlaps a's
    assert (ranked["c"].best, ranked["c"].worst) == (3, 3)  # both others are surely better


def _rank_pairwise(entries):
    """The definition of ``indices.rank`` compared pair by pair, as it was first written."""
    ordered = sorted(entries, key=lambda e: (-round(e[1], 1), e[0]))
    result = []
    for position, (key, index, lower, upper) in enumerate(ordered):
        shown = round(index, 1)
        tie_rank = 1 + sum(1 for e in ordered[:position] if round(e[1], 1) > shown)
        surely_better = sum(1 for k, _, lo, _ in ordered if k != key and lo > upper)
        not_surely_worse = sum(1 for k, _, _, hi in ordered if k != key and hi >= lower)
        result.append(indices.Ranked(key, tie_rank, 1 + surely_better, 1 + not_surely_worse))
    return result


# Coarse values give many ties and touching intervals; free floats give rounding edges (80.05).
_index = st.one_of(st.integers(0, 1000).map(lambda n: n / 10), st.floats(0, 100))
_bound = st.one_of(st.integers(0, 40).map(lambda n: n * 2.5), st.floats(0, 100))


@given(st.lists(st.tuples(st.sampled_from("abcdefghij"), _index, _bound, _bound), max_size=30))
def test_ranking_matches_its_pairwise_definition(entries):
    assert indices.rank(entries) == _rank_pairwise(entries)


@pytest.mark.parametrize(
    ("kind", "day", "start", "end", "label"),
    [
        ("month", dt.date(2026, 2, 17), dt.date(2026, 2, 1), dt.date(2026, 2, 28), "02/2026"),
        ("quarter", dt.date(2026, 11, 23), dt.date(2026, 10, 1), dt.date(2026, 12, 31), "Q4/2026"),
        ("year", dt.date(2026, 6, 1), dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026"),
    ],
)
def test_periods(kind, day, start, end, label):
    assert indices.period_start(kind, day) == start
    assert indices.period_end(kind, start) == end
    assert indices.period_label(kind, start) == label


def test_periods_between():
    assert indices.periods_between("quarter", dt.date(2025, 12, 5), dt.date(2026, 4, 1)) == [
        dt.date(2025, 10, 1), dt.date(2026, 1, 1), dt.date(2026, 4, 1)
    ]  # fmt: skip
