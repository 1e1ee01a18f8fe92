"""The daily sweep: a reminder before warn_on, an escalation when overdue, once a day each."""

import datetime as dt

import pytest

from danvan.cases.choices import Track
from danvan.cases.models import CaseEvent
from danvan.cases.services import handling
from danvan.cases.services.sweep import cases_sweep
from danvan.cases.tests.factories import submit
from danvan.core.models import AuditEvent
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_reminder_on_warn_on_escalation_after_due_on(world, frozen_clock):
    case = submit(track=Track.KHIEU_NAI).case
    handling.case_accept(case=case, actor=world.handler)
    handling.case_assign(case=case, actor=world.head, handler=world.handler)
    case.refresh_from_db()
    day_before_warn = case.warn_on - dt.timedelta(days=1)
    assert cases_sweep(today=day_before_warn) == {"reminded": 0, "escalated": 0}
    assert cases_sweep(today=case.warn_on) == {"reminded": 1, "escalated": 0}
    assert Notification.objects.filter(recipient=world.handler, template="reminder_handler").exists()
    assert cases_sweep(today=case.due_on) == {"reminded": 1, "escalated": 0}  # the last day is still in time
    assert cases_sweep(today=case.due_on)["reminded"] == 0  # once a day
    after = case.due_on + dt.timedelta(days=1)
    assert cases_sweep(today=after) == {"reminded": 0, "escalated": 1}
    escalation = Notification.objects.get(recipient=world.head, template="escalation_overdue")
    # An officer's message names the case and opens its staff page.
    assert (escalation.about_kind, escalation.about_id, escalation.about_label, escalation.link) == (
        "cases.case", case.pk, case.tracking_code, f"/van-hanh/ho-so/{case.pk}/")  # fmt: skip
    assert AuditEvent.objects.filter(action="cases.escalate").count() == 1
    assert cases_sweep(today=after)["escalated"] == 0
    assert CaseEvent.objects.filter(case=case, action="escalate").count() == 1
