"""The cases endpoints of the REST API (a django-ninja router mounted at /api/v1/ by ``danvan.api.api``):
petitions in (``POST /cases``), a case looked up by its code, and for staff the list, one case and the steps
they take on it (``POST /cases/{case_id}/actions``).

The caller is identified by the REST kit (``rest.auth``): a partner's key, or a staff session; a key acts as
its staff account with ``staff_read`` to read and ``staff_act`` to act. Each step is the service of its entry
in the step registry (``cases.steps``), with the step's own typed parameters; the service checks the
permission, asks the state machine, writes the timeline and the audit log and queues the notices. A case the
caller may not see answers 404, byte for byte as a case that does not exist (Luật Tố cáo 2018, Điều 47); a
step the caller's role does not allow answers 403.

The operation ids are those the handlers had when they lived in ``danvan.api`` (django-ninja derives them
from the module): they are part of the published schema, which partners generate clients from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, assert_never

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Reply

from danvan.cases import api_schemas as s
from danvan.cases import rules, selectors, steps, transitions
from danvan.cases.choices import Channel, Status, Track
from danvan.cases.models import Case
from danvan.cases.selectors import InboxFilters
from danvan.cases.services.intake import IdempotencyConflict, Petition, case_submit
from danvan.cases.services.protection import may_read_redacted
from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound
from danvan.org import selectors as org_selectors
from danvan.partners.choices import Scope
from danvan.partners.selectors import api_key_case_ids
from danvan.partners.services import api_key_submission_record
from danvan.rest.auth import ApiError, principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID, MAX_PAGE_SIZE

router = Router()

# Every ``action`` a step body may name (the list an unknown action is answered with).
ACTIONS = s.STEP_ACTIONS


def _page(items: QuerySet[Any], page: int, page_size: int) -> tuple[int, list[Any]]:
    return items.count(), list(items[(page - 1) * page_size : page * page_size])


def _body(case: Case) -> str | None:
    return case.handling_organization.name if case.handling_organization else None


def case_row(case: Case, today: dt.date) -> dict[str, Any]:
    """A case in a staff list (api_schemas.CaseStaff)."""
    return {
        "id": case.pk, "tracking_code": case.tracking_code, "kind": case.track, "status": case.status,
        "open": case.status in transitions.OPEN, "title": case.title,
        "topic_code": case.topic.code if case.topic else None, "place_text": case.place_text,
        "place_unit_id": case.place_unit_id, "handling_body_id": case.handling_organization_id,
        "handling_body": _body(case), "handler_id": case.handler_id, "channel": case.channel,
        "received_on": case.received_on, "due_on": case.due_on,
        "deadline_state": rules.case_deadline_state(case.status, case.due_on, case.warn_on, today), "answer": case.answer_text or None,
    }  # fmt: skip


def case_detail(case: Case, user: Any) -> dict[str, Any]:
    """One case for staff (api_schemas.CaseDetail): a tố cáo only from its redacted copy (Luật Tố cáo, Điều 56),
    and that copy empty for all but its handlers until a handler has reviewed it (issue 12). Its
    ``allowed_actions`` are the registry's possible steps that this API takes (``steps.api_allowed``)."""
    content = (case.redacted_content if may_read_redacted(user, case) else "") if case.is_to_cao else case.content
    return {**case_row(case, clock.today()), "content": content, "allowed_actions": steps.api_allowed(case)}


def case_for(user: Any, case_id: int) -> Case:
    """The case through the selector's gate: out of range, missing and forbidden all answer the same 404."""
    if not 1 <= case_id <= MAX_ID:
        raise NotFound("case not found")
    return selectors.case_get_for(user=user, pk=case_id)


# --- cases in and out ---------------------------------------------------------------------------


@router.post("/cases", response={200: s.CaseCreated, 201: s.CaseCreated, **ERRORS}, tags=["cases"],
             operation_id="danvan_api_api_case_create")  # fmt: skip
