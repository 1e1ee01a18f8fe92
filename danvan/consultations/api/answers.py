"""Consultations: the answers part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_answers_*``).

Public: a published summary with every group's answer and the comments' texts (no participant identity:
the channel and the source of keyed-in views only). Staff (``consultations.answer`` on the consulting body,
only the named officers and the head when the consultation names them; publishing is the head's): the
groups, suggesting them, answering one, the decision's date, publishing the summary. Refusals carry the
services' codes (``reason_required``, ``unanswered``, ``already_published``, ``bad_state``, ``forbidden`` …).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from pydantic import Field

from danvan.consultations.models import CommentGroup, Consultation
from danvan.consultations.selectors import answers as selectors
from danvan.consultations.services import answers as services
from danvan.core.errors import NotFound
from danvan.rest.auth import principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, Input

router = Router(tags=["consultations"])


class AnswersCommentOut(Schema):
    text: str
    section_key: str
    channel: str
    source_ref: str
    supporters: int


class AnswersGroupOut(Schema):
    id: int
    section_key: str
    section: str
    title: str
    answer: str
    answer_text: str
    reason: str
    comments: list[AnswersCommentOut]


class AnswersSummaryOut(Schema):
    code: str
    title: str
    decided_on: dt.date | None
    summary_due_on: dt.date | None
    published_on: dt.date
    on_time: bool | None
    text: str
    figures: dict[str, Any]
    groups: list[AnswersGroupOut]


class AnswersAnswerIn(Input):
    answer: str = Field(max_length=12)
    text: str = Field(max_length=services.ANSWER_MAX)
    reason: str = Field("", max_length=services.ANSWER_MAX)


class AnswersDecisionIn(Input):
    decided_on: dt.date


class AnswersPublishIn(Input):
    text: str = Field(max_length=services.SUMMARY_MAX)


class AnswersDecisionOut(Schema):
    code: str
    decided_on: dt.date | None
    summary_due_on: dt.date | None


def _groups(c: Consultation, *, keep_empty: bool) -> list[dict[str, Any]]:
    headings = selectors.section_headings(c)
    rows = []
    for g in selectors.groups_of(c):
        comments = g.comments_shown  # type: ignore[attr-defined]
        if not comments and not keep_empty:
            continue
        rows.append({
            "id": g.pk, "section_key": g.section_key, "section": headings.get(g.section_key, ""), "title": g.title,
            "answer": g.answer, "answer_text": g.answer_text, "reason": g.reason,
            "comments": [{"text": cm.text, "section_key": cm.section_key, "channel": cm.channel,
                          "source_ref": cm.source_ref, "supporters": cm.supporters} for cm in comments],
        })  # fmt: skip
    return rows


def _summary(c: Consultation) -> dict[str, Any]:
    from danvan.consultations import rules

    summary = selectors.summary_of(c)
    assert summary is not None
    return {"code": c.code, "title": c.title, "decided_on": c.decided_on, "summary_due_on": c.summary_due_on,
            "published_on": summary.published_on, "text": summary.text, "figures": summary.figures,
            "on_time": rules.summary_on_time(c.summary_due_on, summary.published_on, summary.published_on),
            "groups": _groups(c, keep_empty=False)}  # fmt: skip


def _mine(actor: Any, code: str) -> Consultation:
    return selectors.consultation_for_answering(user=actor, code=code[:60])


def _group(c: Consultation, group_id: int) -> CommentGroup:
    group = c.groups.filter(pk=group_id).first() if group_id <= MAX_ID else None
    if group is None:
        raise NotFound("group not found")
    return group


@router.get("/consultations/{code}/summary", response={200: AnswersSummaryOut, **ERRORS},
            summary="A consultation's published summary and answers (Art. 11(11))",
            operation_id="danvan_api_consultations_answers_summary")  # fmt: skip
def summary_public(request: HttpRequest, code: str) -> dict[str, Any]:
    """404 until the summary is published. Comments carry their text, channel and source, never who wrote them."""
    principal(request)
    return _summary(selectors.summary_public(code=code[:60]))


@router.get("/consultations/{code}/groups", response={200: list[AnswersGroupOut], **ERRORS},
            summary="The groups of comments to answer (staff)",
            operation_id="danvan_api_consultations_answers_groups")  # fmt: skip
def groups_list(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    actor = staff_actor(principal(request))
    return _groups(_mine(actor, code), keep_empty=True)


@router.post("/consultations/{code}/groups/suggest", response={200: list[AnswersGroupOut], **ERRORS},
             summary="Group the comments not yet grouped, by section and similar content",
             operation_id="danvan_api_consultations_answers_suggest")  # fmt: skip
def groups_suggest(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    """Existing groups are kept; returns every group afterwards."""
    actor = staff_actor(principal(request, write=True))
    c = _mine(actor, code)
    services.groups_suggest(actor=actor, consultation=c)
    return _groups(c, keep_empty=True)


@router.post("/consultations/{code}/groups/{group_id}/answer", response={200: AnswersGroupOut, **ERRORS},
             summary="Answer a group: accepted, explained or not accepted with the reason",
             operation_id="danvan_api_consultations_answers_answer")  # fmt: skip
def group_answer(request: HttpRequest, code: str, group_id: int, payload: AnswersAnswerIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    c = _mine(actor, code)
    services.group_answer(actor=actor, group=_group(c, group_id), answer=payload.answer, text=payload.text,
                          reason=payload.reason)  # fmt: skip
    return next(g for g in _groups(c, keep_empty=True) if g["id"] == group_id)


@router.post("/consultations/{code}/decision", response={200: AnswersDecisionOut, **ERRORS},
             summary="Record the authority's decision (starts the summary's publication period)",
             operation_id="danvan_api_consultations_answers_decide")  # fmt: skip
def decision_record(request: HttpRequest, code: str, payload: AnswersDecisionIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    c = services.decision_record(actor=actor, consultation=_mine(actor, code), decided_on=payload.decided_on)
    return {"code": c.code, "decided_on": c.decided_on, "summary_due_on": c.summary_due_on}


@router.post("/consultations/{code}/summary", response={201: AnswersSummaryOut, **ERRORS},
             summary="Publish the summary and the answers (Art. 11(11))",
             operation_id="danvan_api_consultations_answers_publish")  # fmt: skip
def summary_publish(request: HttpRequest, code: str, payload: AnswersPublishIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    c = _mine(actor, code)
    services.summary_publish(actor=actor, consultation=c, text=payload.text)
    c.refresh_from_db()
    return Reply(201, _summary(c))
