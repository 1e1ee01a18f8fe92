"""The register part's REST endpoints (mounted by api/__init__.py): the register, one visit, and a visit
written (idempotent by the ``Idempotency-Key`` header). Identity fields are present only for a caller who
may read visitors (VIEW_VISITORS) and never for a sealed visit; a visit outside the caller's scope is 404,
byte for byte as a missing one. Documents are received on the staff page only (their checks need the file)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja import Status as Reply

from danvan.core import clock, parsing
from danvan.core.errors import NotFound
from danvan.org import selectors as org_selectors
from danvan.reception import choices
from danvan.reception.models import Visit
from danvan.reception.selectors import register as selectors
from danvan.reception.services import register as services
from danvan.rest.auth import ApiError, principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID, MAX_PAGE_SIZE, TEXT_LIMIT, Input, Page

router = Router(tags=["reception"])


class Visitor(Schema):
    name: str
    address: str
    id_number: str
    phone: str
    acting_for: str


class VisitOut(Schema):
    id: int
    number: str
    body_id: int
    body: str
    year: int
    serial_no: int
    received_at: dt.datetime
    receiving_officer: str
    head_present: bool
    mode: str
    group_size: int
    sealed: bool
    visitor: Visitor | None  # null when the caller may not read the visitor, or the visit is sealed
    content: str
    prior_handling: str
    requests: str
    handling: str
    refusal_ground: str
    transferred_to_id: int | None
    session_id: int | None
    booking_id: int | None
    documents: int
    outcome_due_on: dt.date | None
    outcome: str
    outcome_on: dt.date | None
    outcome_state: str


class VisitPage(Page):
    results: list[VisitOut]


class VisitIn(Input):
    body_id: int
    content: str
    handling: choices.Handling = choices.Handling.RECEIVED
    visitor_name: str = ""
    visitor_address: str = ""
    visitor_id_number: str = ""
    visitor_phone: str = ""
    acting_for: str = ""
    prior_handling: str = ""
    requests: str = ""
    head_present: bool = False
    mode: choices.Mode = choices.Mode.DIRECT
    group_size: int = 1
    visitors_signed: bool = False
    refusal_ground: str = ""
    transferred_to_id: int | None = None
    handling_note: str = ""
    sealed: bool = False
    session_id: int | None = None
    booking_id: int | None = None


def _out(row: selectors.VisitRow) -> dict[str, Any]:
    v = row.visit
    visitor = ({"name": v.visitor_name, "address": v.visitor_address, "id_number": v.visitor_id_number,
                "phone": v.visitor_phone, "acting_for": v.acting_for} if row.identity else None)  # fmt: skip
    return {
        "id": v.pk, "number": str(v), "body_id": v.organization_id, "body": v.organization.name, "year": v.year,
        "serial_no": v.serial_no, "received_at": v.received_at, "receiving_officer": str(v.receiving_officer),
        "head_present": v.head_present, "mode": v.mode, "group_size": v.group_size, "sealed": v.sealed,
        "visitor": visitor, "content": v.content, "prior_handling": v.prior_handling, "requests": v.requests,
        "handling": v.handling, "refusal_ground": v.refusal_ground, "transferred_to_id": v.transferred_to_id,
        "session_id": v.session_id, "booking_id": v.booking_id, "documents": getattr(v, "n_documents", 0),
        "outcome_due_on": v.outcome_due_on, "outcome": v.outcome, "outcome_on": v.outcome_on,
        "outcome_state": row.state,
    }  # fmt: skip


@router.get("/reception/register", response={200: VisitPage, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_reception_register_list")  # fmt: skip
def register_list(
    request: HttpRequest,
    body: int | None = Query(None, ge=1, le=MAX_ID),
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    handling: choices.Handling | None = None,
    overdue: bool = False,
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """The register of the bodies the caller may read (VIEW_REGISTER), newest first; ``visitor`` only where
    the caller may read visitors."""
    user = staff_user(principal(request))
    filters = selectors.RegisterFilters(organization_id=body, received_from=received_from, received_to=received_to,
                                        handling=handling or "", overdue=overdue)  # fmt: skip
    rows = selectors.visit_list_for(user=user, filters=filters, with_document_count=True)
    count = rows.count()
    chunk = list(rows[(page - 1) * page_size : page * page_size])
    today = clock.today()
    return {"count": count, "page": page, "page_size": page_size,
            "results": [_out(r) for r in selectors.visit_rows(user, chunk, today)]}  # fmt: skip


@router.get("/reception/visits/{visit_id}", response={200: VisitOut, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_reception_visit_read")  # fmt: skip
def visit_read(request: HttpRequest, visit_id: int) -> dict[str, Any]:
    """One visit of the register; 404 alike for a missing visit and one the caller may not read."""
    user = staff_user(principal(request))
    if not 1 <= visit_id <= MAX_ID:
        raise NotFound("visit not found")
    visit = selectors.visit_get_for(user=user, pk=visit_id, with_document_count=True)
    return _out(selectors.visit_rows(user, [visit])[0])


def _body(pk: int) -> Any:
    try:
        return org_selectors.organization_get(pk=pk)
    except NotFound:
        return None


def _object(getter: Any, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    found = getter(pk) if 1 <= pk <= MAX_ID else None
    if found is None:
        raise ApiError(422, "invalid", _("Please correct the marked fields."), details={field: _("Not found.")})
    return found


@router.post("/reception/visits", response={200: VisitOut, 201: VisitOut, **ERRORS}, tags=["staff"],
             operation_id="danvan_api_reception_visit_create")  # fmt: skip
def visit_create(request: HttpRequest, payload: VisitIn) -> Reply:
    """Write a visit in the register as the calling officer (REGISTER_VISIT on the body). A retry with the
    same ``Idempotency-Key`` header returns the visit already stored (200) instead of a new one (201)."""
    user = staff_actor(principal(request, write=True))
    for name, value in (("content", payload.content), ("prior_handling", payload.prior_handling),
                        ("requests", payload.requests), ("handling_note", payload.handling_note)):  # fmt: skip
        if len(value) > TEXT_LIMIT:
            raise ApiError(
                422,
                "invalid",
                _("Please correct the marked fields."),
                details={name: _("This field is too long (at most %(limit)s characters).") % {"limit": TEXT_LIMIT}},
            )
    header = request.headers.get("Idempotency-Key", "").strip()[:40]
    key = f"api:u{user.pk}:{header}" if header else ""
    if key and (existing := selectors.visit_by_key(user=user, request_key=key)) is not None:
        return Reply(200, _out(selectors.visit_rows(user, [existing])[0]))
    body = _object(_body, payload.body_id, "body_id")
    # The web form's choice (views/register.py): the bodies the officer may see, never the body itself.
    transfer_bodies = org_selectors.organization_list_for(user=user)
    if body is not None:
        transfer_bodies = transfer_bodies.exclude(pk=body.pk)
    transferred_to = _object(lambda pk: transfer_bodies.filter(pk=pk).first(), payload.transferred_to_id,
                             "transferred_to_id")  # fmt: skip
    booking = _object(lambda pk: selectors.booking_pick_for(user=user, pk=pk), payload.booking_id, "booking_id")
    session = _object(lambda pk: selectors.session_pick_for(user=user, pk=pk), payload.session_id, "session_id")
    data = services.VisitInput(
        content=payload.content, handling=payload.handling, visitor_name=payload.visitor_name,
        visitor_address=payload.visitor_address, visitor_id_number=payload.visitor_id_number,
        visitor_phone=payload.visitor_phone, acting_for=payload.acting_for, prior_handling=payload.prior_handling,
        requests=payload.requests, head_present=payload.head_present, mode=payload.mode,
        group_size=payload.group_size, visitors_signed=payload.visitors_signed,
        refusal_ground=payload.refusal_ground, transferred_to=transferred_to, handling_note=payload.handling_note,
        sealed=payload.sealed,
    )  # fmt: skip
    visit: Visit = services.visit_register(actor=user, organization=body, data=data, booking=booking, session=session,
                                           request_key=key)  # fmt: skip
    visit = selectors.visit_get_for(user=user, pk=visit.pk, with_document_count=True)
    return Reply(201, _out(selectors.visit_rows(user, [visit])[0]))