def case_create(request: HttpRequest, payload: s.CaseCreate) -> Reply:
    """Send a petition. Partners need the ``submit`` scope; a retry with the same ``Idempotency-Key``
    header and the same body returns the stored case with its ``access_token`` (200) instead of a new
    one (201); the same key with another body is refused (409 ``idempotency_conflict``). Keys are
    scoped to the caller: another key or account using the same header value sends a new petition."""
    p = principal(request, write=True)
    if p.key is not None and not p.may(Scope.SUBMIT):
        raise ApiError(403, "scope_missing", _("This API key may not submit petitions."))
    if p.key is None and p.user is None:
        raise ApiError(401, "not_authenticated", _("Sign in or send an API key."))
    idempotency = request.headers.get("Idempotency-Key", "").strip()[:80]
    if p.key is not None and idempotency:
        idempotency = f"{p.key.prefix}:{idempotency}"  # one partner's keys never collide with another's
    elif idempotency:
        idempotency = f"u{p.user.pk}:{idempotency}"
    petition = Petition(
        content=payload.content, title=payload.title, track=payload.kind, topic_code=payload.topic_code,
        place_text=payload.place_text, place_unit_id=payload.place_unit_id, latitude=payload.latitude,
        longitude=payload.longitude, name=payload.name, phone=payload.phone, email=payload.email,
        address=payload.address, is_anonymous=payload.is_anonymous, people_count=payload.people_count,
        consent=payload.consent,
        consent_text=f"REST API consent=true ({'key ' + p.key.prefix if p.key else 'session'})",
    )  # fmt: skip
    try:
        # One transaction: a case stored is always one the key can read back (nothing left for after the commit).
        with transaction.atomic():
            submitted = case_submit(actor=p.actor, petition=petition, channel=Channel.API, idempotency_key=idempotency)
            if p.key is not None:
                api_key_submission_record(api_key=p.key, case_id=submitted.case.pk)
    except IdempotencyConflict as exc:
        raise ApiError(409, exc.code, str(exc.message)) from None
    case = submitted.case
    body = {"tracking_code": case.tracking_code, "access_token": submitted.access_token,
            "created": submitted.created, "status": case.status, "due_on": case.due_on}  # fmt: skip
    return Reply(201 if submitted.created else 200, body)


@router.get("/cases/track/{tracking_code}", response={200: s.CasePublic, **ERRORS}, tags=["cases"],
            operation_id="danvan_api_api_case_track")  # fmt: skip
def case_track(request: HttpRequest, tracking_code: str, token: str = "") -> dict[str, Any]:
    """Look a case up by tracking code: with the private link's ``token``, or by the partner that sent
    it (``read_own``). A tố cáo is never shown to a partner."""
    p = principal(request)
    if token:
        case = selectors.case_get_by_link(tracking_code=tracking_code, token=token)
    elif p.may(Scope.READ_OWN) and p.key is not None:
        case = selectors.case_get_for_partner(tracking_code=tracking_code, case_ids=api_key_case_ids(api_key=p.key))
    else:
        raise NotFound("case not found")
    return {"tracking_code": case.tracking_code, "kind": case.track, "status": case.status,
            "open": case.status in transitions.OPEN, "received_on": case.received_on, "due_on": case.due_on,
            "handling_body": _body(case), "answer": case.answer_text or None}  # fmt: skip


