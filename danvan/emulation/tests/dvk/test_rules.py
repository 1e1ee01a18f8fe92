"""The pure rules: the lifecycle's moves, the registration fields, and the council's arithmetic."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.emulation.rules import dvk as rules
from danvan.emulation.rules.dvk import Stage

WEIGHTS = {"a": Decimal(30), "b": Decimal(20), "c": Decimal(15), "d": Decimal(25), "e": Decimal(10)}
sheet = st.fixed_dictionaries({code: st.integers(0, rules.SCORE_MAX) for code in WEIGHTS})
weights = st.dictionaries(st.sampled_from("abcde"), st.integers(1, 100).map(Decimal), min_size=1)


def test_the_lifecycle_forward_and_forbidden_moves() -> None:
    path = [Stage.DRAFT, Stage.REGISTERED, Stage.LAUNCHED, Stage.IMPLEMENTING, Stage.EVALUATED, Stage.RECOGNISED,
            Stage.COMMENDED, Stage.REPLICATED, Stage.SUSTAINED, Stage.ARCHIVED]  # fmt: skip
    for a, b in itertools.pairwise(path):
        assert rules.may_move(a, b), (a, b)
    assert rules.may_move(Stage.EVALUATED, Stage.NOT_RECOGNISED)
    assert not rules.may_move(Stage.DRAFT, Stage.LAUNCHED)
    assert not rules.may_move(Stage.IMPLEMENTING, Stage.RECOGNISED)  # no recognition without evaluation
    assert not rules.may_move(Stage.NOT_RECOGNISED, Stage.COMMENDED)
    assert not rules.may_move(Stage.EVALUATED, Stage.ARCHIVED)  # the council's result is decided first
    assert all(not rules.may_move(Stage.ARCHIVED, s) for s in Stage)


def test_registration_needs_every_field_and_a_force_in_charge() -> None:
    full = dict.fromkeys(rules.REGISTRATION_FIELDS, "x") | {"forces": [{"name": "Đảng ủy", "role": "in_charge"}]}
    assert rules.missing_for_registration(full) == []
    assert rules.missing_for_registration(full | {"evaluation_on": None}) == ["evaluation_on"]
    assert rules.missing_for_registration(full | {"forces": [{"name": "Hội", "role": "participating"}]}) == ["forces"]


def test_timeline_and_evaluation_date() -> None:
    start, end = dt.date(2025, 6, 1), dt.date(2026, 1, 15)
    assert not rules.timeline_problem(start, end, [dt.date(2025, 9, 1)])
    assert rules.timeline_problem(start, start, [])
    assert rules.timeline_problem(start, end, [dt.date(2026, 2, 1)])
    assert not rules.may_evaluate_on(dt.date(2026, 1, 14), end)
    assert rules.may_evaluate_on(dt.date(2026, 1, 15), end)


def test_levels() -> None:
    assert rules.may_recognise_at("xa", "tinh")
    assert not rules.may_recognise_at("tinh", "xa")


@given(st.lists(sheet, min_size=1, max_size=7))
def test_the_score_stays_within_0_and_100(sheets: list[dict[str, int]]) -> None:
    assert Decimal(0) <= rules.council_score(WEIGHTS, sheets) <= Decimal(100)


@given(st.lists(sheet, min_size=1, max_size=7), st.randoms())
def test_the_order_of_evaluators_does_not_change_the_score(sheets: list[dict[str, int]], rnd: object) -> None:
    shuffled = list(sheets)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert rules.council_score(WEIGHTS, sheets) == rules.council_score(WEIGHTS, shuffled)


@given(weights, st.integers(1, 50))
def test_only_the_weights_proportions_count(w: dict[str, Decimal], factor: int) -> None:
    s = {code: (i * 3) % 11 for i, code in enumerate(w)}
    scaled = {code: value * factor for code, value in w.items()}
    assert rules.council_score(w, [s]) == rules.council_score(scaled, [s])


@given(weights, st.integers(0, rules.SCORE_MAX))
def test_a_uniform_sheet_gives_its_value_whatever_the_weights(w: dict[str, Decimal], value: int) -> None:
    assert rules.council_score(w, [dict.fromkeys(w, value)]) == Decimal(value * 10).quantize(Decimal("0.01"))


def test_a_worked_example() -> None:
    one = {"a": 10, "b": 5, "c": 5, "d": 8, "e": 0}  # (300+100+75+200+0)/100 = 6.75 -> 67.5
    two = dict.fromkeys(WEIGHTS, 9)
    assert rules.council_score(WEIGHTS, [one, two]) == Decimal("78.75")


def test_missing_criteria_and_no_sheets_are_refused() -> None:
    with pytest.raises(ValueError):
        rules.council_score(WEIGHTS, [])
    with pytest.raises(ValueError):
        rules.council_score(WEIGHTS, [{"a": 1}])


def test_similarity_ranks_the_nearest_problem_first() -> None:
    texts = {
        1: "rac thai kiet hem ve sinh moi truong to dan pho",
        2: "thu gom rac thai phan loai tai nguon moi truong",
        3: "hoc bong cho hoc sinh ngheo vuot kho",
        4: "",
    }
    ranked = rules.similar(texts, 1)
    assert ranked[0][0] == 2
    assert 3 not in [pk for pk, _ in ranked]
    assert rules.similar({1: "a"}, 1) == []
    assert rules.similar(texts, 99) == []
