"""Consultations: the participation part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_participation_*``). Thin over ``services.participation`` and
``selectors.participation``: the same rules and refusal codes as the pages (``consultations.errors``).

Who is voting (public endpoints):
* a browser already on the site sends its ``danvan_device`` cookie (the pages' device, so one person is
  one participant on the page and through the API);
* an app without cookies asks ``POST .../participation/device`` once for a device token and sends it
  back in the ``X-Danvan-Device`` header (the same signed value the cookie holds; the server keeps only
  a keyed digest of the id inside it);
* a household proves itself with ``.../household/code`` and ``.../household/verify``, which answers a
  ``participant_token`` (signed, for this consultation only) sent back in ``X-Participant-Token``;
* a signed-in resident uses the session (with the CSRF token, as every session write).

Rate limits: the pages' rules (``consult_vote``, ``consult_view``, ``consult_code``,
``consult_verify``), counted per device token, participant token or account under ``per_device`` (per
address only for callers with none of them, under ``without_cookie``) and, far higher, per address.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Status as Reply

from danvan.consultations.models import Comment, Consultation, Statement
from danvan.consultations.permissions import KEY_IN, MODERATE
from danvan.consultations.selectors import participation as sel
from danvan.consultations.selectors.access import may_act
from danvan.consultations.services import participation as svc
from danvan.core import ratelimit
from danvan.core.errors import NotFound
from danvan.core.tokens import derived_token
from danvan.rest.auth import ApiError, principal, staff_actor
from danvan.rest.schemas import ERRORS, MAX_ID, Input
from danvan.ui import limits

router = Router(tags=["consultations"])
DEVICE_HEADER = "X-Danvan-Device"
PARTICIPANT_HEADER = "X-Participant-Token"
_PARTICIPANT_SALT = "danvan.consultations.participant"
PARTICIPANT_TOKEN_AGE = dt.timedelta(days=30)  # a household's token expires; the household verifies again


def _consultation(code: str) -> Consultation:
    found = sel.consultation_public(code)
    if found is None:
        raise NotFound(_("No such consultation."))
    return found


def _device(request: HttpRequest) -> tuple[str, bool]:
    """The device of the header (or the cookie), only once issued a moment earlier (``limits.device_settled``),
    and whether a valid one was given too soon (pending)."""
    header = request.headers.get(DEVICE_HEADER, "")
    return limits.device_taken(limits.device_unsigned(header) if header else limits.device_of(request))


def _new_participant(request: HttpRequest, consultation: Consultation, who: svc.Who) -> None:
    """A device seen for the first time in an OPEN consultation counts against ``consult_participant_new``
    (per address): 429 ``rate_limited`` once passed."""
    if who.participant_id or getattr(who.user, "is_authenticated", False):
        return
    if svc.device_is_new(consultation, who.device):
        _hit(request, "consult_participant_new", who)
        svc.device_seen(consultation, who.device)


def _participant_id(request: HttpRequest, consultation: Consultation) -> int | None:
    raw = request.headers.get(PARTICIPANT_HEADER, "")
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=_PARTICIPANT_SALT, max_age=PARTICIPANT_TOKEN_AGE)
    except signing.BadSignature:  # forged, damaged or expired (SignatureExpired is a BadSignature)
        raise ApiError(401, "invalid_participant_token", _("The participant token is not valid.")) from None
    if not isinstance(data, dict) or data.get("c") != consultation.pk or not isinstance(data.get("p"), int):
        raise ApiError(401, "invalid_participant_token", _("The participant token is not valid."))
    return int(data["p"])


def _who(request: HttpRequest, consultation: Consultation, user: Any) -> svc.Who:
    device, pending = _device(request)
    return svc.Who(device=device, user=user, participant_id=_participant_id(request, consultation),
                   device_pending=pending)  # fmt: skip


def _client(request: HttpRequest, who: svc.Who) -> tuple[str, str] | None:
    if who.participant_id:
        return "participant", str(who.participant_id)
    if who.user is not None and getattr(who.user, "is_authenticated", False):
        return "account", str(who.user.pk)
    if who.device:
        return "device", who.device
    return None


def _counters(
    request: HttpRequest, name: str, who: svc.Who, contact: tuple[str, ...] = ()
) -> list[tuple[str, str, int]]:
    limit = limits.rule(name)
    address = request.META.get("REMOTE_ADDR") or "unknown"
    counters = [(f"{name}:address", address, limit.per_address)] if limit.per_address else []
    client = _client(request, who)
    if limit.per_device:
        if client is not None:
            counters.append((f"{name}:{client[0]}", client[1], limit.per_device))
        else:
            counters.append((f"{name}:no-cookie", address, limit.without_cookie or limit.per_device))
    counters += [(f"{name}:contact", derived_token("rate-limit-contact", c), limit.per_contact)
                 for c in contact if limit.per_contact]  # fmt: skip
    return counters


def _hit(request: HttpRequest, name: str, who: svc.Who, contact: tuple[str, ...] = ()) -> None:
    """Count one request on every counter of rule ``name``; 429 ``rate_limited`` once one is passed."""
    limit = limits.rule(name)
    for scope, client, allowed in _counters(request, name, who, contact):
        verdict = ratelimit.hit(scope, client, limit=allowed, window_seconds=limit.window_seconds)
        if not verdict.allowed:
            raise ApiError(429, "rate_limited", _("Too many requests. Please try again later."),
                           retry_after=verdict.retry_after)  # fmt: skip


# Reading ----------------------------------------------------------------------------------------------------


class StatementOut(Schema):
    id: int
    text: str
    section_key: str = Field(..., description="empty: the whole draft")
    agree: int = Field(..., description="platform votes (merged duplicates counted here) plus counted tallies")
    disagree: int
    passed: int
    keyed: int = Field(..., description="of the totals, votes counted at meetings or from ballots")


@router.get("/consultations/{code}/participation/statements", response={200: list[StatementOut], **ERRORS},
            summary="A consultation's published statements with their totals",
            operation_id="danvan_api_consultations_participation_statements")  # fmt: skip
def statements(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    """Public. Totals only: never who voted."""
    principal(request)
    consultation = _consultation(code)
    return [{"id": s.id, "text": s.text, "section_key": s.section_key, "agree": s.agree, "disagree": s.disagree,
             "passed": s.passed, "keyed": s.keyed} for s in sel.statement_totals(consultation)]  # fmt: skip


# Who is voting ----------------------------------------------------------------------------------------------


class DeviceOut(Schema):
    device_token: str = Field(..., description=f"Send it back in the {DEVICE_HEADER} header")


@router.post("/consultations/{code}/participation/device", response={201: DeviceOut, **ERRORS},
             summary="A device token for an app without cookies",
             operation_id="danvan_api_consultations_participation_device")  # fmt: skip
def device(request: HttpRequest, code: str) -> Reply:
    principal(request, write=True)
    _consultation(code)
    _hit(request, "consult_participant_new", svc.Who())  # every token minted, per address
    return Reply(201, {"device_token": limits.device_signed(limits.device_new())})


class HouseholdCodeIn(Input):
    village_id: int = Field(..., ge=1, le=MAX_ID)
    household: str = Field(..., max_length=40, description="The household code on the village's list")
    phone: str = Field(..., max_length=20, description="The representative's phone on the village's list")


class HouseholdCodeAccepted(Schema):
    detail: str


@router.post("/consultations/{code}/participation/household/code", response={202: HouseholdCodeAccepted, **ERRORS},
             summary="Ask for a household's one-time code by SMS",
             operation_id="danvan_api_consultations_participation_household_code")  # fmt: skip
def household_code(request: HttpRequest, code: str, payload: HouseholdCodeIn) -> Reply:
    """202 whether or not the household and phone matched; 400 ``not_in_audience`` for a village not
    consulted, ``not_open`` outside the period."""
    caller = principal(request, write=True)
    consultation = _consultation(code)
    who = _who(request, consultation, caller.user)
    household = f"{payload.village_id}:{payload.household.strip().upper()}"
    _hit(request, "consult_code", who, (household,))
    svc.household_code_request(consultation=consultation, village_id=payload.village_id,
                               household_code=payload.household, phone=payload.phone)  # fmt: skip
    return Reply(202, {"detail": _("If the household code and the phone match the village's list, a code has been "
                                   "sent.")})  # fmt: skip


class HouseholdVerifyIn(Input):
    village_id: int = Field(..., ge=1, le=MAX_ID)
    household: str = Field(..., max_length=40)
    code: str = Field(..., max_length=12, description="The one-time code received by SMS")


class ParticipantOut(Schema):
    participant_token: str = Field(..., description=f"Send it back in the {PARTICIPANT_HEADER} header")


@router.post("/consultations/{code}/participation/household/verify", response={200: ParticipantOut, **ERRORS},
             summary="Confirm a household with its one-time code",
             operation_id="danvan_api_consultations_participation_household_verify")  # fmt: skip
def household_verify(request: HttpRequest, code: str, payload: HouseholdVerifyIn) -> dict[str, str]:
    caller = principal(request, write=True)
    consultation = _consultation(code)
    household = f"{payload.village_id}:{payload.household.strip().upper()}"
    _hit(request, "consult_verify", _who(request, consultation, caller.user), (household,))
    participant = svc.household_verify(consultation=consultation, village_id=payload.village_id,
                                       household_code=payload.household, code=payload.code)  # fmt: skip
    token = signing.dumps({"c": consultation.pk, "p": participant.pk}, salt=_PARTICIPANT_SALT)
    return {"participant_token": token}


# Views ------------------------------------------------------------------------------------------------------


class ConsultationVoteIn(Input):
    statement_id: int = Field(..., ge=1, le=MAX_ID)
    value: int = Field(..., description="1 agree, -1 disagree, 0 pass")


class VoteOut(Schema):
    statement_id: int
    value: int
    created: bool = Field(..., description="false: the same vote was already stored (a retry)")


@router.post("/consultations/{code}/participation/votes", response={200: VoteOut, 201: VoteOut, **ERRORS},
             summary="Vote on a statement", operation_id="danvan_api_consultations_participation_vote")  # fmt: skip
def vote(request: HttpRequest, code: str, payload: ConsultationVoteIn) -> Reply:
    """201 stored; 200 the same vote again (a retry); 400 ``already_voted`` (another value),
    ``unknown_statement``, ``not_open``, ``bad_vote``, ``verification_required``, ``device_pending`` (a device
    issued a moment ago: send again a second later)."""
    caller = principal(request, write=True)
    consultation = _consultation(code)
    who = _who(request, consultation, caller.user)
    _hit(request, "consult_vote", who)
    _new_participant(request, consultation, who)
    stored = svc.vote_cast(consultation=consultation, who=who, statement_id=payload.statement_id, value=payload.value)
    return Reply(201 if stored.created else 200,
                 {"statement_id": payload.statement_id, "value": payload.value, "created": stored.created})  # fmt: skip


class TextIn(Input):
    text: str = Field(..., max_length=10000)
    section_key: str = Field("", max_length=60, description="empty: the whole draft")
    client_key: str = Field("", max_length=64, description="a retry with the same key stores nothing new")


class StoredOut(Schema):
    id: int
    status: str = Field(..., description="published, or pending when a moderator reads statements first")
    created: bool


@router.post("/consultations/{code}/participation/statements", response={200: StoredOut, 201: StoredOut, **ERRORS},
             summary="Add a statement for others to vote on",
             operation_id="danvan_api_consultations_participation_statement_add")  # fmt: skip
def statement_add(request: HttpRequest, code: str, payload: TextIn) -> Reply:
    """201 stored; 200 the same retry (``client_key``); 400 as the vote (``device_pending``: a device issued a
    moment ago, send again a second later) and the text's own codes."""
    caller = principal(request, write=True)
    consultation = _consultation(code)
    who = _who(request, consultation, caller.user)
    _hit(request, "consult_view", who)
    _new_participant(request, consultation, who)
    stored = svc.statement_add(consultation=consultation, who=who, text=payload.text,
                               section_key=payload.section_key, client_key=payload.client_key)  # fmt: skip
    return Reply(201 if stored.created else 200,
                 {"id": stored.row.pk, "status": stored.row.status, "created": stored.created})  # fmt: skip