@router.get("/cases", response={200: s.CasePage, **ERRORS}, tags=["staff"], operation_id="danvan_api_api_case_list")
def case_list(
    request: HttpRequest,
    status: Status | None = None,
    kind: Track | None = None,
    body: int | None = Query(None, ge=1, le=2_147_483_647),
    place: int | None = Query(None, ge=1, le=2_147_483_647),
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    only_open: bool = False,
    q: str = Query("", max_length=200),
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """The cases the caller may see as staff (session, or a key with ``staff_read``), soonest deadline first."""
    user = staff_user(principal(request))
    filters = InboxFilters(status=status or "", track=kind or "", organization_id=body, place_unit_id=place,
                           query=q, only_open=only_open, received_from=received_from,
                           received_to=received_to)  # fmt: skip
    count, chunk = _page(selectors.case_list_for(user=user, filters=filters).select_related("topic"), page, page_size)
    today = clock.today()
    return {"count": count, "page": page, "page_size": page_size, "results": [case_row(c, today) for c in chunk]}


@router.get("/cases/{case_id}", response={200: s.CaseDetail, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_api_case_read")  # fmt: skip
def case_read(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """One case, for staff who may see it; anything else is 404, exactly like a missing case.
    ``allowed_actions``: the steps ``POST /cases/{case_id}/actions`` may take on it now."""
    user = staff_user(principal(request))
    return case_detail(case_for(user, case_id), user)


# --- the steps staff take ------------------------------------------------------------------------


def _handler(case: Case, handler_id: int) -> Any:
    # One of the people who may handle the case's body; anyone else, known or not, answers alike (ids are not
    # probed). The service checks the chosen person again.
    handler = None
    if case.handling_organization is not None:
        handler = (
            org_selectors.users_who_may(steps.HANDLE, organization=case.handling_organization)
            .filter(pk=handler_id)
            .first()
        )
    if handler is None:
        raise DomainError(_("This person does not handle cases of this body."), code="not_a_handler")
    return handler


def _body_to(organization_id: int) -> Any:
    try:
        return org_selectors.organization_get(pk=organization_id)
    except NotFound:
        raise DomainError(_("There is no such body."), code="unknown_body") from None


def _arguments(step: s.CaseStep, case: Case) -> dict[str, Any]:
    """The keyword arguments of the step's service (``steps.STEPS[step.action].service``), from its body."""
    match step:
        case s.ClassifyStep():
            return {"track": step.track, "note": step.note}
        case s.RegisterStep() | s.StartStudyStep() | s.StartVerificationStep() | s.SendDecisionStep():
            return {"note": step.note}
        case s.AssignStep():
            return {"handler": _handler(case, step.handler_id), "note": step.note}
        case s.AcceptStep():
            criteria = None if step.criteria is None else [str(c) for c in step.criteria]
            return {"document_number": step.document_number, "criteria": criteria}
        case s.RejectStep():
            return {"reason": step.reason, "note": step.note}
        case s.TransferStep():
            return {"to": _body_to(step.to_organization_id), "reason": step.reason}
        case s.HoldDialogueStep():
            return {"minutes": step.minutes, "held_on": step.held_on.isoformat() if step.held_on else ""}
        case s.ExtendStep():
            return {"decision_number": step.decision_number, "reason": step.reason}
        case s.SuspendStep():
            return {"reason": step.reason, "decision_number": step.decision_number}
        case s.ResumeStep():
            return {"decision_number": step.decision_number, "note": step.note}
        case s.DecideStep():
            return {"outcome": step.outcome, "decision_number": step.decision_number, "answer_text": step.answer_text}
        case s.AnswerStep():
            return {"answer_text": step.answer_text}
        case s.PublishStep():
            return {"public_answer": step.public_answer}
        case s.MarkInfoOnlyStep() | s.CourtFiledStep() | s.CloseStep() | s.WithdrawStep():
            return {"note": step.note}
        case s.FinalizeStep():
            return {}
    assert_never(step)  # mypy: every step of api_schemas.CaseStep has its arguments above


@router.post(
    "/cases/{case_id}/actions",
    response={200: s.CaseDetail, **ERRORS},
    tags=["staff"],
    summary="Take a step on a case",
    openapi_extra={"requestBody": {"description": "One step: ``action`` and that step's fields."}},
    operation_id="danvan_api_case_actions_case_act",
)
def case_act(request: HttpRequest, case_id: int, step: s.CaseStep) -> dict[str, Any]:
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
    steps.STEPS[step.action].service(case=case, actor=user, **_arguments(step, case))  # the services reload ``case``
    return case_detail(case, user)
