"""The usual world of consultations tests: grassroots democracy's world (Phường Phú Xuân with two
residential groups and their households, Kim Long beside it, the officers) and one open consultation of
the ward's People's Committee on a three-article draft.

Rows are made directly (fixtures of state, not the behaviour under test); the behaviour is always
exercised through the services.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from itertools import count
from typing import Any

from danvan.consultations import choices
from danvan.consultations.models import Consultation, DraftSection, DraftVersion, Participant, Statement
from danvan.consultations.selectors.participation import participant_key
from danvan.core import clock
from danvan.democracy.tests.factories import DemocracyWorld, make_democracy_world

_serials = count(1)

SECTIONS = [
    ("dieu-1", "Điều 1. Phạm vi di dời", "Di dời chợ Phú Xuân tạm về bãi đất trống đường Lê Lợi trong 18 tháng."),
    ("dieu-2", "Điều 2. Bố trí sạp hàng", "Tiểu thương được bốc thăm vị trí sạp, ưu tiên người bán lâu năm."),
    ("dieu-3", "Điều 3. Hỗ trợ tiểu thương", "Miễn phí thuê sạp 6 tháng đầu; hỗ trợ chi phí vận chuyển."),
]


@dataclass
class ConsultationsWorld:
    d: DemocracyWorld  # the ward, its villages, households and officers
    consultation: Consultation  # open today, the ward's people, no account needed


def consultation(d: DemocracyWorld, **fields: Any) -> Consultation:
    """A consultation of the ward's People's Committee with version 1 of a three-article draft; open
    from 10 days ago to 20 days ahead unless told otherwise."""
    today = clock.today()
    serial = next(_serials)
    defaults: dict[str, Any] = {
        "code": f"gop-y-{serial}",
        "organization": d.phuong,
        "place": d.commune,
        "item": choices.Item.SOCIO_ECONOMIC_PLAN,
        "title": f"Dự thảo phương án di dời chợ Phú Xuân ({serial})",
        "summary": "Phương án di dời chợ tạm trong thời gian xây mới.",
        "audience": choices.Audience.COMMUNE,
        "verification": choices.Verification.OPEN,
        "channels": [choices.Channel.PLATFORM.value, choices.Channel.MEETING.value],
        "status": choices.Status.OPEN,
        "opens_on": today - dt.timedelta(days=10),
        "closes_on": today + dt.timedelta(days=20),
    }
    villages = fields.pop("villages", None)
    c = Consultation.objects.create(**{**defaults, **fields})
    if villages:
        c.villages.set(villages)
    version = DraftVersion.objects.create(consultation=c, number=1)
    for position, (key, heading, text) in enumerate(SECTIONS, start=1):
        DraftSection.objects.create(version=version, key=key, position=position, heading=heading, text=text)
    return c


def participant(c: Consultation, **fields: Any) -> Participant:
    key = fields.pop("key", None) or hashlib.sha256(f"p{next(_serials)}".encode()).hexdigest()
    return Participant.objects.create(consultation=c, kind=fields.pop("kind", choices.ParticipantKind.DEVICE),
                                      key=key, **fields)  # fmt: skip


def household_key(c: Consultation, household: Any) -> str:
    """The key ``household_verify`` gives the household's participant: the only way a test (or anyone
    holding the server's secret) can tell which household a participant is."""
    return participant_key(c.pk, choices.ParticipantKind.HOUSEHOLD, household.pk)


def statement(c: Consultation, text: str, **fields: Any) -> Statement:
    return Statement.objects.create(consultation=c, text=text, **fields)


def make_consultations_world() -> ConsultationsWorld:
    d = make_democracy_world()
    return ConsultationsWorld(d=d, consultation=consultation(d))


# dashboards -------------------------------------------------------------------------------------------------


def comment(c: Consultation, text: str = "Ý kiến", **fields: Any) -> Any:
    """A comment on ``c`` (published, on the platform unless told otherwise)."""
    from danvan.consultations.models import Comment

    return Comment.objects.create(consultation=c, text=text, **fields)


def comment_group(c: Consultation, title: str = "Nhóm ý kiến", **fields: Any) -> Any:
    from danvan.consultations.models import CommentGroup

    return CommentGroup.objects.create(consultation=c, title=title, **fields)


def summary(c: Consultation, published_on: dt.date, **fields: Any) -> Any:
    """The published summary of ``c`` (the row only: the answers part's service publishes it for real)."""
    from danvan.consultations.models import Summary

    return Summary.objects.create(consultation=c, text=fields.pop("text", "Báo cáo tổng hợp"),
                                  published_on=published_on, **fields)  # fmt: skip
