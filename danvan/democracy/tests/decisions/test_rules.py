"""The law's arithmetic at its edges (property tests) and the forms the law allows per item."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.democracy import errors, rules
from danvan.democracy.enums import DecisionItem, Form, Scope

TOTALS = st.integers(min_value=1, max_value=500)


@given(TOTALS)
def test_two_thirds_is_met_exactly_at_two_thirds_and_needed_is_the_least(total: int) -> None:
    t = rules.pass_threshold(DecisionItem.INFRASTRUCTURE_CONTRIBUTION, Scope.VILLAGE)
    needed = t.needed(total)
    assert t.met(needed, total) and (needed == 0 or not t.met(needed - 1, total))
    assert 3 * needed >= 2 * total > 3 * (needed - 1)  # ≥ 2/3, integers only
    if total % 3 == 0:
        assert needed == 2 * total // 3  # exactly 2/3 passes


@given(TOTALS)
def test_majority_is_more_than_half_so_exactly_half_fails(total: int) -> None:
    t = rules.pass_threshold(DecisionItem.SELF_MANAGEMENT, Scope.VILLAGE)
    needed = t.needed(total)
    assert t.met(needed, total) and not t.met(needed - 1, total)
    assert needed == total // 2 + 1
    if total % 2 == 0:
        assert not t.met(total // 2, total)  # exactly 50 % is not more than half


@given(TOTALS, st.integers(min_value=0, max_value=500))
def test_met_is_monotone_and_never_above_total(total: int, agree: int) -> None:
    for item in DecisionItem:
        t = rules.pass_threshold(item, Scope.VILLAGE)
        if t.met(agree, total):
            assert t.met(agree + 1, total)
        assert t.needed(total) <= total


@given(TOTALS)
def test_initiative_needs_at_least_ten_percent(total: int) -> None:
    needed = rules.INITIATIVE.needed(total)
    assert 10 * needed >= total > 10 * (needed - 1)


def test_threshold_edges_by_hand() -> None:
    two_thirds = rules.pass_threshold(DecisionItem.CONTRIBUTIONS_ASSETS, Scope.VILLAGE)
    assert (two_thirds.needed(30), two_thirds.met(20, 30), two_thirds.met(19, 30)) == (20, True, False)
    assert rules.pass_threshold(DecisionItem.HUONG_UOC, Scope.VILLAGE).needed(30) == 16
    assert rules.pass_threshold(DecisionItem.CONTRIBUTIONS_ASSETS, Scope.COMMUNE).needed(3) == 2
    assert rules.pass_threshold(DecisionItem.CONTRIBUTIONS_ASSETS, Scope.VILLAGE).met(0, 0) is False


# Every item × every form at village scope (no meeting yet, then after a meeting that lacked households).
FORMS_TABLE = {
    DecisionItem.INFRASTRUCTURE_CONTRIBUTION: (None, None, errors.ONLINE_NOT_ALLOWED),
    DecisionItem.CONTRIBUTIONS_ASSETS: (None, None, errors.ONLINE_NOT_ALLOWED),
    DecisionItem.HUONG_UOC: (None, errors.MEETING_REQUIRED, errors.ONLINE_NOT_ALLOWED),
    DecisionItem.VILLAGE_HEAD: (None, errors.MEETING_REQUIRED, errors.ONLINE_NOT_ALLOWED),
    DecisionItem.BOARD_MEMBERS: (None, errors.MEETING_REQUIRED, errors.ONLINE_NOT_ALLOWED),
    DecisionItem.SELF_MANAGEMENT: (None, None, errors.ONLINE_CONSENT_MISSING),
}


@pytest.mark.parametrize("item", list(DecisionItem))
@pytest.mark.parametrize("form_index,form", list(enumerate([Form.MEETING, Form.BALLOT, Form.ONLINE])))
def test_form_legality_per_item(item: DecisionItem, form_index: int, form: Form) -> None:
    refusal = rules.form_refusal(item, form)
    assert (refusal.code if refusal else None) == FORMS_TABLE[item][form_index]
    after_lacking = rules.form_refusal(item, form, meeting_lacked_households=True)
    if form is Form.BALLOT:
        assert after_lacking is None  # a ballot may always follow a meeting that lacked households
    if refusal is not None:
        assert "Điều" in refusal.basis or "Nghị định" in refusal.basis


def test_meeting_lacked_households_when_all_present_could_not_pass() -> None:
    item = DecisionItem.INFRASTRUCTURE_CONTRIBUTION
    assert rules.meeting_could_pass(item, Scope.VILLAGE, 22, 30) is True  # 22 ≥ 20: it had the households
    assert rules.meeting_could_pass(item, Scope.VILLAGE, 19, 30) is False
    assert rules.meeting_could_pass(DecisionItem.HUONG_UOC, Scope.VILLAGE, 15, 30) is False  # quorum > half


@pytest.mark.parametrize(
    "agreed_on,last_day",
    [(dt.date(2025, 11, 6), dt.date(2026, 2, 5)), (dt.date(2025, 11, 30), dt.date(2026, 2, 27)),
     (dt.date(2025, 12, 31), dt.date(2026, 3, 30)), (dt.date(2026, 1, 31), dt.date(2026, 4, 29))],
)  # fmt: skip
def test_agreements_last_three_months(agreed_on: dt.date, last_day: dt.date) -> None:
    assert rules.agreement_valid_until(agreed_on) == last_day
    assert rules.agreements_in_force([agreed_on], last_day) == 1
    assert rules.agreements_in_force([agreed_on], last_day + dt.timedelta(days=1)) == 0


def test_in_force_rule_per_item() -> None:
    assert [rules.in_force_rule(i, Scope.VILLAGE).value for i in DecisionItem] == [
        "on_adoption", "on_adoption", "ubnd_recognition", "ubnd_recognition", "mttq_recognition", "on_adoption"]  # fmt: skip
    assert rules.in_force_rule(DecisionItem.INFRASTRUCTURE_CONTRIBUTION, Scope.COMMUNE).value == "on_date_set"
