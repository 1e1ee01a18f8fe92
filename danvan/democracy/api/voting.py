"""The voting part's REST endpoints (operation ids pinned as danvan_api_democracy_voting_*): an online
round's status and result (public), and, for a partner's app, asking for a one-time code, voting with
it and checking a receipt. Thin over ``services.voting`` and ``selectors.voting``: the same rules, codes
(``democracy.errors``: ``voting_closed``, ``bad_code``, ``already_voted``) as the web page. Rate limits:
the rules ``vote_code_api``, ``vote_verify_api`` and ``vote_receipt_api`` (settings.DANVAN_RATE_LIMITS).
The API has no device cookie, so a partner app relaying many households is counted per partner key (or
signed-in account) under the rule's ``per_device``, with a high per-address ceiling; only callers with
neither share the rule's ``without_cookie`` count per address. A code request counts per household only
when the phone matched (a stranger cannot use up a household's budget)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Status as Reply

from danvan.core import clock, ratelimit
from danvan.core.errors import NotFound
from danvan.core.tokens import derived_token
from danvan.democracy.models import VoteRound
from danvan.democracy.selectors import voting as selectors
from danvan.democracy.services import voting as services
from danvan.rest.auth import ApiError, Principal, principal
from danvan.rest.schemas import ERRORS, MAX_ID, Input
from danvan.ui import limits

router = Router(tags=["democracy"])


def _counters(request: HttpRequest, name: str, caller: Principal, contact: Iterable[str]) -> list[tuple[str, str, int]]:
    """(scope, client, limit) of every counter of rule ``name`` for this API call."""
    limit = limits.rule(name)
    address = request.META.get("REMOTE_ADDR") or "unknown"
    if caller.key is not None:
        who = (f"{name}:key", caller.key.prefix, limit.per_device)
    elif caller.user is not None:
        who = (f"{name}:account", str(caller.user.pk), limit.per_device)
    else:
        who = (f"{name}:no-cookie", address, limit.without_cookie or limit.per_device)
    counters = [(f"{name}:address", address, limit.per_address), who]
    if limit.per_contact:  # keyed like ui.limits' contacts: the cache does not tell which household
        counters += [(f"{name}:contact", derived_token("rate-limit-contact", value.casefold()), limit.per_contact)
                     for value in contact]  # fmt: skip
    return counters


def _admit(request: HttpRequest, name: str, caller: Principal, contact: Iterable[str] = ()) -> None:
    """429 ``rate_limited`` when one more would pass a counter of ``name``; counts nothing."""
    limit = limits.rule(name)
    for scope, client, allowed in _counters(request, name, caller, contact):
        verdict = ratelimit.peek(scope, client, limit=allowed, window_seconds=limit.window_seconds)
        if not verdict.allowed:
            raise ApiError(429, "rate_limited", _("Too many requests. Please try again later."),
                           retry_after=verdict.retry_after)  # fmt: skip


def _record(request: HttpRequest, name: str, caller: Principal, contact: Iterable[str] = ()) -> None:
    limit = limits.rule(name)
    for scope, client, _allowed in _counters(request, name, caller, contact):
        ratelimit.count(scope, client, window_seconds=limit.window_seconds)


def _counted(request: HttpRequest, name: str, caller: Principal) -> None:
    """Every request counts (a code typed, a receipt checked): refuse past the rule, else count it."""
    _admit(request, name, caller)
    _record(request, name, caller)


def _round(round_id: int) -> VoteRound:
    round_ = selectors.online_round(round_id) if 0 < round_id <= MAX_ID else None
    if round_ is None:
        raise NotFound("no such online vote")
    return round_


class BallotRoundOut(Schema):
    id: int
    matter_code: str
    title: str
    question: str
    village: str
    status: str = Field(..., description="consent, open, closed or cancelled")
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    is_open: bool = Field(..., description="codes and answers are taken now")
    households_total: int
    consent_yes: int
    consent_needed: int
    voted: int
    yes: int | None = Field(None, description="only once counted")
    no: int | None = None
    passed: bool | None = None
    needed: int = Field(..., description="the fewest agreeing households (of ALL) that pass")
    rule: str
    basis: str


def _out(round_: VoteRound) -> dict[str, Any]:
    t = selectors.tally(round_)
    return {
        "id": round_.pk, "matter_code": round_.matter.code, "title": round_.matter.title,
        "question": round_.matter.content, "village": round_.village.name, "status": round_.status,
        "opens_at": clock.local(round_.opens_at) if round_.opens_at else None,
        "closes_at": clock.local(round_.closes_at) if round_.closes_at else None,
        "is_open": selectors.is_open(round_), "households_total": t.households_total, "consent_yes": t.consent_yes,
        "consent_needed": t.consent_needed, "voted": t.voted, "yes": t.yes, "no": t.no, "passed": t.passed,
        "needed": t.needed, "rule": t.rule, "basis": t.basis,
    }  # fmt: skip


@router.get("/democracy/voting/rounds/{round_id}", response={200: BallotRoundOut, **ERRORS},
            summary="An online vote's status and, once counted, its result",
            operation_id="danvan_api_democracy_voting_read")  # fmt: skip
def round_read(request: HttpRequest, round_id: int) -> dict[str, Any]:
    """Public. Totals only appear once the vote is counted; never who chose what."""
    principal(request)
    return _out(_round(round_id))


class CodeIn(Input):
    household: str = Field(..., max_length=40, description="The household code on the village's list")
    phone: str = Field(..., max_length=20, description="The representative's phone on the village's list")


class Accepted(Schema):
    detail: str


@router.post("/democracy/voting/rounds/{round_id}/code", response={202: Accepted, **ERRORS},
             summary="Ask for a one-time code by SMS", operation_id="danvan_api_democracy_voting_code")  # fmt: skip
def code_request(request: HttpRequest, round_id: int, payload: CodeIn) -> Reply:
    """202 whether or not the household and phone matched (nothing is learnt about who lives where);
    400 ``voting_closed`` outside the consent or voting time."""
    caller = principal(request, write=True)
    round_ = _round(round_id)
    key = (selectors.household_limit_key(round_.pk, payload.household),)
    _admit(request, "vote_code_api", caller, key)
    sent = services.code_request(round_=round_, household_code=payload.household, phone=payload.phone)
    _record(request, "vote_code_api", caller, key if sent else ())
    return Reply(
        202, {"detail": _("If the household code and the phone match the village's list, a code has been sent.")}
    )


class VoteIn(Input):
    household: str = Field(..., max_length=40)
    code: str = Field(..., max_length=12, description="The one-time code received by SMS")
    choice: str = Field(..., description="yes or no")


class ReceiptOut(Schema):
    receipt: str = Field(..., description="Shown once: only its SHA-256 is kept and published")
    receipt_hash: str


@router.post("/democracy/voting/rounds/{round_id}/vote", response={201: ReceiptOut, **ERRORS},
             summary="Vote once for a household with its one-time code",
             operation_id="danvan_api_democracy_voting_vote")  # fmt: skip
def vote(request: HttpRequest, round_id: int, payload: VoteIn) -> Reply:
    """201 with the receipt. 400 with ``code``: ``voting_closed``, ``bad_code`` (a household code not
    counted in the round, or a code wrong, used, expired or tried 5 times), ``already_voted``,
    ``required`` (a choice other than yes/no)."""
    caller = principal(request, write=True)
    round_ = _round(round_id)
    _counted(request, "vote_verify_api", caller)
    cast = services.ballot_cast(round_=round_, household_code=payload.household, code=payload.code,
                                choice=payload.choice)  # fmt: skip
    return Reply(201, {"receipt": cast.receipt, "receipt_hash": cast.receipt_hash})


class ReceiptIn(Input):
    receipt: str = Field(..., max_length=40)


class ReceiptCheckOut(Schema):
    receipt_hash: str
    counted: bool = Field(..., description="the ballot of this receipt is in the round's list")
    ballots: int


@router.post("/democracy/voting/rounds/{round_id}/receipt", response={200: ReceiptCheckOut, **ERRORS},
             summary="Check that the ballot of a receipt is counted",
             operation_id="danvan_api_democracy_voting_receipt")  # fmt: skip
def receipt_check(request: HttpRequest, round_id: int, payload: ReceiptIn) -> dict[str, Any]:
    """Never tells what the ballot chose."""
    caller = principal(request, write=True)
    round_ = _round(round_id)
    _counted(request, "vote_receipt_api", caller)
    digest = services.receipt_hash(payload.receipt)
    return {"receipt_hash": digest, "counted": selectors.receipt_counted(round_, digest),
            "ballots": len(selectors.receipt_hashes(round_))}  # fmt: skip
