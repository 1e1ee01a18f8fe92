"""The foundation's rules at their exact edges (the parts add property-based tests)."""

import datetime as dt

from danvan.democracy import errors, rules
from danvan.democracy.enums import BoardKind, DecisionItem, Form, Scope


def test_two_thirds_of_nine_needs_six_and_majority_of_nine_needs_five() -> None:
    two_thirds = rules.pass_threshold(DecisionItem.INFRASTRUCTURE_CONTRIBUTION, Scope.VILLAGE)
    assert (two_thirds.met(6, 9), two_thirds.met(5, 9), two_thirds.needed(9)) == (True, False, 6)
    majority = rules.pass_threshold(DecisionItem.SELF_MANAGEMENT, Scope.VILLAGE)
    assert (majority.met(5, 9), majority.met(4, 9), majority.met(3, 6), majority.needed(6)) == (True, False, False, 4)


def test_online_voting_only_for_item_6_with_consent() -> None:
    refused = rules.form_refusal(DecisionItem.HUONG_UOC, Form.ONLINE, online_consent_given=True)
    assert refused is not None and refused.code == errors.ONLINE_NOT_ALLOWED
    no_consent = rules.form_refusal(DecisionItem.SELF_MANAGEMENT, Form.ONLINE)
    assert no_consent is not None and no_consent.code == errors.ONLINE_CONSENT_MISSING
    assert rules.form_refusal(DecisionItem.SELF_MANAGEMENT, Form.ONLINE, online_consent_given=True) is None


def test_a_ballot_on_items_3_to_5_only_after_a_meeting_that_lacked_households() -> None:
    refused = rules.form_refusal(DecisionItem.VILLAGE_HEAD, Form.BALLOT)
    assert refused is not None and refused.code == errors.MEETING_REQUIRED
    assert rules.form_refusal(DecisionItem.VILLAGE_HEAD, Form.BALLOT, meeting_lacked_households=True) is None


def test_agreements_last_three_months_to_the_day_before() -> None:
    assert rules.agreement_valid_until(dt.date(2026, 1, 31)) == dt.date(2026, 4, 29)
    assert rules.agreement_valid_until(dt.date(2026, 11, 30)) == dt.date(2027, 2, 27)


def test_board_sizes() -> None:
    assert rules.ttnd_seats(3) == 5 and rules.ttnd_seats(8) == 8
    assert rules.board_size_refusal(BoardKind.TTND, 5, 3) is None
    refused = rules.board_size_refusal(BoardKind.GSDTCD, 4, 0)
    assert refused is not None and refused.code == errors.BOARD_SIZE
    assert rules.by_election_allowed(dt.date(2026, 1, 1), dt.date(2026, 7, 1))
    assert not rules.by_election_allowed(dt.date(2026, 1, 2), dt.date(2026, 7, 1))
