"""The booking part's REST endpoints (mounted by api/__init__.py): a citizen's app or a partner's kiosk
books a slot at a session and reads a booking back by its code and phone.

Thin over ``services.booking`` (the same rules and words as the web form) and ``selectors.booking``.
Public, limited per client address (``rest.auth.principal``) and by the web form's rules
(``booking_create``, ``booking_lookup``: ``api/limits.py``); a refusal is the one error shape with the
codes of ``reception.errors`` (``session_full``, ``already_booked``, ``bad_fields`` with ``details``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.reception.api import limits
from danvan.reception.models import Booking
from danvan.reception.selectors import booking as selectors
from danvan.reception.services import booking as services
from danvan.rest.auth import principal
from danvan.rest.schemas import ERRORS, MAX_ID, Input

router = Router(tags=["reception"])


class BookingIn(Input):
    name: str = Field(..., max_length=200)
    phone: str = Field(..., max_length=20, description="The confirmation and the reminder go to it by SMS")
    email: str = Field("", max_length=254)
    id_number: str = Field("", max_length=20,
                           description="ID card (12 digits) or passport number; required for sessions from 2026-07-01")  # fmt: skip
    subject: str = Field(..., max_length=2000)
    request_key: str = Field(..., min_length=8, max_length=64,
                             description="Chosen by the client per form: a retry with the same key returns the same booking")  # fmt: skip


class BookingOut(Schema):
    code: str
    status: str = Field(..., description="confirmed, waiting, cancelled, attended or no_show")
    created: bool = Field(..., description="false: a retry with the same request_key; the first booking")
    session_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    address: str
    waiting_position: int | None = Field(None, description="1 for the first on the waiting list")
    video_url: str = Field("", description="An online session's link, for a confirmed booking only")


class LookupQuery(Schema):
    phone: str = Field(..., max_length=20, description="The phone given when booking")


def _out(booking: Booking, created: bool) -> dict[str, Any]:
    session = booking.session
    return {
        "code": booking.code, "status": booking.status, "created": created, "session_id": session.pk,
        "starts_at": clock.local(session.starts_at), "ends_at": clock.local(session.ends_at),
        "place": session.point.name, "address": session.point.address,
        "waiting_position": selectors.waiting_position(booking), "video_url": selectors.booking_video_url(booking),
    }  # fmt: skip


@router.post("/reception/sessions/{session_id}/bookings",
             response={200: BookingOut, 201: BookingOut, **ERRORS}, summary="Book a slot at a reception session",
             operation_id="danvan_api_reception_booking_create")  # fmt: skip
def booking_create(request: HttpRequest, session_id: int, payload: BookingIn) -> Reply:
    """No account needed. 201: confirmed, or on the waiting list when the slots are taken; 200: a retry
    with the same ``request_key`` (the first booking). 400 with ``code``: ``session_full``,
    ``session_closed``, ``in_the_past``, ``already_booked``, ``key_reused``, ``bad_fields`` (per field)."""
    principal(request, write=True)
    offer = selectors.session_offer(session_id) if 0 < session_id <= MAX_ID else None
    if offer is None:
        raise NotFound("no such session")
    # The web form's rule (docs/limits.md): every POST per address, stored bookings per contact and address.
    contact = (payload.phone, payload.email)
    limits.attempt(request, "booking_create")
    limits.admit(request, "booking_create", contact=contact)
    booked = services.booking_create(session=offer.session, name=payload.name, phone=payload.phone,
                                     email=payload.email, id_number=payload.id_number, subject=payload.subject,
                                     request_key=payload.request_key)  # fmt: skip
    if booked.created:
        limits.record(request, "booking_create", contact=contact)
    return Reply(201 if booked.created else 200, _out(booked.booking, booked.created))


@router.get("/reception/bookings/{code}", response={200: BookingOut, **ERRORS},
            summary="Read a booking by its code and phone", operation_id="danvan_api_reception_booking_read")  # fmt: skip
def booking_read(request: HttpRequest, code: str, query: Query[LookupQuery]) -> dict[str, Any]:
    """The booking of ``code`` if ``phone`` is its phone; 404 alike for a wrong code and a wrong phone."""
    principal(request)
    limits.hit(request, "booking_lookup")  # every try counts: a code could be guessed at
    booking = selectors.booking_open(code=code, phone=query.phone)
    if booking is None:
        raise NotFound("no such booking")
    return _out(booking, created=False)
