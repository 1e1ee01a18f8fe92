"""The disclosures part's REST endpoints (dân biết); operation ids pinned as danvan_api_democracy_disclosures_*.

Public: what a commune has published (drafts and withdrawn ones never). Staff (``democracy.publish`` on
the commune's People's Committee, a session with its CSRF token or an API key with staff_act): record a
disclosure, add a channel, publish, withdraw, and make the quarterly list (Art. 13). Refusals carry the
services' codes (``posting_too_short``, ``broadcast_too_short``, ``channel_missing``, ``forbidden`` …)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from pydantic import Field

from danvan.core.errors import NotFound
from danvan.democracy.models import Disclosure
from danvan.democracy.selectors import disclosures as selectors
from danvan.democracy.selectors.communes import commune_by_code
from danvan.democracy.services import disclosures as services
from danvan.rest.auth import principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, Input

router = Router(tags=["democracy"])


class ChannelOut(Schema):
    id: int
    channel: str
    place: str
    starts_on: dt.date
    ends_on: dt.date | None


class DisclosurePublic(Schema):
    id: int
    item: int
    item_label: str
    title: str
    summary: str
    document_ref: str
    decided_on: dt.date
    published_on: dt.date | None
    channels: list[ChannelOut]


class DisclosureStaff(DisclosurePublic):
    status: str
    due_on: dt.date
    on_time: bool
    late: bool
    overdue_unpublished: bool
    channels_complete: bool
    missing: list[str]


class DisclosureIn(Input):
    commune_code: int = Field(ge=1, le=MAX_ID)
    item: int = Field(ge=1, le=14)
    title: str = Field(max_length=300)
    summary: str = Field("", max_length=10_000)
    document_ref: str = Field("", max_length=120)
    decided_on: dt.date
    sector_due_on: dt.date | None = None
    sector_basis: str = Field("", max_length=300)


class ChannelIn(Input):
    channel: str = Field(max_length=16)
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: str = Field("", max_length=200)
    note: str = Field("", max_length=300)


class WithdrawIn(Input):
    reason: str = Field(max_length=500)


class ListIn(Input):
    commune_code: int = Field(ge=1, le=MAX_ID)
    year: int = Field(ge=2023, le=2100)
    quarter: int = Field(ge=1, le=4)


class ListRowOut(Schema):
    number: int
    disclosure_id: int
    item: int
    title: str
    document_ref: str
    decided_on: dt.date
    published_on: dt.date | None
    forms: list[ChannelOut]


class ListOut(Schema):
    commune_code: int
    year: int
    quarter: int
    generated_at: dt.datetime
    posted_on: dt.date | None
    entries: int
    rows: list[ListRowOut]


def _channels(row: Disclosure) -> list[dict[str, Any]]:
    return [{"id": c.pk, "channel": c.channel, "place": c.place, "starts_on": c.starts_on, "ends_on": c.ends_on}
            for c in row.channels.all()]  # fmt: skip


def _public(row: Disclosure) -> dict[str, Any]:
    return {"id": row.pk, "item": row.item, "item_label": str(row.get_item_display()), "title": row.title,
            "summary": row.summary, "document_ref": row.document_ref, "decided_on": row.decided_on,
            "published_on": row.published_on, "channels": _channels(row)}  # fmt: skip


def _staff(row: Disclosure) -> dict[str, Any]:
    result = selectors.compliance(row)
    return _public(row) | {"status": row.status, "due_on": result.due_on, "on_time": result.on_time,
                           "late": result.late, "overdue_unpublished": result.overdue_unpublished,
                           "channels_complete": result.channels_complete, "missing": result.missing}  # fmt: skip


def _commune(code: int) -> Any:
    commune = commune_by_code(code)
    if commune is None:
        raise NotFound("commune not found")
    return commune


def _mine(actor: Any, pk: int) -> Disclosure:
    if pk > MAX_ID:
        raise NotFound("disclosure not found")
    return selectors.disclosure_for(user=actor, pk=pk)


@router.get("/democracy/communes/{code}/disclosures", response={200: list[DisclosurePublic], **ERRORS},
            summary="What a commune has published (dân biết)",
            operation_id="danvan_api_democracy_disclosures_public_list")  # fmt: skip
def disclosures_public(request: HttpRequest, code: int) -> list[dict[str, Any]]:
    """The commune's published disclosures, newest decision first, with their channels (no staff names)."""
    principal(request)
    commune = _commune(code)
    return [_public(row) for row in selectors.published_all(commune.pk)[:200]]


