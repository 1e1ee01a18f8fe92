"""The decisions part's REST endpoints; operation ids pinned as danvan_api_democracy_decisions_*.

Staff (a session, or an API key with staff_act): the matters they run, one matter with where it stands,
proposing, meetings, ballots and their returns and count, the record and its sending, receipt and
recognition. Public: one decided matter's results as numbers over all households (no names). Every
refusal answers the service's code (400) with its message naming the article."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from pydantic import Field

from danvan.core.errors import NotFound
from danvan.democracy.models import DecisionRecord, Matter, Village, VoteRound
from danvan.democracy.selectors import decisions as selectors
from danvan.democracy.services import decisions as services
from danvan.org.models import AdministrativeUnit
from danvan.rest.auth import ApiError, principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, Input

router = Router(tags=["democracy"])


class StepOut(Schema):
    key: str
    label: str
    basis: str
    due_on: dt.date | None
    overdue: bool


class RoundOut(Schema):
    id: int
    village: str
    form: str
    status: str
    households_total: int
    present: int | None
    yes: int | None
    no: int | None
    blank: int | None
    passed: bool | None
    lacked_households: bool


class RecordOut(Schema):
    held_on: dt.date
    result: str
    send_due_on: dt.date
    sent_on: dt.date | None
    received_on: dt.date | None
    recognition_due_on: dt.date | None
    recognised_on: dt.date | None
    refused_on: dt.date | None
    in_force_on: dt.date | None


class MatterOut(Schema):
    id: int
    code: str
    scope: str
    item: int
    title: str
    village: str | None
    status: str
    households_total: int | None
    villages_total: int | None
    decided_on: dt.date | None
    next_step: StepOut
    rounds: list[RoundOut]
    record: RecordOut | None


class MatterRow(Schema):
    id: int
    code: str
    title: str
    status: str
    next_step: str


class ProposeIn(Input):
    scope: str = "village"
    item: int = Field(ge=1, le=6)
    village_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    commune_code: int | None = None
    proposer: str
    front_agreed_on: dt.date | None = None
    title: str = Field(max_length=300)
    content: str = Field(max_length=20_000)


class MeetingOpenIn(Input):
    held_on: dt.date
    village_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    place: str = Field(default="", max_length=200)


class MeetingRecordIn(Input):
    chaired_by: str = Field(max_length=200)
    secretary: str = Field(max_length=200)
    present: int = Field(ge=0, le=100_000)
    absent: int = Field(ge=0, le=100_000)
    method: str
    yes: int = Field(ge=0, le=100_000)
    no: int = Field(ge=0, le=100_000)
    blank: int = Field(default=0, ge=0, le=100_000)
    team: list[str] = Field(default_factory=list, max_length=10)
    minutes: str = Field(default="", max_length=20_000)


class BallotOpenIn(Input):
    announced_on: dt.date
    distribute_on: dt.date
    team: list[str] = Field(max_length=10)
    village_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class BallotReturnIn(Input):
    household_id: int = Field(ge=1, le=MAX_ID)
    returned_on: dt.date


class BallotCountIn(Input):
    yes: int = Field(ge=0, le=100_000)
    no: int = Field(ge=0, le=100_000)
    blank: int = Field(default=0, ge=0, le=100_000)
    minutes: str = Field(default="", max_length=20_000)


class RecordIn(Input):
    decision: str = Field(max_length=20_000)
    signed_village_head: str = Field(default="", max_length=200)
    signed_front_head: str = Field(default="", max_length=200)
    signed_representatives: list[str] = Field(default_factory=list, max_length=20)


class RecordStepIn(Input):
    step: str  # send | receive | recognise | refuse | set_in_force
    day: dt.date
    reason: str = Field(default="", max_length=5000)


class ResultOut(Schema):
    village: str
    form: str
    households_total: int
    yes: int
    no: int
    blank: int
    needed: int
    rule: str
    passed: bool


class PublicOut(Schema):
    code: str
    title: str
    item: int
    status: str
    decided_on: dt.date | None
    in_force_on: dt.date | None
    results: list[ResultOut]


def _matter(pk: int) -> Matter:
    if pk > MAX_ID:
        raise NotFound("matter not found")
    return selectors.matter_get(pk)


def _round(pk: int) -> VoteRound:
    row = VoteRound.objects.select_related("matter", "village").filter(pk=pk).first() if pk <= MAX_ID else None
    if row is None:
        raise NotFound("round not found")
    return row


def _village(pk: int | None) -> Village | None:
    if pk is None:
        return None
    row = Village.objects.filter(pk=pk).first()
    if row is None:
        raise NotFound("village not found")
    return row


def _out(matter: Matter) -> dict[str, Any]:
    step = selectors.next_step(matter)
    record = DecisionRecord.objects.filter(matter=matter).first()
    return {
        "id": matter.pk, "code": matter.code, "scope": matter.scope, "item": matter.item, "title": matter.title,
        "village": matter.village.name if matter.village else None, "status": matter.status,
        "households_total": matter.households_total, "villages_total": matter.villages_total,
        "decided_on": matter.decided_on,
        "next_step": {"key": step.key, "label": str(step.label), "basis": step.basis, "due_on": step.due_on,
                      "overdue": step.overdue},
        "rounds": [{"id": r.pk, "village": r.village.name, "form": r.form, "status": r.status,
                    "households_total": r.households_total, "present": r.present, "yes": r.yes, "no": r.no,
                    "blank": r.blank, "passed": r.passed, "lacked_households": r.lacked_households}
                   for r in selectors.matter_rounds(matter)],
        "record": record,
    }  # fmt: skip


@router.get("/democracy/decisions", response={200: list[MatterRow], **ERRORS}, summary="Community matters I run",
            operation_id="danvan_api_democracy_decisions_list")  # fmt: skip
def decisions_list(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    actor = staff_actor(principal(request))
    rows = selectors.matters_for(actor, status=status[:12])[:200]
    return [{"id": m.pk, "code": m.code, "title": m.title, "status": m.status,
             "next_step": selectors.next_step(m).key} for m in rows]  # fmt: skip


@router.get("/democracy/decisions/{matter_id}", response={200: MatterOut, **ERRORS},
            summary="A community matter: its rounds, record and what the law needs next",
            operation_id="danvan_api_democracy_decisions_get")  # fmt: skip
def decision_get(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    actor = staff_actor(principal(request))
    matter = _matter(matter_id)
    if not selectors.matters_for(actor).filter(pk=matter.pk).exists():
        raise NotFound("matter not found")
    return _out(matter)


@router.post("/democracy/decisions", response={201: MatterOut, **ERRORS}, summary="Propose a matter (Art. 16)",
             operation_id="danvan_api_democracy_decisions_propose")  # fmt: skip
def decision_propose(request: HttpRequest, payload: ProposeIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    commune = None
    if payload.commune_code is not None:
        commune = AdministrativeUnit.objects.filter(code=payload.commune_code, level="commune", era="current").first()
        if commune is None:
            raise ApiError(404, "not_found", "commune not found")
    matter = services.matter_propose(
        actor=actor, scope=payload.scope, item=payload.item, village=_village(payload.village_id), commune=commune,
        proposer=payload.proposer, front_agreed_on=payload.front_agreed_on, title=payload.title,
        content=payload.content,
    )  # fmt: skip
    return Reply(201, _out(matter))


@router.post("/democracy/decisions/{matter_id}/meetings", response={201: MatterOut, **ERRORS},
             summary="Call a community meeting on a matter", operation_id="danvan_api_democracy_decisions_meeting_open")  # fmt: skip
def meeting_open(request: HttpRequest, matter_id: int, payload: MeetingOpenIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    matter = _matter(matter_id)
    services.meeting_open(actor=actor, matter=matter, held_on=payload.held_on, village=_village(payload.village_id),
                          place=payload.place)  # fmt: skip
    return Reply(201, _out(_matter(matter_id)))


@router.post("/democracy/decisions/rounds/{round_id}/meeting", response={200: MatterOut, **ERRORS},
             summary="Record a meeting and its vote", operation_id="danvan_api_democracy_decisions_meeting_record")  # fmt: skip
def meeting_record(request: HttpRequest, round_id: int, payload: MeetingRecordIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    round_ = _round(round_id)
    services.meeting_record(actor=actor, round_=round_, chaired_by=payload.chaired_by, secretary=payload.secretary,
                            present=payload.present, absent=payload.absent, method=payload.method, yes=payload.yes,
                            no=payload.no, blank=payload.blank, team=payload.team, minutes=payload.minutes)  # fmt: skip
    return _out(_matter(round_.matter_id))


@router.post("/democracy/decisions/{matter_id}/ballots", response={201: MatterOut, **ERRORS},
             summary="Announce a household ballot", operation_id="danvan_api_democracy_decisions_ballot_open")  # fmt: skip
def ballot_open(request: HttpRequest, matter_id: int, payload: BallotOpenIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    matter = _matter(matter_id)
    services.ballot_open(actor=actor, matter=matter, announced_on=payload.announced_on,
                         distribute_on=payload.distribute_on, team=payload.team,
                         village=_village(payload.village_id))  # fmt: skip
    return Reply(201, _out(_matter(matter_id)))


@router.post("/democracy/decisions/rounds/{round_id}/returns", response={201: dict[str, int], **ERRORS},
             summary="Record that a household returned its ballot (once)",
             operation_id="danvan_api_democracy_decisions_ballot_return")  # fmt: skip
def ballot_return(request: HttpRequest, round_id: int, payload: BallotReturnIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    round_ = _round(round_id)
    services.ballot_return_record(actor=actor, round_=round_, household_id=payload.household_id,
                                  returned_on=payload.returned_on)  # fmt: skip
    return Reply(201, {"returned": round_.ballot_returns.count(), "households_total": round_.households_total})


@router.post("/democracy/decisions/rounds/{round_id}/count", response={200: MatterOut, **ERRORS},
             summary="The ballot team's count", operation_id="danvan_api_democracy_decisions_ballot_count")  # fmt: skip
def ballot_count(request: HttpRequest, round_id: int, payload: BallotCountIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    round_ = _round(round_id)
    services.ballot_count(actor=actor, round_=round_, yes=payload.yes, no=payload.no, blank=payload.blank,
                          minutes=payload.minutes)  # fmt: skip
    return _out(_matter(round_.matter_id))


@router.post("/democracy/decisions/{matter_id}/record", response={201: MatterOut, **ERRORS},
             summary="Write the decision record (Art. 20)", operation_id="danvan_api_democracy_decisions_record_write")  # fmt: skip
def record_write(request: HttpRequest, matter_id: int, payload: RecordIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    matter = _matter(matter_id)
    services.record_write(actor=actor, matter=matter, decision=payload.decision,
                          signed_village_head=payload.signed_village_head, signed_front_head=payload.signed_front_head,
                          signed_representatives=payload.signed_representatives)  # fmt: skip
    return Reply(201, _out(_matter(matter_id)))


@router.post("/democracy/decisions/{matter_id}/record/step", response={200: MatterOut, **ERRORS},
             summary="Send, receive, recognise or refuse the record, or set the day in force",
             operation_id="danvan_api_democracy_decisions_record_step")  # fmt: skip
def record_step(request: HttpRequest, matter_id: int, payload: RecordStepIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    matter = _matter(matter_id)
    record = DecisionRecord.objects.filter(matter=matter).first()
    if record is None:
        raise ApiError(400, "bad_state", "write the record first")
    steps: dict[str, Any] = {
        "send": lambda: services.record_send(actor=actor, record=record, sent_on=payload.day),
        "receive": lambda: services.record_receive(actor=actor, record=record, received_on=payload.day),
        "recognise": lambda: services.record_recognise(actor=actor, record=record, recognised_on=payload.day),
        "refuse": lambda: services.record_refuse(actor=actor, record=record, refused_on=payload.day,
                                                 reason=payload.reason),
        "set_in_force": lambda: services.in_force_date_set(actor=actor, record=record, in_force_on=payload.day),
    }  # fmt: skip
    if payload.step not in steps:
        raise ApiError(
            422, "bad_step", "unknown step", details={"step": "send, receive, recognise, refuse or set_in_force"}
        )
    steps[payload.step]()
    return _out(_matter(matter_id))


@router.get("/democracy/public/decisions/{code}", response={200: PublicOut, **ERRORS},
            summary="A decided matter's results over all households (public, no names)",
            operation_id="danvan_api_democracy_decisions_public")  # fmt: skip
def decision_public(request: HttpRequest, code: str) -> dict[str, Any]:
    principal(request)
    matter = selectors.matter_public(code[:24])
    record = DecisionRecord.objects.filter(matter=matter).first()
    return {"code": matter.code, "title": matter.title, "item": matter.item, "status": matter.status,
            "decided_on": matter.decided_on, "in_force_on": record.in_force_on if record else None,
            "results": [r.__dict__ for r in selectors.public_results(matter)]}  # fmt: skip
