"""The publication duty (Art. 11(11), 12(3)): the heads are warned once when the summary is due within two
working days, and once when it is overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.consultations import choices
from danvan.consultations.sweeps import answers as sweep
from danvan.consultations.tests.factories import ConsultationsWorld
from danvan.notifications.selectors import notification_inbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(closed: ConsultationsWorld) -> ConsultationsWorld:
    c = closed.consultation
    # decided Thu 10/12/2026: due Thu 17/12 (5 working days)
    c.decided_on, c.summary_due_on = dt.date(2026, 12, 10), dt.date(2026, 12, 17)
    c.save(update_fields=["decided_on", "summary_due_on"])
    return closed


def _inboxes(w: ConsultationsWorld, template: str) -> list[tuple[str, Any]]:
    """(username, notification) for every officer of the world who got ``template``."""
    people = [w.d.chair, w.d.handler, w.d.village_head, w.d.front_officer, w.d.other_chair, w.d.operator]
    return [(p.username, n) for p in people for n in notification_inbox(user=p).page if n.template == template]


def _sent(w: ConsultationsWorld, template: str) -> list[str]:
    return sorted(name for name, _n in _inboxes(w, template))


def test_due_soon_warns_the_heads_once(due: ConsultationsWorld) -> None:
    assert sweep.sweep(dt.date(2026, 12, 14)) == {"summary_due_soon": 0, "summary_overdue": 0}  # 3 working days
    assert sweep.sweep(dt.date(2026, 12, 15)) == {"summary_due_soon": 1, "summary_overdue": 0}  # 16, 17 left
    assert sweep.sweep(dt.date(2026, 12, 15)) == {"summary_due_soon": 0, "summary_overdue": 0}
    assert sweep.sweep(dt.date(2026, 12, 17)) == {"summary_due_soon": 0, "summary_overdue": 0}  # same due date
    assert _sent(due, "consultations.summary_due") == ["chutich"]
    [(_name, n)] = _inboxes(due, "consultations.summary_due")
    assert n.subject == "Công khai báo cáo tổng hợp ý kiến trước ngày 17/12/2026 (khoản 11 Điều 11, khoản 3 Điều 12)"
    assert n.link == f"/van-hanh/gop-y/dot/{due.consultation.code}/tra-loi/"


def test_overdue_warns_once_and_a_published_summary_is_quiet(due: ConsultationsWorld) -> None:
    assert sweep.sweep(dt.date(2026, 12, 17))["summary_overdue"] == 0
    assert sweep.sweep(dt.date(2026, 12, 18)) == {"summary_due_soon": 0, "summary_overdue": 1}
    assert sweep.sweep(dt.date(2026, 12, 21)) == {"summary_due_soon": 0, "summary_overdue": 0}
    assert _sent(due, "consultations.summary_overdue") == ["chutich"]
    c = due.consultation
    c.status = choices.Status.PUBLISHED
    c.summary_due_on = dt.date(2026, 12, 1)
    c.save(update_fields=["status", "summary_due_on"])
    assert sweep.sweep(dt.date(2026, 12, 22)) == {"summary_due_soon": 0, "summary_overdue": 0}


def test_the_due_window_counts_working_days_across_a_weekend(due: ConsultationsWorld) -> None:
    c = due.consultation
    c.summary_due_on = dt.date(2026, 12, 14)  # a Monday
    c.save(update_fields=["summary_due_on"])
    assert sweep.sweep(dt.date(2026, 12, 9))["summary_due_soon"] == 0  # Thu 10, Fri 11, Mon 14: three left
    assert (
        sweep.sweep(dt.date(2026, 12, 10))["summary_due_soon"] == 1
    )  # Fri 11, Mon 14: four calendar days, two working
