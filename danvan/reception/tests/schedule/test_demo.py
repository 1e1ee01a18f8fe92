"""The schedule's demo: points, duties and the weeks around today in Huế; running it again changes nothing."""

from __future__ import annotations

import pytest

from danvan.core import clock
from danvan.org.demo import demo_seed
from danvan.reception import choices
from danvan.reception.demo_schedule import demo_schedule
from danvan.reception.models import HeadDuty, ReceptionPoint, ReceptionSession

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_the_demo_makes_a_week_of_sessions_around_today_once():
    demo_seed(46)
    lines = demo_schedule("127.0.0.1:8000")
    assert any("/lich-tiep-cong-dan/" in line for line in lines)
    assert ReceptionPoint.objects.count() == 2 and HeadDuty.objects.count() == 2
    sessions = ReceptionSession.objects.all()
    assert sessions.filter(status=choices.SessionStatus.HELD, ends_at__lt=clock.now()).exists()
    assert not sessions.filter(status=choices.SessionStatus.PLANNED, ends_at__lt=clock.now()).exists()
    assert sessions.filter(starts_at__gt=clock.now(), status=choices.SessionStatus.PLANNED).exists()
    assert sessions.filter(kind=choices.SessionKind.AD_HOC).count() == 1
    count = sessions.count()
    demo_schedule("127.0.0.1:8000")
    assert ReceptionSession.objects.count() == count and ReceptionPoint.objects.count() == 2
