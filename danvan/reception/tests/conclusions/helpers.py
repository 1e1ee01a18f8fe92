"""Shared helpers of the conclusions tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.reception.models import ConclusionNotice
from danvan.reception.services.conclusions import TaskInput, conclusion_issue
from danvan.reception.tests.factories import ReceptionWorld


def task(world: ReceptionWorld, due_on: dt.date, **fields: Any) -> TaskInput:
    defaults: dict[str, Any] = {"description": "Khảo sát, nạo vét cống thoát nước kiệt 12 Hùng Vương",
                                "owner_organization": world.phuong, "due_on": due_on}  # fmt: skip
    return TaskInput(**{**defaults, **fields})


def issue(world: ReceptionWorld, tasks: list[TaskInput], **fields: Any) -> ConclusionNotice:
    defaults: dict[str, Any] = {"actor": world.chair, "organization": world.phuong,
                                "summary": "Ngập kiệt 12 Hùng Vương khi mưa lớn",
                                "body": "Giao Phòng Kinh tế khảo sát và nạo vét cống.",
                                "signer_title": "CHỦ TỊCH", "recipients": "Như trên\nThanh tra phường",
                                "tasks": tasks}  # fmt: skip
    return conclusion_issue(**{**defaults, **fields})
