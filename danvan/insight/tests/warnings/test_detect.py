"""The daily run raises exactly the surge, the recurring matter and the crowd of a small world, with the
cases behind each, once; and a head elsewhere sees none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from danvan.cases.models import Case, TopicCategory
from danvan.insight.models import Alert, AlertKind, AlertStatus
from danvan.insight.selectors import alerts as alert_selectors
from danvan.insight.services.alerts import alert_set_status
from danvan.insight.services.warnings import warnings_detect
from danvan.insight.tests.warnings.conftest import TODAY, case_on
from danvan.notifications.models import Notification
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


def test_the_run_raises_the_surge_with_exactly_its_cases_and_only_it(surge_world):
    run = warnings_detect()
    assert (run.series, run.surges, run.recurring, run.raised) == (2, 1, 0, 1)
    alert = Alert.objects.get()
    topic = TopicCategory.objects.get(code="moi-truong")
    assert alert.kind == AlertKind.SURGE and alert.key == f"surge:{surge_world.surge[0].place_unit_id}:{topic.pk}"
    assert alert.organization == surge_world.world.phuong and alert.unit_id == surge_world.surge[0].place_unit_id
    assert sorted(alert.cases.values_list("pk", flat=True)) == sorted(c.pk for c in surge_world.surge)
    figures = alert.figures
    assert figures["observed"] == 9 and figures["expected"] < 3 and figures["window_days"] == 7
    assert float(figures["probability"]) < 0.001
    assert figures["from"] == (TODAY - dt.timedelta(days=6)).isoformat() and figures["to"] == TODAY.isoformat()
    told = set(Notification.objects.filter(about_kind="insight.alert").values_list("recipient__username", flat=True))
    assert told == {"chutich", "danvan"}


def test_running_twice_on_a_day_raises_nothing_new(surge_world):
    warnings_detect()
    again = warnings_detect()
    assert (again.raised, again.updated) == (0, 1)
    assert Alert.objects.count() == 1 and Notification.objects.filter(about_kind="insight.alert").count() == 2


def test_a_closed_surge_is_not_raised_again_from_the_same_days(surge_world, frozen_clock):
    warnings_detect()
    alert = Alert.objects.get()
    alert_set_status(actor=surge_world.world.head, alert_id=alert.pk, status=AlertStatus.CLOSED, note="Đã xử lý.")
    frozen_clock.move_to(dt.datetime(2026, 2, 6, 9, 0, tzinfo=dt.UTC))
    run = warnings_detect()
    assert run.raised == 0 and run.skipped == 1 and Alert.objects.count() == 1


def test_a_head_of_another_ward_sees_nothing(surge_world):
    warnings_detect()
    other_head = officer("chutich2", Role.HEAD, surge_world.world.other)
    assert list(alert_selectors.alerts_for(user=other_head)) == []
    assert [a.kind for a in alert_selectors.alerts_for(user=surge_world.world.dan_van)] == [AlertKind.SURGE]


def test_a_young_deployment_raises_no_surge(frozen_clock):
    from danvan.cases.tests.factories import make_world

    make_world()
    for back in (0, 0, 1, 1, 2, 3, 5, 8, 9):  # ten days of data: every series would look new
        case_on(TODAY - dt.timedelta(days=back))
    run = warnings_detect()
    assert run.surges == 0 and Alert.objects.count() == 0


def test_a_quiet_matter_coming_back_week_after_week_is_raised_as_recurring(frozen_clock):
    from danvan.cases.tests.factories import make_world

    world = make_world()
    case_on(TODAY - dt.timedelta(days=230), "giao-thong-ha-tang")  # the deployment is older than the weeks read
    weekly = [case_on(TODAY - dt.timedelta(days=7 * week + 2), "dat-dai") for week in (0, 1, 2, 4, 5, 6, 7)]
    run = warnings_detect()
    assert run.recurring == 1
    alert = Alert.objects.get(kind=AlertKind.RECURRING)
    assert alert.organization == world.phuong and alert.figures["observed"] == 7
    assert sorted(alert.cases.values_list("pk", flat=True)) == sorted(c.pk for c in weekly)


def test_a_crowd_at_reception_is_raised_once_and_a_second_on_the_same_matter_joins_it(frozen_clock):
    from danvan.cases.tests.factories import make_world
    from danvan.reception.models.visits import Crowd, Visit, VisitCase

    world = make_world()
    case = case_on(TODAY, "dat-dai")

    def crowd(serial: int, people: int, days_ago: int) -> Visit:
        visit = Visit.objects.create(organization=world.phuong, year=2026, serial_no=serial, receiving_officer=world.head,
                                     group_size=people, content="Đòi bồi thường đất", handling="received",
                                     received_at=dt.datetime(2026, 2, 5 - days_ago, 8, 0, tzinfo=dt.UTC))  # fmt: skip
        Crowd.objects.create(visit=visit, matter_key="bt-dat-to-5")
        return visit

    first = crowd(1, 12, 2)
    VisitCase.objects.create(visit=first, case=case, track="khieu_nai")
    run = warnings_detect()
    assert (run.crowds, run.raised) == (1, 1)
    alert = Alert.objects.get(kind=AlertKind.CROWD)
    assert alert.organization == world.phuong and alert.figures["people"] == 12
    assert list(alert.cases.values_list("pk", flat=True)) == [case.pk]
    assert warnings_detect().raised == 0 and Alert.objects.get().figures["visits"] == [first.pk]
    second = crowd(2, 20, 0)
    run = warnings_detect()
    assert (run.raised, run.updated) == (0, 1)
    alert.refresh_from_db()
    assert alert.figures["crowds_on_matter"] == 2 and alert.figures["visits"] == [first.pk, second.pk]


def test_the_command_prints_its_figures_last(surge_world):
    from io import StringIO

    out = StringIO()
    call_command("insight", "warn", stdout=out)
    lines = out.getvalue().splitlines()
    assert "surges: 1" in lines and "raised: 1" in lines


def test_a_rise_of_cases_with_no_topic_is_not_alerted(surge_world):
    for _ in range(8):
        case_on(TODAY, topic="")
    run = warnings_detect()
    assert run.surges == 1 and Alert.objects.get().topic == "Môi trường"


def test_a_surge_of_to_cao_raises_no_alert(surge_world):
    Case.objects.filter(pk__in=[c.pk for c in surge_world.surge]).update(track="to_cao")
    run = warnings_detect()
    assert run.surges == 0 and not Alert.objects.filter(kind="surge").exists()


def test_the_daily_task_runs_the_detection_and_the_weekly_one_the_notice(surge_world):
    from danvan.insight.tasks import _next_at, digest_weekly, warnings_daily

    assert warnings_daily.call(False)["raised"] == 1
    assert digest_weekly.call(False) == {"told": 2}
    # the next runs: tomorrow 06:00, and Monday 07:00 (the frozen clock stands on Thursday 5 Feb 09:00)
    now = dt.datetime(2026, 2, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert _next_at(now, 6) == now.replace(day=6, hour=6)
    assert _next_at(now, 7, 0) == now.replace(day=9, hour=7)
