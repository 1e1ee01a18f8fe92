"""The register's demo: visits at the demo ward this week, one refused on an Art. 9 ground, one answered
on time, one due soon; the officer's login; running it again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.deadlines.selectors import working_calendar_load
from danvan.org import permissions
from danvan.org.choices import Role
from danvan.org.demo import demo_seed
from danvan.org.models import User
from danvan.reception.demo_booking import demo_booking_seed
from danvan.reception.demo_register import demo_register_seed
from danvan.reception.demo_schedule import demo_schedule
from danvan.reception.models import Visit
from danvan.reception.tests.factories import at

pytestmark = pytest.mark.django_db


def test_the_demo_registers_a_week_of_visits_once(frozen_clock) -> None:
    frozen_clock.move_to(at(2026, 12, 3, 15, 0))  # a Thursday after NĐ 154's identity rule
    demo_seed(46)
    # The parts before the register (sessions, bookings), then the register's own seed.
    demo_schedule("127.0.0.1:8000")
    demo_booking_seed("127.0.0.1:8000")
    lines = demo_register_seed("127.0.0.1:8000")
    assert any("/van-hanh/tiep-cong-dan/so/" in line and "cbtiepdan" in line for line in lines)
    assert permissions.roles_of(User.objects.get(username="cbtiepdan")) == {Role.RECEPTION_OFFICER}
    count = Visit.objects.count()
    demo_register_seed("127.0.0.1:8000")
    assert Visit.objects.count() == count == 6
    week = Visit.objects.exclude(request_key="demo-register-due-soon")
    assert {v.received_at.date() for v in week} <= {dt.date(2026, 11, 30) + dt.timedelta(days=i) for i in range(4)}
    assert [v.serial_no for v in Visit.objects.order_by("serial_no")] == [1, 2, 3, 4, 5, 6]
    refused = Visit.objects.get(handling="refused")
    assert refused.refusal_ground == "already_settled" and refused.outcome_due_on is None
    answered = Visit.objects.exclude(outcome="").get()
    assert answered.outcome == "accepted" and answered.outcome_on <= answered.outcome_due_on
    soon = Visit.objects.get(request_key="demo-register-due-soon")
    assert soon.outcome_due_on == working_calendar_load().add_working_days(dt.date(2026, 12, 3), 2)
