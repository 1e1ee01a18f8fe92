"""Counting a vote round, whatever its form: the one place a round's result is decided from the law's
thresholds (``rules``) over ALL households, and the matter moved on. Meetings and ballots
(``services.decisions``) and online votes (``services.voting``) call ``round_count``; a commune-wide
matter passes when enough of ALL its villages agreed (``matter_settle``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.democracy import errors, rules
from danvan.democracy.enums import DecisionItem, Form, MatterStatus, Scope, VoteRoundStatus
from danvan.democracy.models import Matter, VoteRound


@dataclass(frozen=True)
class RoundResult:
    passed: bool
    lacked_households: bool  # a meeting where even all present agreeing could not pass (Art. 19)
    threshold: rules.Threshold
    needed: int  # the fewest agreeing households that pass


def round_result(round_: VoteRound, *, yes: int, present: int | None) -> RoundResult:
    """What ``yes`` agreeing households mean for this round (pure over the round's facts)."""
    matter = round_.matter
    item, form = DecisionItem(matter.item), Form(round_.form)
    # A commune-wide matter is decided village by village; each village's own vote passes by the
    # village rule of its item (the commune-wide rule is applied to the villages in matter_settle).
    threshold = rules.pass_threshold(item, Scope.VILLAGE, form)
    total = round_.households_total
    lacked = False
    passed = threshold.met(yes, total)
    if form is Form.MEETING and present is not None:
        quorum = rules.meeting_quorum(item)
        if quorum is not None and not quorum.met(present, total):
            passed = False  # a hương ước meeting without more than half the households is void
        lacked = not rules.meeting_could_pass(item, Scope.VILLAGE, present, total)
    return RoundResult(passed, lacked, threshold, threshold.needed(total))


def _check_counts(round_: VoteRound, yes: int, no: int, blank: int, present: int | None) -> None:
    total = round_.households_total
    voted = yes + no + blank
    problems = []
    if min(yes, no, blank) < 0:
        problems.append(_("Counts cannot be negative."))
    if present is not None and (present > total or voted > present):
        problems.append(_("More votes or households present than households in the village."))
    if voted > total:
        problems.append(_("More votes than households in the village."))
    if problems:
        raise DomainError(" ".join(problems), code=errors.BAD_COUNTS)


def round_count(
    *, actor: Any, round_: VoteRound, yes: int, no: int, blank: int = 0, present: int | None = None, minutes: str = ""
) -> RoundResult:
    """Close ``round_`` with its counts and apply the result to its matter. Call inside the caller's
    transaction, after the caller checked permission and the round's own rules (team, notice …)."""
    if round_.status in (VoteRoundStatus.CLOSED, VoteRoundStatus.CANCELLED):
        raise DomainError(_("This vote has already been counted."), code=errors.BAD_STATE)
    _check_counts(round_, yes, no, blank, present)
    result = round_result(round_, yes=yes, present=present)
    round_.yes, round_.no, round_.blank = yes, no, blank
    if present is not None:
        round_.present, round_.absent = present, round_.households_total - present
    round_.passed, round_.lacked_households = result.passed, result.lacked_households
    round_.status, round_.counted_at = VoteRoundStatus.CLOSED, clock.now()
    if minutes:
        round_.minutes = minutes
    round_.save()
    audit_record(actor=actor, action="democracy.round_count", obj=round_.matter, object_repr=str(round_.matter),
                 after={"round": round_.pk, "form": round_.form, "yes": yes, "no": no, "blank": blank,
                        "present": present, "passed": result.passed})  # fmt: skip
    matter_settle(round_.matter)
    return result


def matter_settle(matter: Matter) -> None:
    """Move the matter on from its counted rounds: a village matter passes with its last counted
    round; a commune-wide one when enough of ALL its villages agreed (≥ 2/3 for items 1–2)."""
    counted = [r for r in matter.rounds.order_by("id") if r.status == VoteRoundStatus.CLOSED]
    open_rounds = matter.rounds.exclude(status__in=[VoteRoundStatus.CLOSED, VoteRoundStatus.CANCELLED]).exists()
    if not counted:
        return
    if matter.scope == Scope.VILLAGE:
        passed = bool(counted[-1].passed)
        if not passed and counted[-1].lacked_households:
            return  # too few households came: the law's next step is a ballot (Art. 19), not a failure
    else:
        latest: dict[int, bool] = {}
        for r in counted:
            latest[r.village_id] = bool(r.passed)
        total = matter.villages_total or len(latest)
        threshold = rules.pass_threshold(DecisionItem(matter.item), Scope.COMMUNE)
        agreed, still_to_vote = sum(latest.values()), max(total - len(latest), 0)
        passed = threshold.met(agreed, total)
        if not passed and (open_rounds or threshold.met(agreed + still_to_vote, total)):
            return  # villages still voting, or still to vote and able to carry it
    if passed:
        matter.status, matter.decided_on = MatterStatus.PASSED, clock.today()
    elif not open_rounds:
        matter.status = MatterStatus.FAILED
    matter.save(update_fields=["status", "decided_on", "updated_at"])