@router.post("/democracy/disclosures", response={200: DisclosureStaff, 201: DisclosureStaff, **ERRORS},
             summary="Record a disclosure", operation_id="danvan_api_democracy_disclosures_create")  # fmt: skip
def disclosure_create(request: HttpRequest, payload: DisclosureIn) -> Reply:
    """A draft; ``due_on`` is 5 working days after ``decided_on`` on the deadline engine unless a sector
    law's date and basis are given. 201: stored; 200: the same record was already there."""
    actor = staff_actor(principal(request, write=True))
    commune = _commune(payload.commune_code)
    row, created = services.disclosure_store(actor=actor, commune=commune, data=services.DisclosureInput(
        item=payload.item, title=payload.title, decided_on=payload.decided_on, summary=payload.summary,
        document_ref=payload.document_ref, sector_due_on=payload.sector_due_on, sector_basis=payload.sector_basis))  # fmt: skip
    return Reply(201 if created else 200, _staff(selectors.disclosure_for(user=actor, pk=row.pk)))


@router.post("/democracy/disclosures/{disclosure_id}/channels", response={201: DisclosureStaff, **ERRORS},
             summary="Add a channel to a disclosure",
             operation_id="danvan_api_democracy_disclosures_channel_add")  # fmt: skip
def disclosure_channel_add(request: HttpRequest, disclosure_id: int, payload: ChannelIn) -> Reply:
    """Refused with ``posting_too_short`` / ``broadcast_too_short`` when it ends before its minimum (Art. 13)."""
    actor = staff_actor(principal(request, write=True))
    row = _mine(actor, disclosure_id)
    services.channel_add(actor=actor, disclosure=row, channel=payload.channel, starts_on=payload.starts_on,
                         ends_on=payload.ends_on, place=payload.place, note=payload.note)  # fmt: skip
    return Reply(201, _staff(selectors.disclosure_for(user=actor, pk=row.pk)))


@router.post("/democracy/disclosures/{disclosure_id}/publish", response={200: DisclosureStaff, **ERRORS},
             summary="Publish a disclosure", operation_id="danvan_api_democracy_disclosures_publish")  # fmt: skip
def disclosure_publish(request: HttpRequest, disclosure_id: int) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    row = services.disclosure_publish(actor=actor, disclosure=_mine(actor, disclosure_id))
    return _staff(selectors.disclosure_for(user=actor, pk=row.pk))


@router.post("/democracy/disclosures/{disclosure_id}/withdraw", response={200: DisclosureStaff, **ERRORS},
             summary="Withdraw a disclosure (kept, with the reason)",
             operation_id="danvan_api_democracy_disclosures_withdraw")  # fmt: skip
def disclosure_withdraw(request: HttpRequest, disclosure_id: int, payload: WithdrawIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    row = services.disclosure_withdraw(actor=actor, disclosure=_mine(actor, disclosure_id), reason=payload.reason)
    return _staff(selectors.disclosure_for(user=actor, pk=row.pk))


@router.post("/democracy/disclosures/quarterly-lists", response={200: ListOut, **ERRORS},
             summary="Make the quarterly list of what was published (Art. 13)",
             operation_id="danvan_api_democracy_disclosures_quarterly_list")  # fmt: skip
def disclosure_quarterly_list(request: HttpRequest, payload: ListIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    commune = _commune(payload.commune_code)
    listing = services.disclosure_list_generate(actor=actor, commune=commune, year=payload.year,
                                                quarter=payload.quarter)  # fmt: skip
    rows = selectors.quarter_rows(commune.pk, payload.year, payload.quarter)
    return {"commune_code": commune.code, "year": listing.year, "quarter": listing.quarter,
            "generated_at": listing.generated_at, "posted_on": listing.posted_on, "entries": listing.entries,
            "rows": [{"number": r.number, "disclosure_id": r.disclosure.pk, "item": r.disclosure.item,
                      "title": r.disclosure.title, "document_ref": r.disclosure.document_ref,
                      "decided_on": r.disclosure.decided_on, "published_on": r.disclosure.published_on,
                      "forms": _channels(r.disclosure)} for r in rows]}  # fmt: skip