@router.post("/consultations/{code}/participation/comments", response={200: StoredOut, 201: StoredOut, **ERRORS},
             summary="Comment on a section or the whole draft",
             operation_id="danvan_api_consultations_participation_comment_add")  # fmt: skip
def comment_add(request: HttpRequest, code: str, payload: TextIn) -> Reply:
    """201 stored; 200 the same retry (``client_key``); 400 as the vote (``device_pending``: a device issued a
    moment ago, send again a second later) and the text's own codes."""
    caller = principal(request, write=True)
    consultation = _consultation(code)
    who = _who(request, consultation, caller.user)
    _hit(request, "consult_view", who)
    _new_participant(request, consultation, who)
    stored = svc.comment_add(consultation=consultation, who=who, text=payload.text,
                             section_key=payload.section_key, client_key=payload.client_key)  # fmt: skip
    return Reply(201 if stored.created else 200,
                 {"id": stored.row.pk, "status": stored.row.status, "created": stored.created})  # fmt: skip


# Staff ------------------------------------------------------------------------------------------------------


def _staff_consultation(actor: Any, code: str, action: str) -> Consultation:
    """The consultation if ``actor`` may ``action`` on it; "not found" alike for missing and forbidden."""
    found = sel.consultation_by_code(code)
    if found is None or not may_act(actor, action, found):
        raise NotFound(_("No such consultation."))
    return found


