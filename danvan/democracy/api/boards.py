"""The boards part's REST endpoints; operation ids pinned as danvan_api_democracy_boards_*.

Public: a commune's boards (members' names and roles, recommendations and their answer status; never
a contact). Staff: set up a board (the commune Front), send a recommendation, answer one (the addressed
body). Thin over ``services.boards`` and ``selectors.boards``; refusals in the project's error shape."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as Reply

from danvan.core.errors import NotFound
from danvan.democracy.selectors import boards as selectors
from danvan.democracy.selectors.communes import commune_by_code
from danvan.democracy.services import boards as services
from danvan.org.models import Organization
from danvan.rest.auth import principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, TEXT_LIMIT, Input

router = Router(tags=["democracy"])


class MemberPublic(Schema):
    full_name: str
    role: str
    village: str


class RecommendationPublic(Schema):
    to: str
    content: str
    sent_on: dt.date
    due_on: dt.date
    status: str
    answered_on: dt.date | None
    answer: str
    overdue: bool


class BoardPublic(Schema):
    id: int
    kind: str
    name: str
    project: str
    established_on: dt.date
    term_ends_on: dt.date | None
    members: list[MemberPublic]
    recommendations: list[RecommendationPublic]


class MemberIn(Input):
    full_name: str = Field(..., max_length=200)
    village_id: int | None = Field(None, ge=1, le=MAX_ID)
    role: Literal["head", "deputy", "member"] = "member"
    is_commune_staff: bool = False
    is_village_official: bool = False
    is_project_related: bool = False


class BoardIn(Input):
    commune_code: int = Field(..., ge=1, le=99999)
    kind: Literal["ttnd", "gsdtcd"]
    established_on: dt.date
    term_ends_on: dt.date | None = None
    project: str = Field("", max_length=300)
    project_owner: str = Field("", max_length=300)
    name: str = Field("", max_length=300)
    members: list[MemberIn] = Field(..., max_length=60)


class BoardOut(Schema):
    id: int
    kind: str
    name: str
    members: int


class RecommendationIn(Input):
    to_organization_id: int = Field(..., ge=1, le=MAX_ID)
    content: str = Field(..., max_length=TEXT_LIMIT)
    sent_on: dt.date
    due_on: dt.date | None = None


class BoardAnswerIn(Input):
    answer: str = Field(..., max_length=TEXT_LIMIT)
    answered_on: dt.date


class RecommendationOut(Schema):
    id: int
    status: str
    sent_on: dt.date
    due_on: dt.date
    answered_on: dt.date | None


def _rec_out(rec: Any) -> dict[str, Any]:
    return {"id": rec.pk, "status": rec.status, "sent_on": rec.sent_on, "due_on": rec.due_on,
            "answered_on": rec.answered_on}  # fmt: skip


@router.get("/democracy/communes/{code}/boards", response={200: list[BoardPublic], **ERRORS},
            summary="A commune's people's boards (public)", operation_id="danvan_api_democracy_boards_list")  # fmt: skip
def boards_list(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    """The boards in office: members' names, roles and villages (no contact), recommendations with status."""
    principal(request)
    commune = commune_by_code(code)
    if commune is None:
        raise NotFound("commune not found")
    return [
        {"id": b.pk, "kind": b.kind, "name": b.name, "project": b.project, "established_on": b.established_on,
         "term_ends_on": b.term_ends_on, "members": [m.__dict__ for m in b.members],
         "recommendations": [{"to": r.to, "content": r.content, "sent_on": r.sent_on, "due_on": r.due_on,
                              "status": r.status, "answered_on": r.answered_on, "answer": r.answer,
                              "overdue": r.overdue} for r in b.recommendations]}
        for b in selectors.public_boards(commune)
    ]  # fmt: skip


@router.post("/democracy/boards", response={201: BoardOut, **ERRORS}, summary="Set up a people's board",
             operation_id="danvan_api_democracy_boards_create")  # fmt: skip
def boards_create(request: HttpRequest, payload: BoardIn) -> Reply:
    """The commune Front sets up a Ban TTND (one member per village, at least 5: ``board_size``) or a Ban
    GSĐTCĐ (at least 5); an excluded member answers ``ineligible_member``; nothing is stored then."""
    actor = staff_actor(principal(request, write=True))
    commune = commune_by_code(payload.commune_code)
    if commune is None:
        raise NotFound("commune not found")
    members = [services.MemberInput(**m.dict()) for m in payload.members]
    if payload.kind == "ttnd":
        if payload.term_ends_on is None:
            from danvan.core.errors import DomainError

            raise DomainError("term_ends_on is required for a Ban TTND", code="required")
        board = services.board_ttnd_create(actor=actor, commune=commune, established_on=payload.established_on,
                                           term_ends_on=payload.term_ends_on, members=members, name=payload.name)  # fmt: skip
    else:
        board = services.board_gsdtcd_create(actor=actor, commune=commune, project=payload.project,
                                             project_owner=payload.project_owner, name=payload.name,
                                             established_on=payload.established_on, members=members)  # fmt: skip
    return Reply(201, {"id": board.pk, "kind": board.kind, "name": board.name, "members": len(members)})


@router.post("/democracy/boards/{board_id}/recommendations",
             response={200: RecommendationOut, 201: RecommendationOut, **ERRORS},
             summary="Send a board's recommendation",
             operation_id="danvan_api_democracy_boards_recommend")  # fmt: skip
def boards_recommend(request: HttpRequest, board_id: int, payload: RecommendationIn) -> Reply:
    """Due by the deadline table's date (step tra_loi_kien_nghi_ban_ttnd) or an earlier ``due_on``. To a
    body of the board's commune or above it only (else ``not_answer_body``, a missing body alike). A board
    the caller may not manage answers 404, as a missing one. 201: stored; 200: a retry, the same
    recommendation (body, content, date) was already stored."""
    actor = staff_actor(principal(request, write=True))
    board = selectors.board_for(actor, min(board_id, MAX_ID))
    if board is None:
        raise NotFound("board not found")
    to = Organization.objects.filter(pk=payload.to_organization_id).first()
    if to is None:
        raise services.not_an_answer_body(board)
    rec, created = services.recommendation_store(actor=actor, board=board, to_organization=to,
                                                 content=payload.content, sent_on=payload.sent_on,
                                                 due_on=payload.due_on)  # fmt: skip
    return Reply(201 if created else 200, _rec_out(rec))


@router.post("/democracy/recommendations/{rec_id}/answer", response={200: RecommendationOut, **ERRORS},
             summary="Answer a board's recommendation", operation_id="danvan_api_democracy_boards_answer")  # fmt: skip
def boards_answer(request: HttpRequest, rec_id: int, payload: BoardAnswerIn) -> dict[str, Any]:
    """The addressed body (democracy.answer_recommendations held there) answers; for anyone else the
    recommendation answers 404, as a missing one (the pages do the same)."""
    actor = staff_actor(principal(request, write=True))
    rec = selectors.recommendation_for_answer(actor, min(rec_id, MAX_ID))
    if rec is None:
        raise NotFound("recommendation not found")
    rec = services.recommendation_answer(actor=actor, recommendation=rec, answer=payload.answer,
                                         on=payload.answered_on)  # fmt: skip
    return _rec_out(rec)
