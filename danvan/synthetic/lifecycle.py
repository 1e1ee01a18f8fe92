"""Walking a generated case along its legal track: a valid path of transitions, with dates. No ORM.

Every move is asked of ``cases.transitions.next_status`` with the same facts the services pass, so
a generated timeline is one the services could have written. Dates come from the legal clock of
each state (``cases.rules.clock_for`` and the deadlines engine, through a cache the caller gives):
on entering a clocked stretch the case draws how much of its legal period it will use — most
finish well inside it, some run late — and the walk stops at the as-of date, leaving the case in
whatever state it has reached by then. That cut is what makes old cases mostly closed and recent
ones open, and late ones overdue.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from danvan.cases import rules, transitions
from danvan.cases.enums import (
    DecisionOutcome,
    KhieuNaiRejectReason,
    PaknRejectReason,
    Status,
    ToCaoRejectReason,
    Track,
)
from danvan.cases.transitions import Action, Facts
from danvan.deadlines.rules import complexity_from_criteria

# ``rules.clock_for`` is pure and its answers immutable: asked once per (track, state, round).
clock_for = lru_cache(maxsize=256)(rules.clock_for)

STOP = "stop"  # no further step, ever: a case left where it is (a stalled file, an answer never closed)
SUBMIT = "submit"

# (action, weight) per state. Filtered by ``transitions.allowed_actions`` before drawing, so a weight
# here can never make an invalid move; it only says how often a valid one is taken.
POLICY: dict[str, dict[str, list[tuple[str, float]]]] = {
    Track.PAKN: {
        Status.RECEIVED: [(Action.REGISTER, 86), (Action.REJECT, 5), (Action.TRANSFER, 4), (Action.WITHDRAW, 1.5),
                          (Action.SPLIT, 0.5), (STOP, 0.25)],
        Status.REGISTERED: [(Action.START_STUDY, 18), (Action.ANSWER, 78), (Action.WITHDRAW, 1.5),
                            (Action.TRANSFER, 1), (STOP, 0.3)],
        Status.UNDER_STUDY: [(Action.ANSWER, 94), (Action.WITHDRAW, 2), (Action.TRANSFER, 1.5), (STOP, 0.5)],
        Status.ANSWERED: [(Action.PUBLISH, 20), (Action.CLOSE, 72), (STOP, 8)],
    },
    Track.KHIEU_NAI: {
        Status.RECEIVED: [(Action.ACCEPT, 76), (Action.REJECT, 13), (Action.TRANSFER, 4), (Action.WITHDRAW, 2),
                          (Action.COURT_FILED, 1), (Action.SPLIT, 0.5), (STOP, 0.25)],
        Status.ACCEPTED: [(Action.START_VERIFICATION, 92), (Action.SUSPEND, 2.5), (Action.WITHDRAW, 2),
                          (Action.COURT_FILED, 1), (STOP, 0.25)],
        Status.VERIFYING: [(Action.HOLD_DIALOGUE, 55), (Action.DECIDE, 38), (Action.SUSPEND, 2.5),
                           (Action.WITHDRAW, 2), (Action.COURT_FILED, 1), (STOP, 0.25)],
        Status.DIALOGUE: [(Action.DECIDE, 88), (Action.HOLD_DIALOGUE, 6), (Action.SUSPEND, 2), (Action.WITHDRAW, 1.5),
                          (Action.COURT_FILED, 1), (STOP, 0.25)],
        Status.SUSPENDED: [(Action.RESUME, 80), (Action.WITHDRAW, 10), (Action.COURT_FILED, 5), (STOP, 5)],
        Status.DECIDED: [(Action.SEND_DECISION, 98), (STOP, 0.5)],
        Status.NOTIFIED: [(Action.FINALIZE, 84), (Action.PUBLISH, 6), (Action.COURT_FILED, 4), (STOP, 6)],
        Status.FINAL: [(Action.CLOSE, 70), (Action.PUBLISH, 8), (STOP, 22)],
    },
    Track.TO_CAO: {
        Status.RECEIVED: [(Action.ACCEPT, 70), (Action.REJECT, 10), (Action.MARK_INFO_ONLY, 9), (Action.TRANSFER, 4),
                          (Action.WITHDRAW, 2), (Action.SPLIT, 0.3), (STOP, 0.25)],
        Status.INFO_ONLY: [(Action.CLOSE, 60), (STOP, 40)],
        Status.ACCEPTED: [(Action.START_VERIFICATION, 93), (Action.SUSPEND, 2.5), (Action.WITHDRAW, 2), (STOP, 0.25)],
        Status.VERIFYING: [(Action.CONCLUDE, 82), (Action.EXTEND, 12), (Action.SUSPEND, 2.5), (Action.WITHDRAW, 2),
                           (STOP, 0.25)],
        Status.SUSPENDED: [(Action.RESUME, 80), (Action.WITHDRAW, 10), (STOP, 10)],
        Status.CONCLUDED: [(Action.SEND_DECISION, 98), (STOP, 0.5)],
        Status.NOTIFIED: [(Action.CLOSE, 75), (Action.PUBLISH, 15), (STOP, 10)],
    },
    Track.UNCLASSIFIED: {Status.RECEIVED: [(Action.CLASSIFY, 1)]},
}  # fmt: skip

# Steps that move the case inside one legal clock; the others end the stretch (or leave it early).
_INTERMEDIATE = {Action.REGISTER, Action.START_STUDY, Action.START_VERIFICATION, Action.HOLD_DIALOGUE, Action.EXTEND}
_MAIN_EXIT = {Action.ACCEPT, Action.ANSWER, Action.DECIDE, Action.CONCLUDE, Action.SEND_DECISION,
              Action.MARK_INFO_ONLY}  # fmt: skip
# Calendar days from the previous step, for steps outside any clock.
_FREE_DAYS: dict[tuple[str, str], tuple[int, int]] = {
    (Status.ANSWERED, Action.PUBLISH): (1, 14),
    (Status.ANSWERED, Action.CLOSE): (5, 40),
    (Status.NOTIFIED, Action.FINALIZE): (30, 45),  # Luật Khiếu nại 2011, Điều 44: 30 days without a new complaint
    (Status.NOTIFIED, Action.PUBLISH): (1, 20),
    (Status.NOTIFIED, Action.COURT_FILED): (5, 60),
    (Status.NOTIFIED, Action.CLOSE): (3, 30),
    (Status.FINAL, Action.CLOSE): (1, 30),
    (Status.FINAL, Action.PUBLISH): (1, 20),
    (Status.INFO_ONLY, Action.CLOSE): (3, 30),
    (Status.SUSPENDED, Action.RESUME): (10, 75),
    (Status.SUSPENDED, Action.WITHDRAW): (5, 60),
    (Status.SUSPENDED, Action.COURT_FILED): (5, 60),
}
_REJECT_REASONS: dict[str, list[tuple[str, float]]] = {
    Track.PAKN: [(PaknRejectReason.NOT_IN_SCOPE, 4), (PaknRejectReason.DUPLICATE, 4), (PaknRejectReason.NO_CONTACT, 2),
                 (PaknRejectReason.NOT_VIETNAMESE, 0.2)],
    Track.KHIEU_NAI: [(KhieuNaiRejectReason.TIME_BARRED, 3), (KhieuNaiRejectReason.NO_DIRECT_INTEREST, 3),
                      (KhieuNaiRejectReason.UNSIGNED, 2), (KhieuNaiRejectReason.SECOND_DECISION_EXISTS, 1),
                      (KhieuNaiRejectReason.COURT, 1), (KhieuNaiRejectReason.NOT_ADMINISTRATIVE, 1),
                      (KhieuNaiRejectReason.UNLAWFUL_REPRESENTATIVE, 0.5), (KhieuNaiRejectReason.NO_CAPACITY, 0.3),
                      (KhieuNaiRejectReason.TERMINATED_NOT_CONTINUED, 0.3)],
    Track.TO_CAO: [(ToCaoRejectReason.UNIDENTIFIABLE, 4), (ToCaoRejectReason.ALREADY_RESOLVED, 3),
                   (ToCaoRejectReason.FORM, 2), (ToCaoRejectReason.NO_CAPACITY, 0.5)],
}  # fmt: skip
_OUTCOMES = [(DecisionOutcome.RIGHT, 25), (DecisionOutcome.PARTLY_RIGHT, 30), (DecisionOutcome.WRONG, 45)]
_CRITERIA = ["a", "b", "c", "dd", "e", "g"]

# Share of clocked stretches handled late, and how much of the legal period a stretch uses.
P_LATE = 0.22
PROMPT_SHARE = (0.15, 0.95)
LATE_SHARE = (1.05, 2.8)


@dataclass(frozen=True)
class Step:
    action: str
    on: dt.date
    from_status: str
    to_status: str
    track: str
    extra: dict[str, Any] = field(default_factory=dict)


# (track, status, round, received_on, accepted_on, decided_on, criteria, extensions, pauses) -> due_on
DueFunction = Callable[[str, str, int, dt.date, "dt.date | None", "dt.date | None", tuple[str, ...], int,
                        tuple[tuple[dt.date, "dt.date | None"], ...]], "dt.date | None"]  # fmt: skip


@dataclass
class Walk:
    """Where a case stands after its walk, and the steps that brought it there."""

    track: str
    status: str
    round: int
    submitted_on: dt.date
    received_on: dt.date  # at the current body: a transfer restarts it
    steps: list[Step] = field(default_factory=list)
    accepted_on: dt.date | None = None
    decided_on: dt.date | None = None
    notified_on: dt.date | None = None
    answered_on: dt.date | None = None  # the answer or decision reached the citizen (rating opens)
    closed_on: dt.date | None = None
    published_on: dt.date | None = None
    criteria: list[str] = field(default_factory=list)
    extensions: int = 0
    suspended_from: str = ""
    suspensions: list[list[dt.date | None]] = field(default_factory=list)
    outcome: str = ""
    reject_reason: str = ""
    court_filed: bool = False
    transfers: int = 0
    dialogues: int = 0
    late: bool = False  # some stretch used more than its legal period

    def facts(self) -> Facts:
        return _facts(self.round, tuple(self.criteria), self.extensions, self.suspended_from, self.outcome != "")

    def pauses(self) -> tuple[tuple[dt.date, dt.date | None], ...]:
        if not self.suspensions:
            return ()
        return tuple((s[0], s[1]) for s in self.suspensions if s[0] is not None)

    def due_on(self, due: DueFunction) -> dt.date | None:
        return due(self.track, self.status, self.round, self.received_on, self.accepted_on, self.decided_on,
                   tuple(self.criteria), self.extensions, self.pauses())  # fmt: skip


@lru_cache(maxsize=4096)
def _facts(round_: int, criteria: tuple[str, ...], extensions: int, suspended_from: str, has_answer: bool) -> Facts:
    return Facts(round=round_, complexity=str(complexity_from_criteria(criteria)), extensions=extensions,
                 suspended_from=Status(suspended_from) if suspended_from else None, has_answer=has_answer)  # fmt: skip


@lru_cache(maxsize=4096)
def _allowed(track: str, status: str, facts: Facts) -> frozenset[str]:
    return frozenset(transitions.allowed_actions(Track(track), Status(status), facts))


def weighted(rng: random.Random, options: Sequence[tuple[Any, float]]) -> Any:
    """One of ``options`` (value, weight), drawn in proportion to its weight."""
    total = sum(w for _, w in options)
    pick = rng.random() * total
    for value, weight in options:
        pick -= weight
        if pick < 0:
            return value
    return options[-1][0]


@dataclass
class WalkOptions:
    final_track: str
    round: int = 1
    anonymous: bool = False
    allow_split: bool = True
    allow_transfer: bool = True
    stop_at_notified: bool = False  # a second complaint will follow: the first decision never takes effect
    stop_at: str = ""  # force: stop as soon as the case reaches this state on its final track
    p_complex: float = 0.15


def walk(
    *,
    rng: random.Random,
    submitted_track: str,
    received_on: dt.date,
    end: dt.date,
    due: DueFunction,
    working_day: Callable[[dt.date], dt.date],
    options: WalkOptions,
) -> Walk:
    """Walk one case from its submission to ``end`` (or to ``options.stop_at``)."""
    anonymous_to_cao = options.final_track == Track.TO_CAO and options.anonymous
    status = Status.INFO_ONLY if anonymous_to_cao else Status.RECEIVED
    w = Walk(track=submitted_track, status=status, round=options.round, submitted_on=received_on,
             received_on=received_on)  # fmt: skip
    w.steps.append(Step(SUBMIT, received_on, "", status, submitted_track))
    t = received_on
    segment: tuple[Any, ...] | None = None
    target = t
    late = False
    published = False
    while True:
        if options.stop_at and w.status == options.stop_at and w.track == options.final_track:
            break
        if w.status in transitions.TERMINAL:
            break
        clock = clock_for(w.track, w.status, w.round)
        if clock is not None and w.status != Status.SUSPENDED:
            anchor = getattr(w, clock.anchor) or w.received_on
            key = (clock.procedure, clock.step, anchor)
            if key != segment:
                segment = key
                due_on = w.due_on(due)
                span = max(1, (due_on - anchor).days) if due_on else 30
                late = rng.random() < P_LATE
                share = rng.uniform(*(LATE_SHARE if late else PROMPT_SHARE))
                target = anchor + dt.timedelta(days=round(span * share))
        action = _choose(rng, w, options, published)
        if action == STOP:
            break
        on = _when(rng, w.status, action, t, target if segment is not None and clock is not None else None)
        if action != Action.CLASSIFY:
            on = working_day(on)
        if on > end:
            break
        needs_due = clock is not None and (action == Action.EXTEND or (late and action in _MAIN_EXIT))
        before_due = w.due_on(due) if needs_due else None
        previous_suspension = w.suspensions[-1][0] if action == Action.RESUME and w.suspensions else None
        step = _apply(rng, w, action, on, options)
        w.steps.append(step)
        if late and action in _MAIN_EXIT and before_due is not None and on > before_due:
            w.late = True
        if action == Action.PUBLISH:
            published = True
        if action == Action.RESUME and previous_suspension is not None:
            target += on - previous_suspension  # the clock did not run while suspended
        if action == Action.EXTEND:
            after = w.due_on(due)
            if after is not None and before_due is not None:
                target += after - before_due
        t = on
    return w


def _choose(rng: random.Random, w: Walk, options: WalkOptions, published: bool) -> str:
    if w.track == Track.UNCLASSIFIED:
        return Action.CLASSIFY
    if options.stop_at_notified and w.status == Status.NOTIFIED:
        return STOP
    allowed = _allowed(w.track, w.status, w.facts())
    choices = []
    for action, weight in POLICY[w.track].get(w.status, [(STOP, 1)]):
        if action == STOP:
            if not options.stop_at:
                choices.append((action, weight))
            continue
        if action not in allowed:
            continue
        if action == Action.TRANSFER and (w.transfers >= 1 or not options.allow_transfer):
            continue
        if action == Action.SPLIT and not options.allow_split:
            continue
        if action == Action.PUBLISH and published:
            continue
        if action == Action.HOLD_DIALOGUE and w.dialogues >= 2:
            continue
        if (
            options.stop_at
            and transitions.MACHINES[Track(w.track)][Status(w.status)][Action(action)] == options.stop_at
        ):
            weight *= 50  # a forced walk: make the rare move into the wanted state likely
        choices.append((action, weight))
    if not choices:
        return STOP
    return str(weighted(rng, choices))


def _when(rng: random.Random, status: str, action: str, t: dt.date, target: dt.date | None) -> dt.date:
    if action == Action.CLASSIFY:
        return t + dt.timedelta(days=rng.randint(0, 3))
    free = _FREE_DAYS.get((status, action))
    if free is not None or target is None:
        low, high = free or (1, 30)
        return t + dt.timedelta(days=rng.randint(low, high))
    left = max(0, (target - t).days)
    if action in _INTERMEDIATE:
        if action == Action.REGISTER:
            return t + dt.timedelta(days=rng.randint(0, min(3, left)))
        return t + dt.timedelta(days=rng.randint(0, left // 2))
    if action in _MAIN_EXIT:
        return max(t, target)
    # Leaving early: a rejection, a transfer, a withdrawal, a suspension, a suit.
    return t + dt.timedelta(days=rng.randint(0, max(1, left)))


def _apply(rng: random.Random, w: Walk, action: str, on: dt.date, options: WalkOptions) -> Step:
    from_status = w.status
    extra: dict[str, Any] = {}
    if action == Action.CLASSIFY:
        extra = {"from_track": w.track, "to_track": options.final_track}
        # The move is asked of the machine of the track the case is on, as ``case_classify`` does.
        target = transitions.next_status(Track(w.track), Status(w.status), Action.CLASSIFY, w.facts())
        w.track = options.final_track
        w.status = target
        return Step(action, on, from_status, w.status, w.track, extra)
    target = transitions.next_status(Track(w.track), Status(w.status), Action(action), w.facts())
    if action == Action.ACCEPT:
        w.accepted_on = on
        if w.track in {Track.KHIEU_NAI, Track.TO_CAO} and rng.random() < options.p_complex:
            w.criteria = sorted(rng.sample(_CRITERIA, 1 if rng.random() < 0.7 else 2))
            extra = {"criteria": w.criteria}
    elif action == Action.REJECT:
        w.reject_reason = str(weighted(rng, _REJECT_REASONS[Track(w.track)]))
        w.closed_on = on
        extra = {"reason": w.reject_reason}
    elif action == Action.TRANSFER:
        w.received_on = on
        w.transfers += 1
    elif action in {Action.WITHDRAW, Action.CLOSE}:
        w.closed_on = on
    elif action == Action.COURT_FILED:
        w.court_filed, w.closed_on = True, on
    elif action == Action.SUSPEND:
        w.suspended_from = w.status
        w.suspensions.append([on, None])
    elif action == Action.RESUME:
        w.suspensions[-1][1] = on
        w.suspended_from = ""
    elif action == Action.EXTEND:
        w.extensions += 1
    elif action == Action.HOLD_DIALOGUE:
        w.dialogues += 1
        extra = {"n": w.dialogues}
    elif action in {Action.DECIDE, Action.CONCLUDE}:
        outcomes = _OUTCOMES[1:] if options.stop_at_notified else _OUTCOMES
        w.outcome, w.decided_on = str(weighted(rng, outcomes)), on
    elif action == Action.SEND_DECISION:
        w.notified_on = w.answered_on = on
    elif action == Action.ANSWER:
        w.outcome = DecisionOutcome.ANSWERED
        w.decided_on = w.notified_on = w.answered_on = on
    elif action == Action.PUBLISH:
        w.published_on = on
    w.status = target
    return Step(action, on, from_status, w.status, w.track, extra)


def replay(track: str, steps: list[tuple[str, str, str, dict[str, Any]]], *, round_: int = 1,
           criteria: list[str] | None = None) -> str:  # fmt: skip
    """Check a stored timeline against the state machines; return the final state.

    ``steps`` are (action, from_status, to_status, data) of the case's events after ``submit``;
    ``transitions.TransitionError`` (or ``AssertionError``) when a step could not have happened.
    """
    w = Walk(track=track, status="", round=round_, submitted_on=dt.date.min, received_on=dt.date.min)
    for action, from_status, to_status, data in steps:
        if action == SUBMIT:
            w.status = to_status
            continue
        if action == "assign":
            assert from_status == to_status == w.status, (action, from_status, to_status, w.status)
            continue
        assert from_status == w.status, (action, from_status, w.status)
        if action == Action.ACCEPT and criteria:
            w.criteria = list(criteria)
        if action == Action.CLASSIFY:
            expected = transitions.next_status(Track(w.track), Status(w.status), Action.CLASSIFY, w.facts())
            w.track = data["to_track"]
        else:
            expected = transitions.next_status(Track(w.track), Status(w.status), Action(action), w.facts())
        assert expected == to_status, (action, from_status, to_status, expected)
        if action == Action.SUSPEND:
            w.suspended_from = from_status
        elif action == Action.RESUME:
            w.suspended_from = ""
        elif action == Action.EXTEND:
            w.extensions += 1
        elif action in {Action.DECIDE, Action.CONCLUDE, Action.ANSWER}:
            w.outcome = "set"
        w.status = to_status
    return w.status
