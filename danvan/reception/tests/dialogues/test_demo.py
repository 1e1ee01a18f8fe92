"""The demo's dialogues: one held last week (4 questions answered; commitments kept / in progress / not
yet due) and one upcoming that takes questions. Seeding twice changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.org.demo import demo_seed
from danvan.reception.choices import CommitmentStatus, DialogueStatus
from danvan.reception.demo import demo_reception_seed
from danvan.reception.models import Dialogue, DialogueCommitment, DialogueQuestion
from danvan.reception.services.dialogues import questions_open

pytestmark = pytest.mark.django_db


def test_the_demo_dialogues_once(frozen_clock: Any) -> None:
    demo_seed(46)
    lines = demo_reception_seed("127.0.0.1:8000")
    assert any("http://127.0.0.1:8000/doi-thoai/" in line for line in lines)
    held = Dialogue.objects.get(status=DialogueStatus.HELD)
    upcoming = Dialogue.objects.get(status=DialogueStatus.PLANNED)
    assert held.head.username == upcoming.head.username == "chutich"
    assert held.planned_at.date() == dt.date(2026, 1, 29) and held.held_at.date() == dt.date(2026, 1, 29)
    assert DialogueQuestion.objects.filter(dialogue=held).exclude(answer="").count() == 4
    rows = list(DialogueCommitment.objects.filter(dialogue=held).order_by("due_on"))
    assert [(c.status, c.due_on) for c in rows] == [
        (CommitmentStatus.KEPT, dt.date(2026, 2, 3)),
        (CommitmentStatus.OPEN, dt.date(2026, 2, 7)),
        (CommitmentStatus.OPEN, dt.date(2026, 4, 6)),
    ]
    assert rows[1].progress and questions_open(upcoming)
    before = (Dialogue.objects.count(), DialogueQuestion.objects.count(), DialogueCommitment.objects.count())
    demo_reception_seed("127.0.0.1:8000")
    assert (Dialogue.objects.count(), DialogueQuestion.objects.count(), DialogueCommitment.objects.count()) == before
