"""The dvk part over the REST API; operation ids pinned as emulation_dvk_*.

Public: the recognised models (the gallery's rule) with filters, and one model's story with its indicators
and replications. Staff: register a model (saved and registered in one step, or kept as a draft) and take
a lifecycle step. Thin over ``services.dvk`` and ``selectors.dvk``; refusals in the project's error shape
(the codes of ``errors.py``, ``forbidden``, 404 for a model one may not see)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.emulation.selectors import dvk as selectors
from danvan.emulation.services import dvk as services
from danvan.rest.auth import principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, MAX_PAGE_SIZE, NUMBER_LIMIT, TEXT_LIMIT, Input, Page

router = Router(tags=["emulation"])


class IndicatorOut(Schema):
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    latest: Decimal | None


class ModelOut(Schema):
    id: int
    name: str
    field: str
    stage: str
    organization: str
    place_code: int | None
    place: str
    recognised_level: str
    recognised_on: dt.date | None
    replicated_from_id: int | None


class ListQuery(Schema):
    field: str = Field("", max_length=30)
    level: str = Field("", max_length=10)
    province: int | None = Field(None, ge=1, le=99999)
    commune: int | None = Field(None, ge=1, le=99999)
    q: str = Field("", max_length=200)
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class ModelPage(Page):
    results: list[ModelOut]


class ModelDetailOut(ModelOut):
    situation: str
    goals: str
    content: str
    outputs: str
    sustainability: str
    commendation_form: str
    indicators: list[IndicatorOut]
    replication_ids: list[int]


class ForceIn(Input):
    name: str = Field(..., max_length=200)
    role: Literal["in_charge", "coordinating", "participating"]


class MilestoneIn(Input):
    on: dt.date
    what: str = Field("", max_length=300)


class ModelIn(Input):
    organization_id: int = Field(..., ge=1, le=MAX_ID)
    place_code: int | None = Field(None, ge=1, le=99999)
    field: Literal["kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_htct"] | None = None
    name: str = Field(..., max_length=300)
    situation: str = Field("", max_length=TEXT_LIMIT)
    goals: str = Field("", max_length=TEXT_LIMIT)
    content: str = Field("", max_length=TEXT_LIMIT)
    area: str = Field("", max_length=TEXT_LIMIT)
    forces: list[ForceIn] = Field([], max_length=30)
    money_vnd: int | None = Field(None, ge=0, le=10**13)
    facilities: str = Field("", max_length=500)
    working_days: int | None = Field(None, ge=0, le=10_000_000)
    social_contributions: str = Field("", max_length=500)
    start_on: dt.date | None = None
    milestones: list[MilestoneIn] = Field([], max_length=30)
    evaluation_on: dt.date | None = None
    outputs: str = Field("", max_length=TEXT_LIMIT)
    sustainability: str = Field("", max_length=TEXT_LIMIT)
    keep_draft: bool = False


class StepIn(Input):
    """The fields a step takes (the others are ignored): launch (on, text), recognise (level, decision, on),
    not_recognise (text), replicate (organization_id, name), close (outcome, text). A model is commended
    through the commendation proposals (``/emulation/commendation/proposals``), not here."""

    on: dt.date | None = None
    text: str = Field("", max_length=TEXT_LIMIT)
    level: Literal["xa", "tinh", "tw"] | None = None
    decision: str = Field("", max_length=NUMBER_LIMIT)
    organization_id: int | None = Field(None, ge=1, le=MAX_ID)
    name: str = Field("", max_length=300)
    outcome: Literal["sustained", "archived"] | None = None


def _out(m: Any) -> dict[str, Any]:
    return {"id": m.pk, "name": m.name, "field": m.field, "stage": m.stage, "organization": m.organization.name,
            "place_code": m.place.code if m.place else None, "place": m.place.name if m.place else "",
            "recognised_level": m.recognised_level, "recognised_on": m.recognised_on,
            "replicated_from_id": m.replicated_from_id}  # fmt: skip


@router.get("/emulation/dvk/models", response={200: ModelPage, **ERRORS}, summary="Recognised Dân vận khéo models (public)",
            operation_id="emulation_dvk_list")  # fmt: skip
def dvk_list(request: HttpRequest, filters: Query[ListQuery]) -> dict[str, Any]:
    """The gallery's rule: recognised models only (not archived); words match with or without diacritics."""
    principal(request)
    f = filters
    qs = selectors.dvk_public_models(selectors.DvkFilters(field=f.field, level=f.level, province=f.province,
                                                          commune=f.commune, q=f.q))  # fmt: skip
    page, page_size = f.page, f.page_size
    count = qs.count()
    rows = qs[(page - 1) * page_size : page * page_size]
    return {"count": count, "page": page, "page_size": page_size, "results": [_out(m) for m in rows]}


