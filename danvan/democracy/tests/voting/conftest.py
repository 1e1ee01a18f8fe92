"""Helpers of the online-voting tests: an item-6 matter of Tổ dân phố 2 (6 households), put online."""

from __future__ import annotations

import datetime as dt
import re
from itertools import count
from typing import Any

from danvan.core import clock
from danvan.democracy.models import Household, Matter, VoteRound
from danvan.democracy.services import voting
from danvan.notifications.channels import get_sms_gateway

_serial = count(1)


def matter(world: Any, *, item: int = 6, scope: str = "village", village: Any = None) -> Matter:
    v = village if village is not None else world.village2
    return Matter.objects.create(code=f"BQ-{next(_serial):04d}", commune=world.commune, organization=world.phuong,
                                 village=v if scope == "village" else None, scope=scope, item=item,
                                 title="Thu gom rác chung giờ 18h", content="Tổ dân phố chọn giờ thu gom rác chung.",
                                 proposer="village_head", proposed_on=clock.today())  # fmt: skip


def consent_round(world: Any, m: Matter | None = None) -> VoteRound:
    m = m or matter(world)
    now = clock.now()
    return voting.consent_round_open(actor=world.village2_head, matter=m, opens_at=now,
                                     closes_at=now + dt.timedelta(days=3))  # fmt: skip


def agree(world: Any, round_: VoteRound, n: int) -> None:
    for h in Household.objects.filter(village=round_.village).order_by("code")[:n]:
        voting.consent_record(actor=world.village2_head, round_=round_, household=h, agreed=True)


def open_round(world: Any, agreeing: int = 4) -> VoteRound:
    round_ = consent_round(world)
    agree(world, round_, agreeing)
    now = clock.now()
    return voting.vote_open(actor=world.village2_head, round_=round_, opens_at=now,
                            closes_at=now + dt.timedelta(days=2))  # fmt: skip


def gateway() -> Any:
    """The test SMS gateway (``LoggingSmsGateway``: its ``outbox`` and ``clear``)."""
    return get_sms_gateway()


def last_code(phone_digits: str | None = None) -> str:
    for sms in reversed(gateway().outbox):
        if phone_digits is None or sms.phone.endswith(phone_digits[-9:]):
            found = re.search(r"Dan Van So: (\d{6})", sms.text)
            if found:
                return found.group(1)
    raise AssertionError("no code sent")


def code_for(round_: VoteRound, h: Household, capture: Any) -> str:
    gateway().clear()
    with capture(execute=True):
        voting.code_request(round_=round_, household_code=h.code, phone=h.phone)
    return last_code(h.phone)
