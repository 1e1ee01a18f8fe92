"""The conclusions part's REST endpoints (mounted by api/__init__.py): a notice by its follow code
(public: summary and tasks only), issuing a notice (staff, idempotent by ``request_key``) and reporting
on a task (staff). Thin over ``services.conclusions`` and ``selectors.conclusions``; refusals reach the
caller in the project's one error shape (``danvan.api.api``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as Reply

from danvan.core.errors import NotFound
from danvan.org.models import Organization, User
from danvan.reception import codes
from danvan.reception.api import limits
from danvan.reception.models import ConclusionNotice, ConclusionTask, ReceptionSession, Visit
from danvan.reception.selectors import conclusions as selectors
from danvan.reception.services import conclusions as services
from danvan.rest.auth import principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, TEXT_LIMIT, Input

router = Router(tags=["reception"])


class ConclusionTaskPublic(Schema):
    description: str
    status: str
    owner_body: str
    due_on: dt.date
    done_on: dt.date | None
    overdue: bool


class ConclusionPublic(Schema):
    """What the follow code shows: never the conclusions' text, a visitor or an officer."""

    number: str
    body: str
    issued_on: dt.date
    summary: str
    tasks: list[ConclusionTaskPublic]


class ConclusionTaskIn(Input):
    description: str = Field(..., max_length=TEXT_LIMIT)
    owner_organization_id: int | None = Field(None, ge=1, le=MAX_ID)
    owner_user_id: int | None = Field(None, ge=1, le=MAX_ID)
    due_on: dt.date | None = None


class ConclusionIn(Input):
    organization_id: int = Field(..., ge=1, le=MAX_ID)
    session_id: int | None = Field(None, ge=1, le=MAX_ID)
    visit_id: int | None = Field(None, ge=1, le=MAX_ID)
    summary: str = Field(..., max_length=300)
    body: str = Field(..., max_length=TEXT_LIMIT)
    recipients: str = Field("", max_length=2000)
    signer_title: str = Field(..., max_length=200)
    tasks: list[ConclusionTaskIn] = Field(..., max_length=30)
    request_key: str = Field("", max_length=64, description="A retry with the same key returns the same notice")


class ConclusionCreated(Schema):
    id: int
    number: str
    follow_code: str
    issued_on: dt.date
    tasks: int


class TaskStepIn(Input):
    action: Literal["progress", "done", "cancel"]
    note: str = Field(..., max_length=TEXT_LIMIT)


class TaskOut(Schema):
    id: int
    status: str
    done_on: dt.date | None


def _get(model: Any, pk: int | None) -> Any:
    if pk is None:
        return None
    row = model.objects.filter(pk=pk).first()
    if row is None:
        raise NotFound(f"{model._meta.model_name} not found")
    return row


@router.get("/reception/conclusions/follow/{code}", response={200: ConclusionPublic, **ERRORS},
            summary="Follow a notice of conclusions by its code",
            operation_id="danvan_api_reception_conclusion_follow")  # fmt: skip
def conclusion_follow(request: HttpRequest, code: str) -> dict[str, Any]:
    """The notice's number, body, date and summary, and each task's status, owner body and due date.
    Public, rate-limited per client address and by the web page's rule; a wrong code answers 404."""
    principal(request)
    limits.hit(request, "reception_follow")  # the web page's rule (docs/limits.md): every look-up counts
    normalized = codes.code_parse(codes.FOLLOW_PREFIX, code)
    if normalized is None:
        raise NotFound("no notice with this code")
    notice = selectors.notice_public(code=normalized)
    return {"number": notice.number_text, "body": notice.body_name, "issued_on": notice.issued_on,
            "summary": notice.summary, "tasks": [t.__dict__ for t in notice.tasks]}  # fmt: skip


@router.post("/reception/conclusions", response={200: ConclusionCreated, 201: ConclusionCreated, **ERRORS},
             summary="Issue a notice of conclusions", operation_id="danvan_api_reception_conclusion_create")  # fmt: skip
def conclusion_create(request: HttpRequest, payload: ConclusionIn) -> Reply:
    """The head of the body (reception.conclude) issues the notice with its tasks. 201: stored; 200: the
    same ``request_key`` was already used by this body (the stored notice). A task without owner answers
    ``no_owner``; a due date in the past ``bad_date``; nothing is stored then."""
    actor = staff_actor(principal(request, write=True))
    known = bool(payload.request_key) and ConclusionNotice.objects.filter(request_key=payload.request_key).exists()
    tasks = [services.TaskInput(description=t.description, owner_organization=_get(Organization, t.owner_organization_id),
                                owner_user=_get(User, t.owner_user_id), due_on=t.due_on) for t in payload.tasks]  # fmt: skip
    notice = services.conclusion_issue(
        actor=actor, organization=_get(Organization, payload.organization_id),
        session=_get(ReceptionSession, payload.session_id), visit=_get(Visit, payload.visit_id),
        summary=payload.summary, body=payload.body, recipients=payload.recipients, signer_title=payload.signer_title,
        tasks=tasks, request_key=payload.request_key,
    )  # fmt: skip
    out = {"id": notice.pk, "number": notice.number_text, "follow_code": notice.follow_code,
           "issued_on": notice.issued_on, "tasks": notice.tasks.count()}  # fmt: skip
    return Reply(200 if known else 201, out)


@router.post("/reception/conclusions/tasks/{task_id}/progress", response={200: TaskOut, **ERRORS},
             summary="Report on a task of a notice of conclusions",
             operation_id="danvan_api_reception_conclusion_task_progress")  # fmt: skip
def conclusion_task_progress(request: HttpRequest, task_id: int, payload: TaskStepIn) -> dict[str, Any]:
    """Progress (the task stays open), done (with its result) or cancel (with the reason): the owner body
    (reception.work_tasks) or the head who concluded."""
    actor = staff_actor(principal(request, write=True))
    if task_id > MAX_ID:
        raise NotFound("task not found")
    try:
        task = selectors.task_get_for(user=actor, pk=task_id)
    except NotFound:
        # Let the service answer: 403 to an officer of another body, 404 to one who works on no task.
        found = ConclusionTask.objects.filter(pk=task_id).select_related("notice").first()
        if found is None:
            raise
        task = found
    task = services.task_report(actor=actor, task=task, action=payload.action, note=payload.note)
    return {"id": task.pk, "status": task.status, "done_on": task.done_on}
