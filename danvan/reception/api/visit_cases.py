"""The visit_cases part's REST endpoints (mounted by api/__init__.py): the cases a visit brought, and a
visit's crowd. Staff only (a session, or a partner key acting as its staff account); a visit the caller
may not work on answers 404 like one that does not exist. Refusals come in the project's one error
shape with reception's codes (``bad_petitions``, ``bad_representatives``, ``not_a_crowd`` …)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from danvan.core.errors import NotFound
from danvan.org import permissions
from danvan.reception import rules
from danvan.reception.permissions import VIEW_VISITORS
from danvan.reception.selectors import crowds as selectors
from danvan.reception.services import crowds as crowd_services
from danvan.reception.services.visit_cases import VisitPetition, visit_cases_create
from danvan.rest.auth import principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, Input

router = Router(tags=["reception"])


class PetitionIn(Input):
    track: str = Field(description="pakn, khieu_nai or to_cao (one petition per track)")
    content: str = Field(max_length=10_000)
    title: str = Field("", max_length=200)
    place_text: str = Field("", max_length=300)
    place_unit_id: int | None = None
    topic_code: str = Field("", max_length=50)


class VisitCasesIn(Input):
    petitions: list[PetitionIn] = Field(max_length=3)
    request_key: str = Field("", max_length=40, description="The same key on a retry returns the same cases")


class VisitCaseOut(Schema):
    case_id: int
    tracking_code: str
    track: str


class VisitCasesOut(Schema):
    visit_id: int
    sealed: bool
    cases: list[VisitCaseOut]


class Representative(Input):
    name: str = Field(max_length=200)
    address: str = Field(max_length=255)


class CrowdIn(Input):
    representatives: list[Representative] = Field(max_length=5)
    appointment_signed: bool = False
    statement: str = Field("", max_length=10_000)
    statement_signed: bool = False
    matter_key: str = Field("", max_length=120)


class CrowdOut(Schema):
    visit_id: int
    group_size: int
    representatives_allowed: list[int]
    representatives_count: int
    representatives: list[dict[str, str]] | None = Field(description="Only to those who may read visitors")
    appointment_signed: bool
    statement_signed: bool
    matter_key: str
    met_at: dt.datetime | None
    met_by_id: int | None
    order_disturbed: bool


def _links_out(visit: Any) -> dict[str, Any]:
    links = selectors.visit_case_links(visit)
    cases = [{"case_id": link.case_id, "tracking_code": link.case.tracking_code, "track": link.track} for link in links]
    return {"visit_id": visit.pk, "sealed": visit.sealed, "cases": cases}


@router.post("/reception/visits/{visit_id}/cases", response={200: VisitCasesOut, **ERRORS},
             operation_id="danvan_api_reception_visit_cases_create", summary="Create the cases a visit brought")  # fmt: skip
def visit_cases_post(request: HttpRequest, visit_id: int, body: VisitCasesIn) -> dict[str, Any]:
    """One case per petition (one per track), through cases' intake with channel ``reception``; a tố cáo is
    sealed and the visit then keeps no identity in clear. All or nothing."""
    user = staff_actor(principal(request, write=True))
    visit = selectors.visit_for_staff(user=user, pk=visit_id)
    petitions = [VisitPetition(**p.model_dump()) for p in body.petitions]
    visit_cases_create(actor=user, visit=visit, petitions=petitions, request_key=body.request_key)
    visit.refresh_from_db()
    return _links_out(visit)


def _crowd_out(user: Any, visit: Any) -> dict[str, Any]:
    crowd = selectors.crowd_of(visit)
    if crowd is None:
        raise NotFound("crowd not found")
    allowed = rules.representatives_allowed(visit.group_size) or (0, 0)
    may_see = permissions.user_may(user, VIEW_VISITORS, visit) and not visit.sealed
    return {
        "visit_id": visit.pk,
        "group_size": visit.group_size,
        "representatives_allowed": list(allowed),
        "representatives_count": len(crowd.representatives),
        "representatives": crowd.representatives if may_see else None,
        "appointment_signed": crowd.appointment_signed,
        "statement_signed": crowd.statement_signed,
        "matter_key": crowd.matter_key,
        "met_at": crowd.met_at,
        "met_by_id": crowd.met_by_id,
        "order_disturbed": crowd.order_disturbed,
    }


@router.post("/reception/visits/{visit_id}/crowd", response={200: CrowdOut, **ERRORS},
             operation_id="danvan_api_reception_visit_crowd_record", summary="Record a visit's crowd")  # fmt: skip
def visit_crowd_post(request: HttpRequest, visit_id: int, body: CrowdIn) -> dict[str, Any]:
    """The representatives (their number within Art. 30(1)'s range for the group's size), the signed
    documents and the matter; recording again corrects it."""
    user = staff_actor(principal(request, write=True))
    visit = selectors.visit_for_staff(user=user, pk=visit_id)
    data = body.model_dump()
    crowd_services.crowd_record(actor=user, visit=visit, **data)
    return _crowd_out(user, visit)


@router.get("/reception/visits/{visit_id}/crowd", response={200: CrowdOut, **ERRORS},
            operation_id="danvan_api_reception_visit_crowd_read", summary="A visit's crowd")  # fmt: skip
def visit_crowd_get(request: HttpRequest, visit_id: int) -> dict[str, Any]:
    user = staff_user(principal(request))
    visit = selectors.visit_for_staff(user=user, pk=visit_id)
    return _crowd_out(user, visit)
