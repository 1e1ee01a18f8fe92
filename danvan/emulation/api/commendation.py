"""The commendation part over the REST API (operation ids ``emulation_commendation_*``): proposals, their
council's seats and opinions, the decision (or not commended), and criticism / discipline records. Thin over
``services.commendation`` and ``selectors.commendation``; refusals in the project's one error shape (a
missing and a forbidden object both 404). Schemas are named ``Commendation…`` (ninja keys them by name)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as Reply

from danvan.core.errors import NotFound
from danvan.emulation import permissions as ep
from danvan.emulation.rules.commendation import Family, SubjectKind
from danvan.emulation.selectors import commendation as selectors
from danvan.emulation.selectors import dvk as dvk_selectors
from danvan.emulation.services import commendation as services
from danvan.org.selectors import organization_get_for
from danvan.rest.auth import principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID, TEXT_LIMIT, Input

router = Router(tags=["emulation"])
P = "/emulation/commendation"

# Literals rather than the rules' enums: ninja would publish an enum as a schema under its class name, and
# "Status" or "Opinion" would collide with other apps' schemas (tests/test_schema_names.py).
SubjectKindValue = Literal["model", "exemplar", "person", "collective"]
OpinionValue = Literal["agree", "disagree", "abstain"]
StatusValue = Literal["proposed", "decided", "not_commended"]


class CommendationProposalIn(Input):
    organization_id: int = Field(..., ge=1, le=MAX_ID, description="the proposing unit")
    subject_kind: SubjectKindValue
    subject_id: int = Field(..., ge=1, le=MAX_ID, description="the model's, exemplar's, person's or body's id")
    person_organization_id: int | None = Field(None, ge=1, le=MAX_ID, description="a person's body")
    form_code: str = Field(..., max_length=60)
    level: str = Field(..., max_length=10)
    achievements: str = Field(..., max_length=TEXT_LIMIT)


class CommendationMemberOut(Schema):
    user_id: int
    organization_id: int
    opinion: str
    reason: str


class CommendationProposalOut(Schema):
    id: int
    organization_id: int
    subject_kind: str
    subject_name: str
    subject_organization_id: int
    model_id: int | None
    proposed_form: str
    proposed_level: str
    proposed_on: dt.date
    status: str
    decision_number: str
    decided_on: dt.date | None
    decided_form: str | None
    decided_level: str
    deciding_organization_id: int | None
    document_family: str


class CommendationProposalDetailOut(CommendationProposalOut):
    achievements: str
    members: list[CommendationMemberOut]


class CommendationSeatIn(Input):
    member_id: int = Field(..., ge=1, le=MAX_ID)
    organization_id: int = Field(..., ge=1, le=MAX_ID)


class CommendationOpinionIn(Input):
    opinion: OpinionValue
    reason: str = Field(..., max_length=TEXT_LIMIT)


class CommendationDecisionIn(Input):
    deciding_organization_id: int = Field(..., ge=1, le=MAX_ID)
    decision_number: str = Field("", max_length=60)
    decided_on: dt.date
    signer_name: str = Field(..., max_length=150)
    signer_title: str = Field(..., max_length=150)
    form_code: str = Field(..., max_length=60)
    level: str = Field(..., max_length=10)


class CommendationDeclineIn(Input):
    deciding_organization_id: int = Field(..., ge=1, le=MAX_ID)
    reason: str = Field(..., max_length=TEXT_LIMIT)


class CommendationDisciplineIn(Input):
    organization_id: int = Field(..., ge=1, le=MAX_ID, description="the person's body, or the collective")
    person_id: int | None = Field(None, ge=1, le=MAX_ID)
    form_code: str = Field(..., max_length=60)
    decision_number: str = Field("", max_length=60)
    decided_on: dt.date
    deciding_organization_id: int = Field(..., ge=1, le=MAX_ID)
    ground: str = Field(..., max_length=TEXT_LIMIT)
    case_tracking_code: str = Field("", max_length=40)


class CommendationDisciplineOut(Schema):
    id: int
    subject_kind: str
    person_id: int | None
    organization_id: int
    form: str
    decision_number: str
    decided_on: dt.date
    deciding_organization_id: int
    ground: str
    case_tracking_code: str
    status: str  # in_force | superseded (a correction made a newer version) | withdrawn
    version: int
    previous_id: int | None  # the version this one corrects


def _out(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk, "organization_id": p.organization_id, "subject_kind": p.subject_kind, "subject_name": p.subject_name,
        "subject_organization_id": p.subject_organization_id, "model_id": p.model_id,
        "proposed_form": p.proposed_form.code, "proposed_level": p.proposed_level, "proposed_on": p.proposed_on,
        "status": p.status, "decision_number": p.decision_number, "decided_on": p.decided_on,
        "decided_form": p.decided_form.code if p.decided_form else None, "decided_level": p.decided_level,
        "deciding_organization_id": p.deciding_organization_id, "document_family": p.document_family,
    }  # fmt: skip


def _detail(p: Any) -> dict[str, Any]:
    members = [{"user_id": m.user_id, "organization_id": m.organization_id, "opinion": m.opinion, "reason": m.reason}
               for m in selectors.council(p)]  # fmt: skip
    return {**_out(p), "achievements": p.achievements, "members": members}


def _form(family: Family, code: str) -> Any:
    return selectors.forms(family).filter(code=code).first()  # None: the service refuses with its code


@router.get(f"{P}/proposals", response={200: list[CommendationProposalOut], **ERRORS},
            operation_id="emulation_commendation_list")  # fmt: skip
def proposal_list(request: HttpRequest, status: StatusValue | None = None) -> Any:
    """The proposals of the caller's units and those on whose council he sits, newest first (at most 100)."""
    user = staff_user(principal(request))
    return [_out(p) for p in selectors.proposals_for(user, status=status or "")[:100]]