class KeyedCommentIn(Input):
    text: str = Field(..., max_length=10000)
    section_key: str = Field("", max_length=60)
    channel: str = Field(..., description="dialogue, meeting, ballot, box_hotline, front, social_network, "
                                          "targeted_dialogue")  # fmt: skip
    source_ref: str = Field(..., max_length=300, description="the minutes, the ballot, the letter")
    source_date: dt.date
    supporters: int = Field(1, ge=1, le=1_000_000)
    client_key: str = Field("", max_length=64)


@router.post("/consultations/{code}/participation/keyed-comments", response={201: StoredOut, 200: StoredOut, **ERRORS},
             summary="Staff: key in a comment from a meeting, ballot, dialogue, the box or the Front",
             operation_id="danvan_api_consultations_participation_key_in_comment")  # fmt: skip
def key_in_comment(request: HttpRequest, code: str, payload: KeyedCommentIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    stored = svc.comment_key_in(actor=actor, consultation=_staff_consultation(actor, code, KEY_IN), text=payload.text,
                                section_key=payload.section_key, channel=payload.channel,
                                source_ref=payload.source_ref, source_date=payload.source_date,
                                supporters=payload.supporters, client_key=payload.client_key)  # fmt: skip
    return Reply(201 if stored.created else 200,
                 {"id": stored.row.pk, "status": stored.row.status, "created": stored.created})  # fmt: skip


class TallyIn(Input):
    statement_id: int = Field(..., ge=1, le=MAX_ID)
    channel: str
    source_ref: str = Field(..., max_length=300)
    held_on: dt.date
    agree: int = Field(0, ge=0, le=1_000_000)
    disagree: int = Field(0, ge=0, le=1_000_000)
    passed: int = Field(0, ge=0, le=1_000_000)


class TallyOut(Schema):
    id: int


@router.post("/consultations/{code}/participation/keyed-tallies", response={201: TallyOut, **ERRORS},
             summary="Staff: key in the votes on a statement counted at a meeting",
             operation_id="danvan_api_consultations_participation_key_in_tally")  # fmt: skip
def key_in_tally(request: HttpRequest, code: str, payload: TallyIn) -> Reply:
    actor = staff_actor(principal(request, write=True))
    consultation = _staff_consultation(actor, code, KEY_IN)
    statement = (
        Statement.objects.select_related("consultation")
        .filter(consultation=consultation, pk=payload.statement_id)
        .first()
    )
    if statement is None:
        raise NotFound(_("No such statement."))
    row = svc.tally_key_in(actor=actor, statement=statement, channel=payload.channel, source_ref=payload.source_ref,
                           held_on=payload.held_on, agree=payload.agree, disagree=payload.disagree,
                           passed=payload.passed)  # fmt: skip
    return Reply(201, {"id": row.pk})


class ModerateIn(Input):
    kind: str = Field(..., description="statement or comment")
    target: int = Field(..., ge=1, le=MAX_ID)
    action: str = Field(..., description="publish (a pending statement), hide (with a reason) or merge (into)")
    reason: str = Field("", max_length=500)
    into: int | None = Field(None, ge=1, le=MAX_ID)


class ModeratedOut(Schema):
    id: int
    status: str
    merged_into: int | None


@router.post("/consultations/{code}/participation/moderation", response={200: ModeratedOut, **ERRORS},
             summary="Staff: publish, hide or merge a statement or comment",
             operation_id="danvan_api_consultations_participation_moderate")  # fmt: skip
def moderate(request: HttpRequest, code: str, payload: ModerateIn) -> dict[str, Any]:
    actor = staff_actor(principal(request, write=True))
    consultation = _staff_consultation(actor, code, MODERATE)
    model: type[Statement] | type[Comment] = Statement if payload.kind == "statement" else Comment
    row = model.objects.select_related("consultation").filter(consultation=consultation, pk=payload.target).first()
    into = model.objects.filter(consultation=consultation, pk=payload.into or 0).first()
    if row is None or payload.kind not in ("statement", "comment") or (payload.action == "merge" and into is None):
        raise NotFound(_("No such statement or comment in this consultation."))
    done: Any
    if payload.action == "publish" and isinstance(row, Statement):
        done = svc.statement_publish(actor=actor, statement=row)
    elif payload.action == "hide" and isinstance(row, Statement):
        done = svc.statement_hide(actor=actor, statement=row, reason=payload.reason)
    elif payload.action == "hide" and isinstance(row, Comment):
        done = svc.comment_hide(actor=actor, comment=row, reason=payload.reason)
    elif payload.action == "merge" and isinstance(row, Statement) and isinstance(into, Statement):
        done = svc.statement_merge(actor=actor, statement=row, into=into, reason=payload.reason)
    elif payload.action == "merge" and isinstance(row, Comment) and isinstance(into, Comment):
        done = svc.comment_merge(actor=actor, comment=row, into=into, reason=payload.reason)
    else:
        raise ApiError(422, "invalid", _("Choose publish, hide or merge."))
    return {"id": done.pk, "status": done.status, "merged_into": done.merged_into_id}
