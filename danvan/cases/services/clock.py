"""Keeps a case's legal deadline in step with its state (called by every service that moves it)."""

from __future__ import annotations

import logging

from danvan.cases import rules
from danvan.cases.models import Case
from danvan.core.errors import DomainError
from danvan.deadlines.rules import Modifiers, Pause
from danvan.deadlines.selectors import deadline_compute

log = logging.getLogger(__name__)


def case_deadline_refresh(case: Case) -> None:
    """Recompute ``due_on``/``warn_on``/explanation for the clock of the case's current state."""
    clock = rules.clock_for(case.track, case.status, case.round, reopened=case.reopened_on is not None)
    if clock is None:
        case.due_on = case.warn_on = None
        case.due_step = case.due_explanation = ""
        case.due_estimated = False
        return
    started_on = getattr(case, clock.anchor) or case.received_on
    # Only the suspensions inside this clock stop it: one from an earlier step (a complaint suspended
    # while being verified, then decided) belongs to that step's clock, not to "send the decision".
    suspensions = case.suspensions.all() if case.pk else []
    pauses = [Pause(s.suspended_on, s.resumed_on) for s in suspensions if s.suspended_on >= started_on]
    try:
        deadline = deadline_compute(
            procedure=clock.procedure,
            step=clock.step,
            started_on=started_on,
            modifiers=Modifiers.from_criteria(case.criteria, remote_area=case.remote_area, extensions=case.extensions),
            pauses=pauses,
        )
    except DomainError as exc:
        # A missing rule must not block the citizen's case: it is logged and shown as "no deadline".
        log.warning("no deadline for %s %s.%s: %s", case.tracking_code, clock.procedure, clock.step, exc)
        case.due_on = case.warn_on = None
        case.due_step, case.due_explanation, case.due_estimated = f"{clock.procedure}.{clock.step}", "", False
        return
    case.due_on = deadline.due_on
    case.warn_on = deadline.warn_on
    case.due_step = f"{clock.procedure}.{clock.step}"
    case.due_explanation = deadline.explanation
    case.due_estimated = deadline.estimated
