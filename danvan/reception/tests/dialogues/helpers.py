"""Rows of dialogue tests (state, not behaviour: the behaviour is exercised through the services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.reception import choices
from danvan.reception.models import Dialogue, DialogueCommitment, DialogueQuestion
from danvan.reception.tests.factories import ReceptionWorld, at


def dialogue(w: ReceptionWorld, **fields: Any) -> Dialogue:
    """A published dialogue of the ward, chaired by its chair, on 10/02/2026 at 19:30 (questions until 09/02 17:00)."""
    defaults = {"organization": w.phuong, "convener": choices.Convener.STATE, "head": w.chair,
                "subject": "Ngập úng kiệt 14 Đặng Trần Côn", "unit": w.phuong.unit, "audience": "Nhân dân Tổ dân phố 1",
                "location": "Nhà văn hóa Tổ dân phố 1", "planned_at": at(2026, 2, 10, 19, 30),
                "questions_until": at(2026, 2, 9, 17, 0), "invitation": "Kính mời bà con dự hội nghị."}  # fmt: skip
    return Dialogue.objects.create(**{**defaults, **fields})


def held(w: ReceptionWorld, **fields: Any) -> Dialogue:
    """A dialogue held on 02/02/2026."""
    defaults = {"planned_at": at(2026, 2, 2, 19, 30), "questions_until": at(2026, 2, 1, 17, 0),
                "status": choices.DialogueStatus.HELD, "held_at": at(2026, 2, 2, 19, 30), "attendance": 40,
                "minutes": "Bà con phản ánh ngập úng; Chủ tịch kết luận ba việc."}  # fmt: skip
    return dialogue(w, **{**defaults, **fields})


def question(d: Dialogue, text: str = "Bao giờ nạo vét cống?", **fields: Any) -> DialogueQuestion:
    defaults = {"stage": choices.QuestionStage.BEFORE, "asker_name": "Hoàng Thị Mai", "asker_contact": "0905123456"}
    return DialogueQuestion.objects.create(dialogue=d, text=text, **{**defaults, **fields})


def commitment(d: Dialogue, owner: Any, due_on: dt.date, **fields: Any) -> DialogueCommitment:
    return DialogueCommitment.objects.create(dialogue=d, owner_organization=owner, due_on=due_on,
                                             text=fields.pop("text", "Nạo vét cống kiệt 14"), **fields)  # fmt: skip
