"""The state machines of the three legal tracks. Pure: no ORM, no request.

Sources: complaint — legal-spec §1.7 (Luật Khiếu nại 2011); denunciation — §2.8 (Luật Tố cáo
2018); feedback — §4.3 (NĐ 20/2008). Simplifications, on purpose:
- "Overdue" is not a state: it is derived from ``due_on`` and today, so a late case keeps its real
  state and the clock keeps its history (the spec's OVERDUE_n).
- A transfer to another body on the platform keeps the case alive: it goes back to RECEIVED at the
  new body (Luật Tố cáo Art. 24(2); NĐ 20/2008 Art. 9), with its own clock.
- A second complaint is a new case (round 2) linked to the first (§1.7 invariant: at most one
  open second-time case per first-time decision).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from danvan.cases import errors as codes
from danvan.cases.enums import Action, Track
from danvan.cases.enums import Status as S
from danvan.deadlines.rules import complexity_from_criteria

# A marker for "back to where the case was when it was suspended".
RESUME_TARGET = S.SUSPENDED

_OPEN_WITHDRAW = {Action.WITHDRAW: S.TERMINATED}
# A petition found to repeat another is closed as its duplicate, linked both ways, before the work on it
# starts (before thụ lý for complaints and denunciations): the matter is handled once, in the other case.
_DUPLICATE = {Action.MERGE_DUPLICATE: S.CLOSED}

# Keyed by the enums, typed by their string values: a model field, a choice or an enum all look up.
MACHINES: dict[str, dict[str, dict[Action, S]]] = {
    Track.UNCLASSIFIED: {
        S.RECEIVED: {Action.CLASSIFY: S.RECEIVED, Action.SPLIT: S.SPLIT, Action.TRANSFER: S.RECEIVED, **_DUPLICATE},
    },
    Track.PAKN: {
        S.RECEIVED: {
            Action.REGISTER: S.REGISTERED, Action.REJECT: S.REJECTED, Action.TRANSFER: S.RECEIVED,
            Action.CLASSIFY: S.RECEIVED, Action.SPLIT: S.SPLIT, **_OPEN_WITHDRAW, **_DUPLICATE,
        },
        S.REGISTERED: {
            Action.START_STUDY: S.UNDER_STUDY, Action.ANSWER: S.ANSWERED, Action.TRANSFER: S.RECEIVED,
            Action.CLASSIFY: S.RECEIVED, **_OPEN_WITHDRAW, **_DUPLICATE,
        },
        S.UNDER_STUDY: {Action.ANSWER: S.ANSWERED, Action.TRANSFER: S.RECEIVED, **_OPEN_WITHDRAW, **_DUPLICATE},
        S.ANSWERED: {Action.PUBLISH: S.ANSWERED, Action.CLOSE: S.CLOSED, Action.REOPEN: S.REGISTERED},
    },
    Track.KHIEU_NAI: {
        S.RECEIVED: {
            Action.ACCEPT: S.ACCEPTED, Action.REJECT: S.REJECTED, Action.TRANSFER: S.RECEIVED,
            Action.CLASSIFY: S.RECEIVED, Action.SPLIT: S.SPLIT, Action.COURT_FILED: S.CLOSED_COURT,
            **_OPEN_WITHDRAW, **_DUPLICATE,
        },
        S.ACCEPTED: {
            Action.START_VERIFICATION: S.VERIFYING, Action.SUSPEND: S.SUSPENDED,
            Action.COURT_FILED: S.CLOSED_COURT, **_OPEN_WITHDRAW,
        },
        S.VERIFYING: {
            Action.HOLD_DIALOGUE: S.DIALOGUE, Action.DECIDE: S.DECIDED, Action.SUSPEND: S.SUSPENDED,
            Action.COURT_FILED: S.CLOSED_COURT, **_OPEN_WITHDRAW,
        },
        S.DIALOGUE: {
            Action.HOLD_DIALOGUE: S.DIALOGUE, Action.DECIDE: S.DECIDED, Action.SUSPEND: S.SUSPENDED,
            Action.COURT_FILED: S.CLOSED_COURT, **_OPEN_WITHDRAW,
        },
        S.SUSPENDED: {Action.RESUME: RESUME_TARGET, Action.COURT_FILED: S.CLOSED_COURT, **_OPEN_WITHDRAW},
        S.DECIDED: {Action.SEND_DECISION: S.NOTIFIED},
        S.NOTIFIED: {Action.FINALIZE: S.FINAL, Action.PUBLISH: S.NOTIFIED, Action.COURT_FILED: S.CLOSED_COURT},
        S.FINAL: {Action.PUBLISH: S.FINAL, Action.CLOSE: S.CLOSED},
    },
    Track.TO_CAO: {
        S.RECEIVED: {
            Action.ACCEPT: S.ACCEPTED, Action.REJECT: S.REJECTED, Action.TRANSFER: S.RECEIVED,
            Action.MARK_INFO_ONLY: S.INFO_ONLY, Action.CLASSIFY: S.RECEIVED, Action.SPLIT: S.SPLIT,
            **_OPEN_WITHDRAW, **_DUPLICATE,
        },
        S.INFO_ONLY: {Action.CLOSE: S.CLOSED, Action.TRANSFER: S.INFO_ONLY},
        S.ACCEPTED: {Action.START_VERIFICATION: S.VERIFYING, Action.SUSPEND: S.SUSPENDED, **_OPEN_WITHDRAW},
        S.VERIFYING: {
            Action.EXTEND: S.VERIFYING, Action.CONCLUDE: S.CONCLUDED, Action.SUSPEND: S.SUSPENDED,
            **_OPEN_WITHDRAW,
        },
        S.SUSPENDED: {Action.RESUME: RESUME_TARGET, **_OPEN_WITHDRAW},
        S.CONCLUDED: {Action.SEND_DECISION: S.NOTIFIED},
        S.NOTIFIED: {Action.PUBLISH: S.NOTIFIED, Action.CLOSE: S.CLOSED},
    },
}  # fmt: skip

TERMINAL = frozenset({S.REJECTED, S.TERMINATED, S.CLOSED_COURT, S.SPLIT, S.CLOSED})
# States in which the body still owes the citizen something on a legal clock.
OPEN = frozenset(set(S) - TERMINAL - {S.FINAL, S.INFO_ONLY})

# What the inbox lists first (``selectors.case_list_for``): the cases on which the body still owes the
# citizen a step. Answered feedback and a decision or conclusion already sent wait only to be closed or
# to take effect; they come after, with the closed ones.
AWAITING = frozenset(OPEN - {S.ANSWERED, S.NOTIFIED})

# Luật Tố cáo 2018, Điều 30(2)-(3): one extension for a complex case, two for an especially complex one.
MAX_EXTENSIONS = {"thuong": 0, "phuc_tap": 1, "dac_biet": 2}


class TransitionError(ValueError):
    """The move is not allowed from this state, on this track, in these circumstances."""

    def __init__(self, message: str, *, code: str = codes.TRANSITION_NOT_ALLOWED):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Facts:
    """What the guards need to know about a case besides its track and state."""

    round: int = 1
    complexity: str = "thuong"
    extensions: int = 0
    suspended_from: str | None = None
    has_answer: bool = False
    # "Still not fixed" (``Action.REOPEN``): the last day the citizen may send the answer back, and today.
    reopen_until: dt.date | None = None
    today: dt.date | None = None


def case_facts(case: Any, *, reopen_until: dt.date | None = None, today: dt.date | None = None) -> Facts:
    """The facts of a case (anything with a case's fields), for the guards: the services before a move,
    the citizen's page before it offers a withdrawal, so both ask the same question."""
    return Facts(
        round=case.round,
        complexity=str(complexity_from_criteria(case.criteria)),
        extensions=case.extensions,
        suspended_from=S(case.suspended_from) if case.suspended_from else None,
        has_answer=bool(case.public_answer or case.answer_text),
        reopen_until=reopen_until,
        today=today,
    )


def next_status(track: str, status: str, action: str, facts: Facts = Facts()) -> S:
    """The state after ``action``, or ``TransitionError`` if the law does not allow it here.

    ``track``, ``status`` and ``action`` may be plain strings (a model field) or any enum of those
    values (``choices`` or ``enums``): they are read as this module's enums first, so the identity
    checks below hold whichever the caller passed.
    """
    try:
        track, status, action = Track(track), S(status), Action(action)
    except ValueError as exc:
        raise TransitionError(f"{action} is not allowed for a {track} case in state {status}") from exc
    moves = MACHINES.get(track, {}).get(status, {})
    if action not in moves:
        raise TransitionError(f"{action} is not allowed for a {track} case in state {status}")
    target = moves[action]
    if action is Action.DECIDE and track is Track.KHIEU_NAI and facts.round >= 2 and status is not S.DIALOGUE:
        # Luật Khiếu nại 2011, Điều 39: the second-time resolver must always hold a dialogue.
        raise TransitionError(
            "a second-time complaint needs a dialogue before the decision", code=codes.DIALOGUE_REQUIRED
        )
    if action is Action.EXTEND and facts.extensions >= MAX_EXTENSIONS.get(facts.complexity, 0):
        raise TransitionError(
            "no further extension: the law allows one for a complex case and two for an especially complex one",
            code=codes.EXTENSION_NOT_ALLOWED,
        )
    if action is Action.PUBLISH and not facts.has_answer:
        raise TransitionError("nothing to publish yet", code=codes.NOTHING_TO_PUBLISH)
    if action is Action.REOPEN and (
        facts.reopen_until is None or facts.today is None or facts.today > facts.reopen_until
    ):
        # The window is editable data (deadline rule pakn.mo_lai_chua_xu_ly): no law sets it.
        raise TransitionError("the time to say the matter is still not fixed has passed",
                              code=codes.REOPEN_WINDOW_CLOSED)  # fmt: skip
    if target is RESUME_TARGET and action is Action.RESUME:
        if facts.suspended_from is None:
            raise TransitionError("the state before the suspension is unknown", code=codes.RESUME_UNKNOWN)
        return S(facts.suspended_from)
    return target


def allowed_actions(track: str, status: str, facts: Facts = Facts()) -> list[Action]:
    """The actions a person could take now (before permission checks)."""
    if track not in MACHINES or status not in S:
        return []
    result = []
    for action in MACHINES[Track(track)].get(S(status), {}):
        try:
            next_status(track, status, action, facts)
        except TransitionError:
            continue
        result.append(action)
    return result


def is_open(status: str) -> bool:
    return status in OPEN


# Steps that are not moves of the state machine, and when each is possible. The services refuse them
# otherwise and the step registry (``cases.steps``) offers them only then: one rule for both.

# Luật Khiếu nại 2011, Điều 33: a second complaint is against a first-time decision, before it is final.
SECOND_COMPLAINT_FROM = frozenset({S.NOTIFIED, S.ACCEPTED, S.VERIFYING, S.DIALOGUE})
# NĐ 31/2019/NĐ-CP, Điều 3: the complexity criteria set the period of a complaint or a denunciation.
COMPLEXITY_TRACKS = frozenset({Track.KHIEU_NAI, Track.TO_CAO})


def assign_possible(status: str, *, has_body: bool) -> bool:
    """A handler is assigned, and the petitioners recorded, on an open case that has its body."""
    return is_open(status) and has_body


def complexity_possible(track: str, status: str) -> bool:
    return is_open(status) and track in COMPLEXITY_TRACKS


def second_complaint_possible(track: str, status: str, round_: int) -> bool:
    return track == Track.KHIEU_NAI and round_ == 1 and status in SECOND_COMPLAINT_FROM
