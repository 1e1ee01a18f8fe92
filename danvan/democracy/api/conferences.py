"""The conferences part's REST endpoints; operation ids pinned as danvan_api_democracy_conferences_*.

A conference's public view (no names but the chair's title), the staff list, recording a village's
yearly conference (Art. 33) and updating a decided item's execution. Thin over ``services.conferences``
and ``selectors.conferences``; refusals reach the caller in the project's one error shape."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as Reply

from danvan.core.errors import NotFound
from danvan.democracy.models import ConferenceItem, Matter, Village
from danvan.democracy.selectors import conferences as selectors
from danvan.democracy.services import conferences as services
from danvan.rest.auth import principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID, TEXT_LIMIT, Input

router = Router(tags=["democracy"])

Status = Literal["not_started", "in_progress", "done", "stalled"]


class ItemPublic(Schema):
    code: str
    title: str
    status: str
    note: str


class ConferencePublicOut(Schema):
    id: int
    village: str
    commune: str
    year: int
    held_on: dt.date
    chaired_by: str = Field(..., description="The chair's title, never a name")
    households_total: int
    present: int
    reports: list[str]
    items: list[ItemPublic]


class ConferenceOut(Schema):
    id: int
    village_id: int
    year: int
    held_on: dt.date
    chaired_by: str
    households_total: int
    present: int
    items: int


class ReportIn(Input):
    presenter: Literal["village_head", "front", "ttnd"]
    title: str = Field(..., max_length=300)
    summary: str = Field(..., max_length=TEXT_LIMIT)


class ItemIn(Input):
    matter_id: int = Field(..., ge=1, le=MAX_ID)
    status: Status
    note: str = Field("", max_length=500)


class ConferenceIn(Input):
    village_id: int = Field(..., ge=1, le=MAX_ID)
    year: int = Field(..., ge=2000, le=2100)
    held_on: dt.date
    chaired_by: str = Field(..., max_length=200)
    present: int = Field(..., ge=0, le=1_000_000)
    record: str = Field(..., max_length=20_000)
    reports: list[ReportIn] = Field(..., max_length=3)
    items: list[ItemIn] = Field([], max_length=200)


class ItemUpdateIn(Input):
    status: Status
    note: str = Field("", max_length=500)


class ItemOut(Schema):
    id: int
    matter_code: str
    status: str
    note: str


def _out(c: Any) -> dict[str, Any]:
    return {"id": c.pk, "village_id": c.village_id, "year": c.year, "held_on": c.held_on, "chaired_by": c.chaired_by,
            "households_total": c.households_total, "present": c.present, "items": c.items.count()}  # fmt: skip


@router.get("/democracy/conferences/{conference_id}/public", response={200: ConferencePublicOut, **ERRORS},
            summary="A yearly community conference, as the public reads it",
            operation_id="danvan_api_democracy_conferences_public")  # fmt: skip
def conference_public(request: HttpRequest, conference_id: int) -> dict[str, Any]:
    """Date, attendance over all households, the reports' titles and each decided item's execution."""
    principal(request)
    if conference_id > MAX_ID:
        raise NotFound("conference not found")
    c = selectors.conference_public(pk=conference_id)
    return {"id": c.pk, "village": c.village_name, "commune": c.commune_name, "year": c.year, "held_on": c.held_on,
            "chaired_by": c.chair_title, "households_total": c.households_total, "present": c.present,
            "reports": [title for _p, title in c.reports],
            "items": [{"code": i.code, "title": i.title, "status": i.status, "note": i.note} for i in c.items]}  # fmt: skip


@router.get("/democracy/conferences", response={200: list[ConferenceOut], **ERRORS},
            summary="Yearly community conferences the caller may record",
            operation_id="danvan_api_democracy_conferences_list")  # fmt: skip
def conference_list(request: HttpRequest, year: int | None = None, village_id: int | None = None,
                    commune_id: int | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """The villages' conferences within the caller's reach (democracy.hold_conferences), latest first."""
    user = staff_user(principal(request))
    clean = [v if v is not None and 1 <= v <= MAX_ID else None for v in (year, village_id, commune_id)]
    rows = selectors.conferences_for(user, year=clean[0], village_id=clean[1], commune_id=clean[2])[:500]
    return [_out(c) for c in rows]


def _village(actor: Any, pk: int) -> Village:
    """A village whose conference the caller may record; any other answers 404 like a missing one (the
    pages do the same), so another commune's ids cannot be probed."""
    village = selectors.villages_for(actor).filter(pk=min(pk, MAX_ID)).select_related("organization").first()
    if village is None:
        raise NotFound("village not found")
    return village


def _matter(village: Village, pk: int) -> Matter:
    """A matter of the village's commune (the service checks it is the village's or commune-wide);
    another commune's answers 404 like a missing one."""
    matter = Matter.objects.filter(pk=min(pk, MAX_ID), commune_id=village.commune_id).first()
    if matter is None:
        raise NotFound("matter not found")
    return matter


@router.post("/democracy/conferences", response={201: ConferenceOut, **ERRORS},
             summary="Record a village's yearly community conference",
             operation_id="danvan_api_democracy_conferences_create")  # fmt: skip
def conference_create(request: HttpRequest, payload: ConferenceIn) -> Reply:
    """One per village and year (a second answers ``duplicate_conference``); the households invited are
    those counted today. A village (or matter) the caller may not record answers 404 like a missing one.
    Refusals: ``forbidden``, ``bad_date``, ``bad_counts``, ``required``,
    ``duplicate_item``, ``not_in_scope``, ``bad_state``; nothing is stored then."""
    actor = staff_actor(principal(request, write=True))
    village = _village(actor, payload.village_id)
    conference = services.conference_record(
        actor=actor, village=village, year=payload.year, held_on=payload.held_on, chaired_by=payload.chaired_by,
        present=payload.present, record=payload.record,
        reports=[services.ReportInput(r.presenter, r.title, r.summary) for r in payload.reports],
        items=[services.ItemInput(_matter(village, i.matter_id), i.status, i.note) for i in payload.items],
    )  # fmt: skip
    return Reply(201, _out(conference))


@router.post("/democracy/conferences/items/{item_id}", response={200: ItemOut, **ERRORS},
             summary="Update a decided item's execution",
             operation_id="danvan_api_democracy_conferences_item_update")  # fmt: skip
def item_update(request: HttpRequest, item_id: int, payload: ItemUpdateIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    if item_id > MAX_ID:
        raise NotFound("item not found")
    item = (
        ConferenceItem.objects.filter(pk=item_id, conference__village__in=selectors.villages_for(actor))
        .select_related("conference", "conference__village", "matter")
        .first()
    )
    if item is None:  # missing, or a conference the caller may not record: the same answer
        raise NotFound("item not found")
    item = services.item_update(actor=actor, item=item, status=payload.status, note=payload.note)
    return {"id": item.pk, "matter_code": item.matter.code, "status": item.status, "note": item.note}
