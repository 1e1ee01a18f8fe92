"""Consultations: the drafts part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_drafts_*``).

Public: the consultations open, closed or published (one being prepared or withdrawn is 404), each with
the current version's sections. Staff (``consultations.manage`` on the body; a session with its CSRF
token or an API key with staff_act): create one (version 1 from a pasted text), open it, close it.
Refusals carry the services' codes (``forbidden``, ``bad_audience``, ``bad_verification``,
``bad_channel``, ``bad_date``, ``not_in_scope``, ``no_sections``, ``bad_state``, ``affected_not_heard``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from pydantic import Field

from danvan.consultations import errors
from danvan.consultations.models import Consultation
from danvan.consultations.selectors import drafts as selectors
from danvan.consultations.services import drafts as services
from danvan.core.errors import DomainError, NotFound
from danvan.democracy.selectors.villages import villages_for
from danvan.org.choices import UnitEra
from danvan.org.models import AdministrativeUnit, Organization, User
from danvan.rest.auth import principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, Input

router = Router(tags=["consultations"])


class SectionOut(Schema):
    key: str
    position: int
    heading: str
    text: str
    change: str


class ConsultationSummary(Schema):
    code: str
    title: str
    item: int
    item_label: str
    status: str
    place_code: int
    place_name: str
    organization: str
    audience: str
    verification: str
    channels: list[str]
    opens_on: dt.date
    closes_on: dt.date
    days_left: int


class ConsultationDetail(ConsultationSummary):
    summary: str
    basis: str
    version: int
    sections: list[SectionOut]


class ConsultationIn(Input):
    organization_id: int = Field(ge=1, le=MAX_ID)
    place_code: int = Field(ge=1, le=MAX_ID, description="GSO code of a current commune or province")
    item: int = Field(ge=1, le=10)
    title: str = Field(max_length=300)
    summary: str = Field("", max_length=10_000)
    basis: str = Field("", max_length=300)
    audience: str = Field(max_length=10)
    verification: str = Field("open", max_length=10)
    village_ids: list[int] = Field(default_factory=list, max_length=200)
    channels: list[str] = Field(default_factory=list, max_length=10)
    opens_on: dt.date
    closes_on: dt.date
    responsible_ids: list[int] = Field(default_factory=list, max_length=50)
    premoderate: bool = False
    code: str = Field("", max_length=60)
    text: str = Field("", max_length=services.TEXT_MAX, description="the draft's text, split into sections")


def _summary(c: Consultation) -> dict[str, Any]:
    return {"code": c.code, "title": c.title, "item": c.item, "item_label": str(c.get_item_display()),
            "status": c.status, "place_code": c.place.code, "place_name": c.place.name,
            "organization": c.organization.name, "audience": c.audience, "verification": c.verification,
            "channels": list(c.channels), "opens_on": c.opens_on, "closes_on": c.closes_on,
            "days_left": selectors.days_left(c) if c.status == "open" else 0}  # fmt: skip


def _detail(c: Consultation) -> dict[str, Any]:
    sections = selectors.current_sections(c)
    version = c.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return _summary(c) | {"summary": c.summary, "basis": c.basis, "version": version,
                          "sections": [{"key": s.key, "position": s.position, "heading": s.heading, "text": s.text,
                                        "change": s.change} for s in sections]}  # fmt: skip


@router.get("/consultations", response={200: list[ConsultationSummary], **ERRORS},
            summary="Public consultations (open first)", operation_id="danvan_api_consultations_drafts_list")  # fmt: skip
def consultations_list(request: HttpRequest, place_code: int | None = None, status: str = "",
                       q: str = "") -> list[dict[str, Any]]:  # fmt: skip
    """Open, then closed, then published; ``place_code`` a commune or a province (with its communes);
    ``q`` words matched with or without diacritics."""
    principal(request)
    place_id = None
    if place_code is not None:
        unit = (
            AdministrativeUnit.objects.filter(code=place_code, era=UnitEra.CURRENT).first()
            if place_code <= MAX_ID
            else None
        )
        place_id = unit.pk if unit is not None else -1
    return [_summary(c) for c in selectors.public_list(place_id=place_id, status=status[:10], query=q[:100])[:200]]


@router.get("/consultations/{code}", response={200: ConsultationDetail, **ERRORS},
            summary="A public consultation with its draft's sections",
            operation_id="danvan_api_consultations_drafts_detail")  # fmt: skip
def consultation_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    principal(request)
    return _detail(selectors.public_detail(code[:60]))


def _mine(actor: Any, code: str) -> Consultation:
    return selectors.consultation_for_staff(actor, code[:60])


@router.post("/consultations", response={201: ConsultationDetail, **ERRORS},
             summary="Prepare a consultation (version 1 from the pasted text)",
             operation_id="danvan_api_consultations_drafts_create")  # fmt: skip
def consultation_create(request: HttpRequest, payload: ConsultationIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    body = Organization.objects.filter(pk=payload.organization_id).select_related("unit").first()
    if body is None:
        raise NotFound("body not found")
    place = AdministrativeUnit.objects.filter(code=payload.place_code, era=UnitEra.CURRENT).first()
    villages = list(villages_for(actor).filter(pk__in=payload.village_ids)) if payload.village_ids else []
    if len(villages) != len(set(payload.village_ids)):
        raise DomainError("village not in scope", code=errors.NOT_IN_SCOPE, details={"village_ids": "not in scope"})
    responsible = list(User.objects.filter(pk__in=payload.responsible_ids))
    data = services.ConsultationInput(
        organization=body, place=place, item=payload.item, title=payload.title, summary=payload.summary,
        basis=payload.basis, audience=payload.audience, verification=payload.verification, villages=villages,
        channels=payload.channels, opens_on=payload.opens_on, closes_on=payload.closes_on, responsible=responsible,
        premoderate=payload.premoderate, code=payload.code,
    )  # fmt: skip
    c = services.consultation_create(actor=actor, data=data, text=payload.text)
    return Reply(201, _detail(_mine(actor, c.code)))


@router.post("/consultations/{code}/open", response={200: ConsultationDetail, **ERRORS},
             summary="Open a consultation now", operation_id="danvan_api_consultations_drafts_open")  # fmt: skip
def consultation_open(request: HttpRequest, code: str) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    c = services.consultation_open(actor=actor, consultation=_mine(actor, code))
    return _detail(_mine(actor, c.code))


@router.post("/consultations/{code}/close", response={200: ConsultationDetail, **ERRORS},
             summary="Close a consultation now", operation_id="danvan_api_consultations_drafts_close")  # fmt: skip
def consultation_close(request: HttpRequest, code: str) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    c = services.consultation_close(actor=actor, consultation=_mine(actor, code))
    return _detail(_mine(actor, c.code))
