"""The steps staff take on a case (``POST /cases/{case_id}/actions``), and how staff see a case.

The caller is a staff session or a partner's key acting as its staff account (``staff_read`` to read,
``staff_act`` to act). Each step is one service of ``danvan.cases.services.handling`` with explicit
parameters; the service checks the permission, asks the state machine, writes the timeline and the
audit log and queues the notices. A case the caller may not see answers 404, byte for byte as a case
that does not exist (Luật Tố cáo 2018, Điều 47); a step the caller's role does not allow answers 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, assert_never

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from danvan.cases import rules, transitions
from danvan.cases.models import Case
from danvan.cases.selectors import case_get_for
from danvan.cases.services import handling
from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.org.models import Organization, User
from danvan.rest import schemas
from danvan.rest.auth import principal, staff_actor

router = Router(tags=["staff"])

# The steps this endpoint offers, in the order of a case's life.
ACTIONS = schemas.STEP_ACTIONS


def case_row(case: Case, today: dt.date) -> dict[str, Any]:
    """A case in a staff list (schemas.CaseStaff)."""
    return {
        "id": case.pk, "tracking_code": case.tracking_code, "kind": case.track, "status": case.status,
        "open": case.status in transitions.OPEN, "title": case.title,
        "topic_code": case.topic.code if case.topic else None, "place_text": case.place_text,
        "place_unit_id": case.place_unit_id, "handling_body_id": case.handling_organization_id,
        "handling_body": case.handling_organization.name if case.handling_organization else None,
        "handler_id": case.handler_id, "channel": case.channel, "received_on": case.received_on,
        "due_on": case.due_on, "deadline_state": rules.deadline_state(case.due_on, case.warn_on, today),
        "answer": case.answer_text or None,
    }  # fmt: skip


def case_detail(case: Case, user: Any) -> dict[str, Any]:
    """One case for staff (schemas.CaseDetail): a tố cáo only from its redacted copy (Luật Tố cáo, Điều 56),
    and that copy empty for all but its handlers until a handler has reviewed it (issue 12)."""
    from danvan.cases.services.protection import may_read_redacted

    allowed = [str(a) for a in handling.case_allowed_actions(case) if str(a) in ACTIONS]
    content = (case.redacted_content if may_read_redacted(user, case) else "") if case.is_to_cao else case.content
    return {**case_row(case, clock.today()), "content": content, "allowed_actions": allowed}


def case_for(user: Any, case_id: int) -> Case:
    """The case through the selector's gate: out of range, missing and forbidden all answer the same 404."""
    if not 1 <= case_id <= schemas.MAX_ID:
        raise NotFound("case not found")
    return case_get_for(user=user, pk=case_id)


def _handler(handler_id: int) -> User:
    # An unknown account answers like one that does not handle the body's cases: ids are not probed.
    handler = User.objects.filter(pk=handler_id, is_active=True).first()
    if handler is None:
        raise DomainError(_("This person does not handle cases of this body."), code="not_a_handler")
    return handler


def _body(organization_id: int) -> Organization:
    body = Organization.objects.filter(pk=organization_id).first()
    if body is None:
        raise DomainError(_("There is no such body."), code="unknown_body")
    return body


def _take(step: schemas.CaseStep, *, case: Case, actor: Any) -> Any:
    """Call the service of ``step`` with its own typed parameters."""
    s = schemas
    match step:
        case s.ClassifyStep():
            return handling.case_classify(case=case, actor=actor, track=step.track, note=step.note)
        case s.RegisterStep():
            return handling.case_register(case=case, actor=actor, note=step.note)
        case s.StartStudyStep():
            return handling.case_start_study(case=case, actor=actor, note=step.note)
        case s.AssignStep():
            return handling.case_assign(case=case, actor=actor, handler=_handler(step.handler_id), note=step.note)
        case s.AcceptStep():
            criteria = None if step.criteria is None else [str(c) for c in step.criteria]
            return handling.case_accept(case=case, actor=actor, document_number=step.document_number,
                                        criteria=criteria)  # fmt: skip
        case s.RejectStep():
            return handling.case_reject(case=case, actor=actor, reason=step.reason, note=step.note)
        case s.TransferStep():
            return handling.case_transfer(case=case, actor=actor, to=_body(step.to_organization_id),
                                          reason=step.reason)  # fmt: skip
        case s.StartVerificationStep():
            return handling.case_start_verification(case=case, actor=actor, note=step.note)
        case s.HoldDialogueStep():
            held_on = step.held_on.isoformat() if step.held_on else ""
            return handling.case_hold_dialogue(case=case, actor=actor, minutes=step.minutes, held_on=held_on)
        case s.ExtendStep():
            return handling.case_extend(case=case, actor=actor, decision_number=step.decision_number,
                                        reason=step.reason)  # fmt: skip
        case s.SuspendStep():
            return handling.case_suspend(case=case, actor=actor, reason=step.reason,
                                         decision_number=step.decision_number)  # fmt: skip
        case s.ResumeStep():
            return handling.case_resume(case=case, actor=actor, decision_number=step.decision_number, note=step.note)
        case s.DecideStep():
            return handling.case_decide(case=case, actor=actor, outcome=step.outcome,
                                        decision_number=step.decision_number, answer_text=step.answer_text)  # fmt: skip
        case s.SendDecisionStep():
            return handling.case_send_decision(case=case, actor=actor, note=step.note)
        case s.AnswerStep():
            return handling.case_answer(case=case, actor=actor, answer_text=step.answer_text)
        case s.PublishStep():
            return handling.case_publish(case=case, actor=actor, public_answer=step.public_answer)
        case s.MarkInfoOnlyStep():
            return handling.case_mark_info_only(case=case, actor=actor, note=step.note)
        case s.CourtFiledStep():
            return handling.case_court_filed(case=case, actor=actor, note=step.note)
        case s.FinalizeStep():
            return handling.case_finalize(case=case, actor=actor)
        case s.CloseStep():
            return handling.case_close(case=case, actor=actor, note=step.note)
        case s.WithdrawStep():
            return handling.case_withdraw(case=case, actor=actor, note=step.note)
    assert_never(step)  # mypy: every step of schemas.CaseStep has its service above


@router.post(
    "/cases/{case_id}/actions",
    response={200: schemas.CaseDetail, **schemas.ERRORS},
    summary="Take a step on a case",
    openapi_extra={"requestBody": {"description": "One step: ``action`` and that step's fields."}},
)
def case_act(request: HttpRequest, case_id: int, step: schemas.CaseStep) -> dict[str, Any]:
    """Take one handling step as staff: a session (with its CSRF token), or a key with ``staff_act`` acting
    with the permissions of its staff account. The reply is the case afterwards, as ``GET /cases/{case_id}``
    shows it (after a transfer to another body, the caller may no longer read it there).

    A step the law does not allow now answers 400 with the state machine's code (``transition_not_allowed``,
    ``nothing_to_publish``, ``dialogue_required`` …), so a repeated step is refused rather than done twice
    (``assign`` and ``publish`` may be repeated: they set the same value again). A step of another role
    answers 403; a case the account may not see answers 404.
    """
    user = staff_actor(principal(request, write=True))
    case = case_for(user, case_id)
    _take(step, case=case, actor=user)  # the services reload ``case`` after the step
    return case_detail(case, user)
