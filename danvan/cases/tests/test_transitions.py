"""Every allowed and every forbidden move of the three state machines."""

import datetime as dt
import itertools

import pytest

from danvan.cases import errors as codes
from danvan.cases.choices import Status, Track
from danvan.cases.transitions import (
    MACHINES,
    RESUME_TARGET,
    TERMINAL,
    Action,
    Facts,
    TransitionError,
    allowed_actions,
    next_status,
)

ALL_MOVES = [
    (track, status, action, target)
    for track, machine in MACHINES.items()
    for status, moves in machine.items()
    for action, target in moves.items()
]


def _facts_allowing(action: Action, status: Status) -> Facts:
    """Facts under which the guards let ``action`` through."""
    return Facts(round=1, complexity="dac_biet", extensions=0, suspended_from=Status.VERIFYING, has_answer=True,
                 reopen_until=dt.date(2026, 2, 1), today=dt.date(2026, 2, 1))  # fmt: skip


@pytest.mark.parametrize(("track", "status", "action", "target"), ALL_MOVES)
def test_every_allowed_move_reaches_its_target(track, status, action, target):
    result = next_status(track, status, action, _facts_allowing(action, status))
    assert result == (Status.VERIFYING if target is RESUME_TARGET and action is Action.RESUME else target)


FORBIDDEN = [
    (track, status, action)
    for track in MACHINES
    for status, action in itertools.product(Status, Action)
    if action not in MACHINES[track].get(status, {})
]


@pytest.mark.parametrize(("track", "status", "action"), FORBIDDEN)
def test_every_other_move_is_refused(track, status, action):
    with pytest.raises(TransitionError) as refused:
        next_status(track, status, action, _facts_allowing(action, status))
    assert refused.value.code == codes.TRANSITION_NOT_ALLOWED


def test_terminal_states_allow_nothing():
    for track, status in itertools.product(MACHINES, TERMINAL):
        assert allowed_actions(track, status) == []


def test_a_second_time_complaint_needs_a_dialogue_before_the_decision():
    # Luật Khiếu nại 2011, Điều 39
    with pytest.raises(TransitionError) as caught:
        next_status(Track.KHIEU_NAI, Status.VERIFYING, Action.DECIDE, Facts(round=2))
    assert caught.value.code == codes.DIALOGUE_REQUIRED
    assert next_status(Track.KHIEU_NAI, Status.DIALOGUE, Action.DECIDE, Facts(round=2)) == Status.DECIDED
    assert next_status(Track.KHIEU_NAI, Status.VERIFYING, Action.DECIDE, Facts(round=1)) == Status.DECIDED


@pytest.mark.parametrize(
    ("complexity", "done", "allowed"),
    [
        ("thuong", 0, False),
        ("phuc_tap", 0, True),
        ("phuc_tap", 1, False),
        ("dac_biet", 1, True),
        ("dac_biet", 2, False),
    ],
)
def test_denunciation_extensions_follow_article_30(complexity, done, allowed):
    facts = Facts(complexity=complexity, extensions=done)
    if allowed:
        assert next_status(Track.TO_CAO, Status.VERIFYING, Action.EXTEND, facts) == Status.VERIFYING
    else:
        with pytest.raises(TransitionError) as refused:
            next_status(Track.TO_CAO, Status.VERIFYING, Action.EXTEND, facts)
        assert refused.value.code == codes.EXTENSION_NOT_ALLOWED


def test_resume_returns_to_the_state_before_the_suspension():
    facts = Facts(suspended_from=Status.ACCEPTED)
    assert next_status(Track.KHIEU_NAI, Status.SUSPENDED, Action.RESUME, facts) == Status.ACCEPTED
    with pytest.raises(TransitionError) as refused:
        next_status(Track.KHIEU_NAI, Status.SUSPENDED, Action.RESUME, Facts())
    assert refused.value.code == codes.RESUME_UNKNOWN


def test_nothing_is_published_before_there_is_an_answer():
    with pytest.raises(TransitionError) as refused:
        next_status(Track.PAKN, Status.ANSWERED, Action.PUBLISH, Facts(has_answer=False))
    assert refused.value.code == codes.NOTHING_TO_PUBLISH


def test_a_complaint_cannot_be_handled_as_information_only():
    assert Action.MARK_INFO_ONLY not in allowed_actions(Track.KHIEU_NAI, Status.RECEIVED)
    assert Action.MARK_INFO_ONLY in allowed_actions(Track.TO_CAO, Status.RECEIVED)


def test_the_facts_of_a_case_are_read_from_its_fields():
    from types import SimpleNamespace

    from danvan.cases.transitions import Facts, case_facts

    case = SimpleNamespace(round=2, criteria=["c", "d"], extensions=1, suspended_from="verifying",
                           public_answer="", answer_text="Đã trả lời.")  # fmt: skip
    assert case_facts(case) == Facts(round=2, complexity="dac_biet", extensions=1, suspended_from=Status.VERIFYING,
                                     has_answer=True)  # fmt: skip
    plain = SimpleNamespace(round=1, criteria=[], extensions=0, suspended_from="", public_answer="", answer_text="")
    assert case_facts(plain) == Facts()


# "Still not fixed": an answered feedback item goes back to the queue within the window, never after it.
_WINDOW_END = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("today", "allowed"),
    [(dt.date(2026, 3, 1), True), (_WINDOW_END, True), (dt.date(2026, 3, 3), False)],
    ids=["day before the end", "last day", "day after"],
)
def test_still_not_fixed_is_possible_until_the_last_day_of_the_window(today, allowed):
    facts = Facts(has_answer=True, reopen_until=_WINDOW_END, today=today)
    if allowed:
        assert next_status(Track.PAKN, Status.ANSWERED, Action.REOPEN, facts) == Status.REGISTERED
    else:
        with pytest.raises(TransitionError) as refused:
            next_status(Track.PAKN, Status.ANSWERED, Action.REOPEN, facts)
        assert refused.value.code == codes.REOPEN_WINDOW_CLOSED


def test_still_not_fixed_needs_the_answer_date_and_is_only_for_feedback():
    with pytest.raises(TransitionError) as no_date:
        next_status(Track.PAKN, Status.ANSWERED, Action.REOPEN, Facts(has_answer=True, today=dt.date(2026, 3, 1)))
    assert no_date.value.code == codes.REOPEN_WINDOW_CLOSED
    facts = Facts(has_answer=True, reopen_until=_WINDOW_END, today=dt.date(2026, 3, 1))
    for track, status in (
        (Track.KHIEU_NAI, Status.NOTIFIED),
        (Track.TO_CAO, Status.NOTIFIED),
        (Track.PAKN, Status.CLOSED),
    ):
        with pytest.raises(TransitionError) as refused:
            next_status(track, status, Action.REOPEN, facts)
        assert refused.value.code == codes.TRANSITION_NOT_ALLOWED
