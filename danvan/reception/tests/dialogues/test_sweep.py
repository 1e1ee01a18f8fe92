"""The morning sweep of dialogue commitments: a reminder to the owner 3 days before due, an escalation to
the chair and the owner's parent body the day after, each once (frozen time, exact dates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.notifications.models import Notification
from danvan.org.choices import Role
from danvan.org.tests.factories import officer
from danvan.reception.choices import CommitmentStatus
from danvan.reception.sweeps import PARTS
from danvan.reception.sweeps.dialogues import sweep
from danvan.reception.tests.dialogues.helpers import commitment, held

pytestmark = pytest.mark.django_db


def in_app(about_id: int, template: str) -> set[str]:
    rows = Notification.objects.filter(about_kind="reception.dialoguecommitment", about_id=about_id, template=template,
                                       channel="in_app")  # fmt: skip
    return {n.recipient.username for n in rows}


def test_reminded_three_days_before_due_then_escalated_the_day_after_once_each(rworld: Any, frozen_clock: Any) -> None:
    city_head = officer("chutichtp", Role.HEAD, rworld.tinh)
    d = held(rworld)
    c = commitment(d, rworld.phuong, dt.date(2026, 2, 12), owner_user=rworld.handler)
    for day in (dt.date(2026, 2, 8),):
        assert sweep(day) == {"commitments_reminded": 0, "commitments_escalated": 0}
    assert sweep(dt.date(2026, 2, 9)) == {"commitments_reminded": 1, "commitments_escalated": 0}
    assert in_app(c.pk, "dialogue_commitment_reminder") == {"xuly"}
    assert sweep(dt.date(2026, 2, 10)) == {"commitments_reminded": 0, "commitments_escalated": 0}
    assert sweep(dt.date(2026, 2, 12)) == {"commitments_reminded": 0, "commitments_escalated": 0}  # due today: not late
    assert sweep(dt.date(2026, 2, 13)) == {"commitments_reminded": 0, "commitments_escalated": 1}
    assert in_app(c.pk, "dialogue_commitment_overdue") == {"chutich", city_head.username}
    assert sweep(dt.date(2026, 2, 14)) == {"commitments_reminded": 0, "commitments_escalated": 0}
    c.refresh_from_db()
    assert (c.reminded_on, c.escalated_on) == (dt.date(2026, 2, 9), dt.date(2026, 2, 13))
    assert Notification.objects.filter(about_id=c.pk, channel="in_app").count() == 3


def test_without_an_officer_the_owner_bodys_workers_are_reminded_and_settled_ones_are_left_alone(
    rworld: Any, frozen_clock: Any
) -> None:
    d = held(rworld)
    c = commitment(d, rworld.phuong, dt.date(2026, 2, 10))
    done = commitment(d, rworld.phuong, dt.date(2026, 2, 1), status=CommitmentStatus.KEPT, text="Đã xong")
    assert sweep(dt.date(2026, 2, 7)) == {"commitments_reminded": 1, "commitments_escalated": 0}
    # WORK_TASKS in the ward: the chair, the deputy, the reception officer and the handler.
    assert in_app(c.pk, "dialogue_commitment_reminder") == {"chutich", "phochutich", "tiepdan", "xuly"}
    assert not Notification.objects.filter(about_id=done.pk).exists()


def test_the_sweep_is_registered_with_the_morning_run() -> None:
    assert ("dialogues", sweep) in PARTS
