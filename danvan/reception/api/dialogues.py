"""The dialogues part's REST endpoints (mounted by api/__init__.py): the published dialogues, one with its
questions (answered in the open, never the asker) and commitments, and a question sent before it (no
account; a retry with the same ``Idempotency-Key`` returns the stored question). All public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Reply
from pydantic import Field

from danvan.reception.api import limits
from danvan.reception.selectors import dialogues as selectors
from danvan.reception.services import dialogues as services
from danvan.rest.auth import ApiError, principal
from danvan.rest.schemas import ERRORS, MAX_ID, Input

router = Router(tags=["reception"])


class DialogueRow(Schema):
    id: int
    subject: str
    body: str
    place: str | None
    location: str
    planned_at: dt.datetime
    status: str
    questions_open: bool
    commitments: int
    commitments_kept: int


class DialogueList(Schema):
    upcoming: list[DialogueRow]
    past: list[DialogueRow]


class QuestionOut(Schema):
    id: int
    stage: str
    text: str
    answer: str | None


class CommitmentOut(Schema):
    id: int
    text: str
    owner_body: str
    due_on: dt.date
    status: str
    progress: str
    closed_on: dt.date | None
    close_note: str


class DialogueOut(Schema):
    id: int
    subject: str
    description: str
    convener: str
    body: str
    place: str | None
    audience: str
    location: str
    planned_at: dt.datetime
    questions_until: dt.datetime | None
    questions_open: bool
    status: str
    invitation: str
    held_at: dt.datetime | None
    attendance: int | None
    minutes: str
    closed_on: dt.date | None
    questions: list[QuestionOut]
    commitments: list[CommitmentOut]


class QuestionIn(Input):
    text: str = Field(min_length=1, max_length=services.QUESTION_MAX)
    name: str = Field("", max_length=200, description="Optional; kept for the officers, never published.")
    contact: str = Field("", max_length=200, description="Optional phone or email; never published.")


class QuestionCreated(Schema):
    id: int
    created: bool


def _row(d: Any) -> dict[str, Any]:
    return {"id": d.pk, "subject": d.subject, "body": d.organization.name, "place": d.unit.name if d.unit else None,
            "location": d.location, "planned_at": d.planned_at, "status": d.status,
            "questions_open": services.questions_open(d), "commitments": d.n_commitments,
            "commitments_kept": d.n_kept}  # fmt: skip


@router.get(
    "/reception/dialogues", response={200: DialogueList, **ERRORS}, operation_id="danvan_api_reception_dialogue_list"
)
def dialogue_list(request: HttpRequest, place: int | None = None) -> dict[str, Any]:
    """Published dialogues: upcoming (soonest first) and past (latest first), optionally of one place
    (an administrative unit's id)."""
    principal(request)
    listing = selectors.dialogues_public(place_id=place if place and 0 < place <= MAX_ID else None)
    return {"upcoming": [_row(d) for d in listing.upcoming], "past": [_row(d) for d in listing.past]}


@router.get(
    "/reception/dialogues/{dialogue_id}",
    response={200: DialogueOut, **ERRORS},
    operation_id="danvan_api_reception_dialogue_read",
)
def dialogue_read(request: HttpRequest, dialogue_id: int) -> dict[str, Any]:
    """One published dialogue: its visible questions with their answers (never who asked), the minutes and
    the commitments with their owner body, due date and status."""
    principal(request)
    if not 0 < dialogue_id <= MAX_ID:
        raise ApiError(404, "not_found", _("Not found."))
    d = selectors.dialogue_public(pk=dialogue_id)
    return {
        "id": d.pk, "subject": d.subject, "description": d.description, "convener": d.convener,
        "body": d.organization.name, "place": d.unit.name if d.unit else None, "audience": d.audience,
        "location": d.location, "planned_at": d.planned_at, "questions_until": d.questions_until,
        "questions_open": services.questions_open(d), "status": d.status, "invitation": d.invitation,
        "held_at": d.held_at, "attendance": d.attendance, "minutes": d.minutes, "closed_on": d.closed_on,
        "questions": [{"id": q.pk, "stage": q.stage, "text": q.text, "answer": q.answer or None}
                      for q in d.public_questions],  # type: ignore[attr-defined]
        "commitments": [{"id": c.pk, "text": c.text, "owner_body": c.owner_organization.name, "due_on": c.due_on,
                         "status": c.status, "progress": c.progress, "closed_on": c.closed_on,
                         "close_note": c.close_note} for c in d.commitment_rows],  # type: ignore[attr-defined]
    }  # fmt: skip


@router.post("/reception/dialogues/{dialogue_id}/questions", response={200: QuestionCreated, 201: QuestionCreated, **ERRORS},
             operation_id="danvan_api_reception_dialogue_question_create")  # fmt: skip
def dialogue_question_create(request: HttpRequest, dialogue_id: int, payload: QuestionIn) -> Reply:
    """Send a question before a dialogue (no account). Needs an ``Idempotency-Key`` header: a retry with
    the same key returns the stored question (200) instead of a new one (201). After the question window
    closes: 400 ``questions_closed``."""
    principal(request, write=True)
    if not 0 < dialogue_id <= MAX_ID:
        raise ApiError(404, "not_found", _("Not found."))
    key = request.headers.get("Idempotency-Key", "").strip()[:80]
    if not key:
        raise ApiError(422, "invalid", _("Please correct the marked fields."),
                       details={"Idempotency-Key": _("Send an Idempotency-Key header.")})  # fmt: skip
    limits.hit(request, "dialogue_question")  # the web form's rule (docs/limits.md)
    submitted = services.question_submit(dialogue_id=dialogue_id, text=payload.text, request_key=f"api:{key}",
                                         asker_name=payload.name, asker_contact=payload.contact)  # fmt: skip
    return Reply(201 if submitted.created else 200, {"id": submitted.question.pk, "created": submitted.created})
