"""Rows the compliance tests make beyond tests/factories.py: notices with tasks, dialogues with commitments."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from danvan.org.models import Organization, User
from danvan.reception import choices
from danvan.reception.models import ConclusionNotice, ConclusionTask, Dialogue, DialogueCommitment
from danvan.reception.tests.factories import at

_numbers = count(1)


def task(org: Organization, signer: User, due_on: dt.date, **fields: Any) -> ConclusionTask:
    n = next(_numbers)
    notice = ConclusionNotice.objects.create(
        organization=org, year=due_on.year, number=n, issued_on=due_on - dt.timedelta(days=20), signer=signer,
        signer_title="Chủ tịch", summary="Kết luận", body="…", follow_code=f"KL{n:06d}",
    )  # fmt: skip
    return ConclusionTask.objects.create(notice=notice, description="Sửa đường kiệt", owner_organization=org,
                                         due_on=due_on, **fields)  # fmt: skip


def commitment(org: Organization, head: User, due_on: dt.date, **fields: Any) -> DialogueCommitment:
    dialogue = Dialogue.objects.create(
        organization=org, convener=choices.Convener.STATE, head=head, subject="Đối thoại về chỉnh trang đô thị",
        location="Nhà văn hóa", planned_at=at(due_on.year, due_on.month, 1, 8, 0),
    )  # fmt: skip
    return DialogueCommitment.objects.create(dialogue=dialogue, text="Lắp đèn đường", owner_organization=org,
                                             due_on=due_on, **fields)  # fmt: skip
