"""Regimes by date, complexity from the NĐ 31/2019 checklist, and choosing a rule row."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from danvan.deadlines.rules import (
    RULE_PROBLEMS,
    Complexity,
    Condition,
    Confidence,
    Criterion,
    InvalidRule,
    Kind,
    Modifiers,
    Reading,
    Regime,
    Rule,
    RuleBook,
    RuleNotFound,
    Unit,
    complexity_from_criteria,
    regime_on,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (D(2012, 7, 1), Regime.R2014),
        (D(2025, 6, 30), Regime.R2014),
        (D(2025, 7, 1), Regime.R2025),
        (D(2026, 6, 30), Regime.R2025),
        (D(2026, 7, 1), Regime.R2026),
        (D(2030, 1, 1), Regime.R2026),
    ],
)
def test_regime_is_chosen_by_the_date_that_starts_the_clock(day, regime):
    assert regime_on(day) is regime


@pytest.mark.parametrize(
    ("criteria", "complexity"),
    [
        ([], Complexity.THUONG),
        (["a"], Complexity.PHUC_TAP),
        ([Criterion.G], Complexity.PHUC_TAP),
        (["a", "a"], Complexity.PHUC_TAP),  # the same criterion twice is still one
        (["a", "dd"], Complexity.DAC_BIET),
        (["b", "c", "d", "e"], Complexity.DAC_BIET),
    ],
)
def test_complexity_from_the_nd_31_2019_checklist(criteria, complexity):
    assert complexity_from_criteria(criteria) is complexity


def test_an_unknown_criterion_is_refused():
    with pytest.raises(ValueError):
        complexity_from_criteria(["h"])


def test_modifiers_from_criteria():
    modifiers = Modifiers.from_criteria(["a"], remote_area=True, extensions=1)
    assert modifiers.is_complex and modifiers.remote_area and modifiers.extensions == 1
    assert not Modifiers().is_complex
    with pytest.raises(ValueError):
        Modifiers(extensions=-1)


def _rule(**changes) -> Rule:
    base = Rule(
        procedure="p", step="s", regime=Regime.R2014, label="", kind=Kind.WITHIN, period=30,
        unit=Unit.CALENDAR_DAY, trigger="ngày thụ lý", legal_basis="Điều 1", source="", confidence=Confidence.VERIFIED,
    )  # fmt: skip
    return replace(base, **changes)


def test_the_most_specific_matching_row_wins():
    book = RuleBook(
        [
            _rule(period=30, complex_case=Condition.NO, remote_area=Condition.NO),
            _rule(period=45, complex_case=Condition.YES),
            _rule(period=60, complex_case=Condition.YES, remote_area=Condition.YES),
            _rule(period=45, complex_case=Condition.NO, remote_area=Condition.YES),
        ]
    )
    find = book.find
    assert find("p", "s", Regime.R2014, Modifiers()).period == 30
    assert find("p", "s", Regime.R2014, Modifiers(Complexity.PHUC_TAP)).period == 45
    assert find("p", "s", Regime.R2014, Modifiers(Complexity.DAC_BIET, remote_area=True)).period == 60
    assert find("p", "s", Regime.R2014, Modifiers(remote_area=True)).period == 45


def test_ambiguous_rows_are_refused_rather_than_guessed():
    book = RuleBook([_rule(complex_case=Condition.YES), _rule(period=40, remote_area=Condition.YES)])
    with pytest.raises(RuleNotFound) as error:
        book.find("p", "s", Regime.R2014, Modifiers(Complexity.PHUC_TAP, remote_area=True))
    assert error.value.code == "ambiguous_rule"


def test_missing_rules_say_what_is_missing():
    book = RuleBook([_rule()])
    with pytest.raises(RuleNotFound) as unknown:
        book.find("p", "nope", Regime.R2014, Modifiers())
    assert unknown.value.code == "unknown_step"
    with pytest.raises(RuleNotFound) as other_regime:
        book.find("p", "s", Regime.R2026, Modifiers())
    assert other_regime.value.code == "rule_not_found"
    with pytest.raises(RuleNotFound):
        RuleBook([_rule(complex_case=Condition.YES)]).find("p", "s", Regime.R2014, Modifiers())


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"period": None}, "period_required"),
        ({"unit": Unit.OCCURRENCE}, "unit_not_days"),
        ({"period": -1}, "negative_period"),
        ({"alt_period": 10}, "alt_incomplete"),
        ({"alt_period": 10, "alt_unit": Unit.WORKING_DAY}, "alt_basis_required"),
        ({"alt_period": 10, "alt_unit": Unit.OCCURRENCE, "alt_legal_basis": "x"}, "alt_unit_not_days"),
        ({"reading": Reading.ALTERNATIVE}, "no_alternative"),
        ({"max_extensions_complex": 1}, "extension_period_required"),
        ({"kind": Kind.AT_LEAST, "extension_period": 5, "max_extensions_complex": 1}, "extension_not_within"),
        ({"warn_percent": 100}, "bad_warn_percent"),
        ({"warn_percent": 0}, "bad_warn_percent"),
        ({"legal_basis": " "}, "legal_basis_required"),
        ({"kind": Kind.REQUIREMENT, "alt_period": 1, "alt_unit": Unit.WORKING_DAY, "alt_legal_basis": "x"},
         "alt_on_requirement"),
    ],
)  # fmt: skip
def test_inconsistent_rows_are_refused(changes, problem):
    with pytest.raises(InvalidRule) as error:
        _rule(**changes)
    assert problem in error.value.problems
    assert set(error.value.problems) <= RULE_PROBLEMS


def test_a_requirement_needs_no_period():
    rule = _rule(kind=Kind.REQUIREMENT, period=None, unit=None)
    assert rule.kind is Kind.REQUIREMENT
    assert _rule(kind=Kind.REQUIREMENT, period=2, unit=Unit.OCCURRENCE).period == 2


def test_extensions_allowed_depend_on_complexity():
    rule = _rule(extension_period=30, max_extensions_complex=1, max_extensions_especially_complex=2)
    assert [rule.max_extensions(c) for c in Complexity] == [0, 1, 2]