@router.get("/emulation/dvk/models/{model_id}", response={200: ModelDetailOut, **ERRORS},
            summary="One recognised model's story (public)", operation_id="emulation_dvk_read")  # fmt: skip
def dvk_read(request: HttpRequest, model_id: int) -> dict[str, Any]:
    principal(request)
    model = selectors.dvk_public_model(min(model_id, MAX_ID))
    detail = selectors.dvk_model_detail(model)
    tree = selectors.dvk_tree(model, public=True)
    return _out(model) | {
        "situation": model.situation, "goals": model.goals, "content": model.content, "outputs": model.outputs,
        "sustainability": model.sustainability, "commendation_form": model.commendation_form,
        "indicators": [{"name": r.indicator.name, "unit": r.indicator.unit, "baseline": r.indicator.baseline,
                        "target": r.indicator.target, "latest": r.latest} for r in detail["indicators"]],
        "replication_ids": [child.model.pk for child in tree.children],
    }  # fmt: skip


@router.post("/emulation/dvk/models", response={201: ModelOut, **ERRORS}, summary="Register a Dân vận khéo model",
             operation_id="emulation_dvk_register")  # fmt: skip
def dvk_register(request: HttpRequest, payload: ModelIn) -> Reply:
    """For a unit the caller manages; unless ``keep_draft``, every registration field is required
    (``dvk_missing_fields`` names them) and nothing is stored when one is missing."""
    actor = staff_actor(principal(request, write=True))
    unit = selectors.dvk_units_for(actor).filter(pk=payload.organization_id).first()
    if unit is None:
        raise PermissionDenied("not allowed: emulation.dvk_manage", code="forbidden")
    place = selectors.dvk_places_for(actor).filter(code=payload.place_code).first() if payload.place_code else None
    data = services.DvkInput(
        name=payload.name, field=payload.field or "", situation=payload.situation, goals=payload.goals,
        content=payload.content, area=payload.area, forces=[f.dict() for f in payload.forces],
        money_vnd=payload.money_vnd, facilities=payload.facilities, working_days=payload.working_days,
        social_contributions=payload.social_contributions, start_on=payload.start_on,
        milestones=[{"on": m.on.isoformat(), "what": m.what} for m in payload.milestones],
        evaluation_on=payload.evaluation_on, outputs=payload.outputs, sustainability=payload.sustainability, place=place,
    )  # fmt: skip
    model = services.dvk_model_save(actor=actor, organization=unit, data=data, register=not payload.keep_draft)
    return Reply(201, _out(model))


@router.post("/emulation/dvk/models/{model_id}/steps/{step}", response={200: ModelOut, **ERRORS},
             summary="Take a lifecycle step of a model", operation_id="emulation_dvk_step")  # fmt: skip
def dvk_step(request: HttpRequest, model_id: int,
             step: Literal["register", "launch", "conclude", "recognise", "not_recognise", "replicate", "close"],
             payload: StepIn) -> dict[str, Any]:  # fmt: skip
    """One step (``dvk_bad_move`` when the lifecycle does not allow it now). Scoring and seating stay on the
    pages (a council sits together). A replication answers the new model."""
    actor = staff_actor(principal(request, write=True))
    # Another unit's officer reaches a recognised model only to replicate it (its staff side stays closed).
    try:
        model = selectors.dvk_model_for(actor, min(model_id, MAX_ID))
    except NotFound:
        if step != "replicate":
            raise
        model = selectors.dvk_model_to_replicate(actor, min(model_id, MAX_ID))
    p = payload
    if step in {"launch", "recognise"} and p.on is None:
        raise DomainError("on is required for this step", code="required", details={"on": "required"})
    today = p.on or clock.today()
    if step == "register":
        result = services.dvk_model_register(actor=actor, model=model)
    elif step == "launch":
        result = services.dvk_model_launch(actor=actor, model=model, launched_on=today, commitments=p.text)
    elif step == "conclude":
        result = services.dvk_council_conclude(actor=actor, model=model)
    elif step == "recognise":
        result = services.dvk_model_recognise(actor=actor, model=model, level=p.level or "", decision=p.decision,
                                              recognised_on=today)  # fmt: skip
    elif step == "not_recognise":
        result = services.dvk_model_not_recognise(actor=actor, model=model, reason=p.text)
    elif step == "replicate":
        unit = selectors.dvk_units_for(actor).filter(pk=p.organization_id or 0).first()
        if unit is None:
            raise PermissionDenied("not allowed: emulation.dvk_manage", code="forbidden")
        result = services.dvk_model_replicate(actor=actor, origin=model, organization=unit, name=p.name)
    else:
        result = services.dvk_model_close(actor=actor, model=model, outcome=p.outcome or "", reason=p.text)
    return _out(result)
