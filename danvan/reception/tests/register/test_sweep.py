"""The register's morning sweep: the Art. 28(1) answer reminded once within 2 working days of its due
day, and flagged once when overdue (to the officer and the body's heads); answered visits left alone."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.notifications.selectors import notification_inbox
from danvan.reception import choices
from danvan.reception.services.register import visit_outcome_record, visit_register
from danvan.reception.sweeps.register import sweep
from danvan.reception.tests.factories import ReceptionWorld
from danvan.reception.tests.register.helpers import walk_in

pytestmark = pytest.mark.django_db


def test_a_reminder_within_two_working_days_is_sent_once(rworld: ReceptionWorld, frozen_clock: object) -> None:
    v = visit_register(actor=rworld.officer, organization=rworld.phuong, data=walk_in())
    assert v.outcome_due_on == dt.date(2026, 2, 26)  # Thursday
    assert sweep(dt.date(2026, 2, 23)) == {"reminded": 0, "overdue": 0}  # Mon: three working days ahead
    assert sweep(dt.date(2026, 2, 24)) == {"reminded": 1, "overdue": 0}  # Tue: two
    assert sweep(dt.date(2026, 2, 25)) == {"reminded": 0, "overdue": 0}
    sent = list(notification_inbox(user=rworld.officer).page)
    assert [(n.template, n.about_id) for n in sent] == [("reception_answer_due", v.pk)]


def test_an_overdue_answer_is_flagged_once_to_the_officer_and_the_heads(
    rworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit_register(actor=rworld.officer, organization=rworld.phuong, data=walk_in())
    assert sweep(dt.date(2026, 2, 26))["overdue"] == 0  # the due day itself is not late
    assert sweep(dt.date(2026, 2, 27))["overdue"] == 1
    assert sweep(dt.date(2026, 3, 2))["overdue"] == 0
    for person in (rworld.chair, rworld.deputy):
        assert [n.template for n in notification_inbox(user=person).page] == ["reception_answer_overdue"]
    # the officer was reminded on the due day (within two working days), then told it is late
    officer = [n.template for n in notification_inbox(user=rworld.officer).page]
    assert officer == ["reception_answer_overdue", "reception_answer_due"]
    assert not list(notification_inbox(user=rworld.dan_van).page)
    v.refresh_from_db()
    assert v.outcome_overdue_at is not None


def test_an_answered_visit_is_neither_reminded_nor_flagged(rworld: ReceptionWorld, frozen_clock: object) -> None:
    v = visit_register(actor=rworld.officer, organization=rworld.phuong, data=walk_in())
    visit_outcome_record(actor=rworld.officer, visit=v, outcome=choices.Outcome.MORE_TIME)
    assert sweep(dt.date(2026, 2, 25)) == {"reminded": 0, "overdue": 0}
    assert sweep(dt.date(2026, 3, 2)) == {"reminded": 0, "overdue": 0}