@router.post(f"{P}/proposals", response={201: CommendationProposalDetailOut, **ERRORS},
             operation_id="emulation_commendation_create")  # fmt: skip
def proposal_create(request: HttpRequest, payload: CommendationProposalIn) -> Any:
    """Propose a commendation for one subject (a recognised model, an exemplar, a person, a collective)."""
    user = staff_actor(principal(request, write=True))
    unit = organization_get_for(user=user, pk=payload.organization_id, action=ep.COMMENDATION_PROPOSE)
    subject: dict[str, Any] = {}
    kind = payload.subject_kind
    if kind == SubjectKind.MODEL:
        subject["model"] = dvk_selectors.dvk_model_for(user, payload.subject_id)
    elif kind == SubjectKind.EXEMPLAR:
        subject["exemplar"] = dvk_selectors.dvk_exemplar_for(user, payload.subject_id)
    elif kind == SubjectKind.COLLECTIVE:
        subject["collective"] = organization_get_for(user=user, pk=payload.subject_id, action=ep.COMMENDATION_PROPOSE)
    else:
        person = selectors.people_for(user).filter(pk=payload.subject_id).first()
        if person is None:
            raise NotFound("person not found")
        subject["person"] = person
        if payload.person_organization_id:
            subject["person_organization"] = organization_get_for(user=user, pk=payload.person_organization_id,
                                                                  action=ep.COMMENDATION_PROPOSE)  # fmt: skip
    proposal = services.proposal_create(actor=user, organization=unit, achievements=payload.achievements,
                                        form=_form(Family.COMMENDATION, payload.form_code), level=payload.level,
                                        **subject)  # fmt: skip
    return Reply(201, _detail(proposal))


@router.get(f"{P}/proposals/{{proposal_id}}", response={200: CommendationProposalDetailOut, **ERRORS},
            operation_id="emulation_commendation_get")  # fmt: skip
def proposal_get(request: HttpRequest, proposal_id: int) -> Any:
    """A proposal with its council's opinions and, once decided, its decision."""
    return _detail(selectors.proposal_for(staff_user(principal(request)), proposal_id))


@router.post(f"{P}/proposals/{{proposal_id}}/council", response={200: CommendationProposalDetailOut, **ERRORS},
             operation_id="emulation_commendation_seat")  # fmt: skip
def seat(request: HttpRequest, proposal_id: int, payload: CommendationSeatIn) -> Any:
    """Give a council seat (never to someone of the proposing unit or of the subject's own unit)."""
    user = staff_actor(principal(request, write=True))
    proposal = selectors.proposal_for(user, proposal_id)
    member = selectors.council_candidates_for(user).filter(pk=payload.member_id).first()
    if member is None:
        raise NotFound("member not found")
    body = organization_get_for(user=user, pk=payload.organization_id, action=ep.COMMENDATION_DECIDE)
    services.council_seat(actor=user, proposal=proposal, member=member, organization=body)
    return _detail(proposal)


@router.post(f"{P}/proposals/{{proposal_id}}/opinion", response={200: CommendationProposalDetailOut, **ERRORS},
             operation_id="emulation_commendation_opinion")  # fmt: skip
