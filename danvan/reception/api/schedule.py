"""The schedule part's REST endpoints (mounted by api/__init__.py): the public calendar of reception
sessions (never a person: bodies, places, times, the capacity a head receives in) and the staff's ad
hoc session (Art. 18(3)). Thin over ``selectors.schedule`` and ``services.schedule``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja import Status as Reply
from pydantic import Field

from danvan.core import parsing
from danvan.core.clock import VIETNAM
from danvan.core.errors import NotFound
from danvan.org.models import Organization
from danvan.reception import choices
from danvan.reception.models import ReceptionPoint
from danvan.reception.selectors import schedule as selectors
from danvan.reception.selectors.schedule import PublicSession
from danvan.reception.services import schedule as services
from danvan.rest.auth import ApiError, principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, MAX_PAGE_SIZE, Input, Page

router = Router(tags=["reception"])
FROM = Query(None, alias="from", description="First day (default: today)")
TO = Query(None, alias="to", description="Last day (default: 60 days after the first)")


class SessionOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    point_id: int
    point_name: str
    point_address: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str
    mode: str
    status: str
    capacity: int
    head_kind: str = Field(description="The capacity the head receives in; empty for an ad hoc session")
    public_note: str
    cancel_reason: str


class SessionPage(Page):
    results: list[SessionOut]


class AdHocIn(Input):
    point_id: int = Field(ge=1, le=MAX_ID)
    head_id: int = Field(ge=1, le=MAX_ID)
    trigger: str = Field("", description="One of " + ", ".join(choices.AdHocTrigger.values) + " (Art. 18(3))")
    reason: str = Field("", max_length=10_000)
    starts_at: dt.datetime
    ends_at: dt.datetime
    mode: str = choices.Mode.DIRECT.value
    capacity: int = Field(10, ge=1, le=500)
    public_note: str = Field("", max_length=300)
    video_url: str = Field("", max_length=200)


def _out(s: PublicSession) -> dict[str, Any]:
    return {"id": s.pk, "organization_id": s.organization_id, "organization_name": s.organization_name,
            "point_id": s.point_id, "point_name": s.point_name, "point_address": s.point_address,
            "starts_at": s.starts_at, "ends_at": s.ends_at, "kind": s.kind, "mode": s.mode, "status": s.status,
            "capacity": s.capacity, "head_kind": s.head_kind, "public_note": s.public_note,
            "cancel_reason": s.cancel_reason}  # fmt: skip


@router.get("/reception/sessions", response={200: SessionPage, **ERRORS}, summary="The public reception schedule",
            operation_id="danvan_api_reception_sessions_list")  # fmt: skip
def sessions_list(
    request: HttpRequest,
    body: int | None = Query(None, ge=1, le=MAX_ID, description="A body's id"),
    point: int | None = Query(None, ge=1, le=MAX_ID, description="A reception point's id"),
    date_from: dt.date | None = FROM,
    date_to: dt.date | None = TO,
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """Planned and cancelled reception sessions between two days (at most a year apart), of one body or
    one reception point, in time order. Public: no person is named."""
    principal(request)
    if date_from and date_to and (date_to < date_from or (date_to - date_from).days > 366):
        message = _("The last day must be after the first, at most a year later.")
        raise ApiError(422, "invalid", message, details={"to": message})
    organization = Organization.objects.filter(pk=body).first() if body else None
    if body and organization is None:
        raise NotFound(_("No such body."))
    place = selectors.public_point(point) if point else None
    if point and place is None:
        raise NotFound(_("No such reception point."))
    filters: dict[str, Any] = {"organization": organization, "point": place, "date_from": date_from, "date_to": date_to}
    rows = selectors.public_sessions(**filters, limit=page_size, offset=(page - 1) * page_size)
    return {"count": selectors.public_sessions_count(**filters), "page": page, "page_size": page_size,
            "results": [_out(s) for s in rows]}  # fmt: skip


@router.get("/reception/sessions/{int:session_id}", response={200: SessionOut, **ERRORS},
            summary="One reception session", operation_id="danvan_api_reception_session_read")  # fmt: skip
def session_read(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """One session as the public schedule shows it. Public."""
    principal(request)
    found = selectors.public_session(session_id) if 0 < session_id <= MAX_ID else None
    if found is None:
        raise NotFound(_("No such session."))
    return _out(found)


@router.post("/reception/sessions/ad-hoc", response={201: SessionOut, **ERRORS},
             summary="Record an ad hoc reception session (Art. 18(3))",
             operation_id="danvan_api_reception_session_ad_hoc_create")  # fmt: skip
def session_ad_hoc_create(request: HttpRequest, payload: AdHocIn) -> Reply:
    """A head receives at once, outside the schedule, on one of the law's grounds (``trigger``; 400
    ``no_trigger`` without one). Staff who keep the body's schedule (a session, or a key with staff_act)."""
    actor = staff_actor(principal(request, write=True))
    place = ReceptionPoint.objects.filter(pk=payload.point_id).first()
    if place is None:
        raise NotFound(_("No such reception point."))
    from danvan.org.models import User

    head = User.objects.filter(pk=payload.head_id).first()
    starts, ends = (m if m.tzinfo else m.replace(tzinfo=VIETNAM) for m in (payload.starts_at, payload.ends_at))
    session = services.session_ad_hoc_create(
        actor=actor, point=place, head=head, trigger=payload.trigger, reason=payload.reason, starts_at=starts,
        ends_at=ends, mode=payload.mode, capacity=payload.capacity, public_note=payload.public_note,
        online={"video_url": payload.video_url})  # fmt: skip
    found = selectors.public_session(session.pk)
    assert found is not None
    return Reply(201, _out(found))
