"""The commitments part over the REST API (Chỉ thị 05); operation ids pinned as emulation_commitments_*.

Staff (a session with its CSRF token, or an API key acting as an officer): one's own commitments and
registering one; one commitment with its reviews (its person, his head, the evaluating dân vận officers:
anyone else gets 404); writing a self-review (files are attached on the page); the head's assessment; the
units' completion and the late ones. Public: a body's public service commitments. Refusals carry the
services' codes (``commitment_limit_reached``, ``commitment_window_closed``, ``forbidden`` …)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from pydantic import Field

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.emulation import permissions as emulation_permissions
from danvan.emulation.selectors import commitments as selectors
from danvan.emulation.services import commitments as services
from danvan.org import permissions
from danvan.rest.auth import principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID, Input

router = Router(tags=["emulation"])


class ReviewOut(Schema):
    id: int
    period: str
    version: int
    change_reason: str
    text: str
    self_rating: str
    submitted_at: dt.datetime
    assessment: str
    assessment_comment: str
    assessed_at: dt.datetime | None


class CadreCommitmentOut(Schema):
    id: int
    person_id: int
    organization_id: int
    year: int
    title: str
    reason: str
    measurable_result: str
    due_on: dt.date
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_reviews(obj: Any) -> list[Any]:
        return list(obj.reviews.all())


class CommitmentIn(Input):
    organization_id: int = Field(ge=1, le=MAX_ID)
    title: str = Field(max_length=300)
    reason: str = Field(max_length=2000)
    measurable_result: str = Field(max_length=2000)
    due_on: dt.date


class ReviewIn(Input):
    period: str = Field(pattern="^(midyear|yearend)$")
    text: str = Field(max_length=4000)
    self_rating: str = Field(max_length=14)
    change_reason: str = Field("", max_length=500)


class AssessIn(Input):
    assessment: str = Field(max_length=14)
    comment: str = Field("", max_length=2000)


class UnitOut(Schema):
    organization_id: int
    organization_name: str
    cadres_expected: int
    cadres_with_commitment: int
    commitments_registered: int
    commitments_assessed_completed: int
    registration_rate: float | None
    completion_rate: float | None
    late: list[str]


class PublicCommitmentOut(Schema):
    year: int
    title: str
    items: list[str]

    @staticmethod
    def resolve_items(obj: Any) -> list[str]:
        return list(obj.lines())


def _year(year: int | None) -> int:
    return year if year is not None else clock.today().year


@router.get("/emulation/commitments", response={200: list[CadreCommitmentOut], **ERRORS},
            operation_id="emulation_commitments_list_mine")  # fmt: skip
def commitments_mine(request: HttpRequest, year: int | None = None) -> Any:
    """The caller's own commitments of ``year`` (this year by default), with their reviews."""
    return selectors.commitments_of(user=staff_user(principal(request)), year=_year(year))


@router.post("/emulation/commitments", response={201: CadreCommitmentOut, **ERRORS},
             operation_id="emulation_commitments_register")  # fmt: skip
def commitment_register(request: HttpRequest, payload: CommitmentIn) -> Any:
    """Register one of the caller's commitments for this year, in a body where he is a cadre."""
    user = staff_actor(principal(request, write=True))
    body = selectors.cadre_bodies(user).filter(pk=payload.organization_id).first()
    if body is None:
        raise NotFound("No such body.", code="not_found")
    row = services.commitment_register(user=user, organization=body, title=payload.title, reason=payload.reason,
                                       measurable_result=payload.measurable_result, due_on=payload.due_on)  # fmt: skip
    return Reply(201, selectors.commitment_get_for(user=user, pk=row.pk))


@router.get("/emulation/commitments/units", response={200: list[UnitOut], **ERRORS},
            operation_id="emulation_commitments_units")  # fmt: skip
def commitments_units(request: HttpRequest, year: int | None = None, late: bool = False) -> Any:
    """Each unit the caller follows (head, dân vận officer; by subtree): figures and why it is late."""
    user = staff_user(principal(request))
    if not permissions.user_may(user, emulation_permissions.COMMITMENT_VIEW_UNITS):
        raise NotFound("Not found.", code="not_found")
    config = selectors.commitment_year_get(_year(year))
    if config is None:
        raise NotFound("No such year.", code="not_found")
    return [
        UnitOut(organization_id=r.organization.pk, organization_name=r.organization.name,
                cadres_expected=r.figures.expected, cadres_with_commitment=r.figures.with_commitment,
                commitments_registered=r.figures.registered, commitments_assessed_completed=r.figures.assessed_completed,
                registration_rate=r.registration_rate, completion_rate=r.completion_rate, late=r.late)
        for r in selectors.units_for(user=user, year=config, late_only=late)
    ]  # fmt: skip


@router.get("/emulation/commitments/{commitment_id}", response={200: CadreCommitmentOut, **ERRORS},
            operation_id="emulation_commitments_get")  # fmt: skip
def commitment_get(request: HttpRequest, commitment_id: int) -> Any:
    """One commitment with every version of its reviews (its person, his head, evaluating officers)."""
    return selectors.commitment_get_for(user=staff_user(principal(request)), pk=min(commitment_id, MAX_ID))


@router.post("/emulation/commitments/{commitment_id}/reviews", response={201: ReviewOut, **ERRORS},
             operation_id="emulation_commitments_review")  # fmt: skip
def commitment_review(request: HttpRequest, commitment_id: int, payload: ReviewIn) -> Any:
    """Write (or rewrite) the caller's self-review; once assessed, a change is a new version with its reason."""
    user = staff_actor(principal(request, write=True))
    commitment = selectors.commitment_get_for(user=user, pk=min(commitment_id, MAX_ID))
    return Reply(201, services.review_submit(user=user, commitment=commitment, period=payload.period,
                                             text=payload.text, self_rating=payload.self_rating,
                                             change_reason=payload.change_reason))  # fmt: skip


@router.post("/emulation/commitments/{commitment_id}/reviews/{review_id}/assessment",
             response={200: ReviewOut, **ERRORS}, operation_id="emulation_commitments_assess")  # fmt: skip
def commitment_assess(request: HttpRequest, commitment_id: int, review_id: int, payload: AssessIn) -> Any:
    """The head's assessment (completed / partly / not completed) of a review's latest version."""
    user = staff_actor(principal(request, write=True))
    commitment = selectors.commitment_get_for(user=user, pk=min(commitment_id, MAX_ID))
    review = selectors.review_get_for(user=user, commitment=commitment, pk=min(review_id, MAX_ID))
    return services.review_assess(user=user, review=review, assessment=payload.assessment, comment=payload.comment)


@router.get("/emulation/public-commitments/{code}", response={200: list[PublicCommitmentOut], **ERRORS},
            operation_id="emulation_commitments_public")  # fmt: skip
def public_commitments(request: HttpRequest, code: str) -> Any:
    """A body's public service commitments (e.g. "ba không, ba nên, ba cần"), for everyone."""
    principal(request)
    return selectors.public_commitments_of(selectors.public_commitment_body(code[:60]))