def opinion(request: HttpRequest, proposal_id: int, payload: CommendationOpinionIn) -> Any:
    """The caller's opinion on a council he sits on, with its reason."""
    user = staff_actor(principal(request, write=True))
    proposal = selectors.proposal_for(user, proposal_id)
    services.council_opinion(actor=user, proposal=proposal, opinion=payload.opinion, reason=payload.reason)
    return _detail(proposal)


@router.post(f"{P}/proposals/{{proposal_id}}/decision", response={200: CommendationProposalDetailOut, **ERRORS},
             operation_id="emulation_commendation_decide")  # fmt: skip
def decide(request: HttpRequest, proposal_id: int, payload: CommendationDecisionIn) -> Any:
    """Commend: decision number (required), date, signer, form and level; a model moves to COMMENDED."""
    user = staff_actor(principal(request, write=True))
    proposal = selectors.proposal_for(user, proposal_id)
    body = organization_get_for(user=user, pk=payload.deciding_organization_id, action=ep.COMMENDATION_DECIDE)
    done = services.proposal_decide(
        actor=user, proposal=proposal, deciding_organization=body, decision_number=payload.decision_number,
        decided_on=payload.decided_on, signer_name=payload.signer_name, signer_title=payload.signer_title,
        form=_form(Family.COMMENDATION, payload.form_code), level=payload.level,
    )  # fmt: skip
    return _detail(done)


@router.post(f"{P}/proposals/{{proposal_id}}/decline", response={200: CommendationProposalDetailOut, **ERRORS},
             operation_id="emulation_commendation_decline")  # fmt: skip
def decline(request: HttpRequest, proposal_id: int, payload: CommendationDeclineIn) -> Any:
    """Close the proposal without commendation, with the reason."""
    user = staff_actor(principal(request, write=True))
    proposal = selectors.proposal_for(user, proposal_id)
    body = organization_get_for(user=user, pk=payload.deciding_organization_id, action=ep.COMMENDATION_DECIDE)
    return _detail(services.proposal_decline(actor=user, proposal=proposal, deciding_organization=body,
                                             reason=payload.reason))  # fmt: skip


def _discipline_out(r: Any) -> dict[str, Any]:
    return {"id": r.pk, "subject_kind": r.subject_kind, "person_id": r.person_id, "organization_id": r.organization_id,
            "form": r.form.code, "decision_number": r.decision_number, "decided_on": r.decided_on,
            "deciding_organization_id": r.deciding_organization_id, "ground": r.ground,
            "case_tracking_code": r.ground_tracking_code, "status": r.status, "version": r.version,
            "previous_id": r.previous_id}  # fmt: skip


@router.get(f"{P}/discipline", response={200: list[CommendationDisciplineOut], **ERRORS},
            operation_id="emulation_commendation_discipline_list")  # fmt: skip
def discipline_list(request: HttpRequest) -> Any:
    """The records the caller may read: his own, and those of the units he heads (at most 100)."""
    return [_discipline_out(r) for r in selectors.discipline_for(staff_user(principal(request)))[:100]]


@router.get(f"{P}/discipline/{{record_id}}", response={200: CommendationDisciplineOut, **ERRORS},
            operation_id="emulation_commendation_discipline_get")  # fmt: skip
def discipline_get(request: HttpRequest, record_id: int) -> Any:
    return _discipline_out(selectors.discipline_record_for(staff_user(principal(request)), record_id))


@router.post(f"{P}/discipline", response={201: CommendationDisciplineOut, **ERRORS},
             operation_id="emulation_commendation_discipline_create")  # fmt: skip
def discipline_create(request: HttpRequest, payload: CommendationDisciplineIn) -> Any:
    """Record a criticism or discipline, with its ground (and the upheld case behind it, by tracking code)."""
    user = staff_actor(principal(request, write=True))
    unit = organization_get_for(user=user, pk=payload.organization_id, action=ep.DISCIPLINE_RECORD)
    deciding = organization_get_for(user=user, pk=payload.deciding_organization_id, action=ep.DISCIPLINE_RECORD)
    person = None
    if payload.person_id:
        person = selectors.discipline_people_for(user).filter(pk=payload.person_id).first()
        if person is None:
            raise NotFound("person not found")
    record = services.discipline_record(
        actor=user, organization=unit, deciding_organization=deciding, person=person,
        form=_form(Family.DISCIPLINE, payload.form_code), decision_number=payload.decision_number,
        decided_on=payload.decided_on, ground=payload.ground, case_tracking_code=payload.case_tracking_code,
    )  # fmt: skip
    return Reply(201, _discipline_out(record))
