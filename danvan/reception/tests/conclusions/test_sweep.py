"""The tasks' clocks: one reminder to the owner on the warning day, one escalation once overdue to the head
who signed and the heads of the owner body's parent (frozen time, exact dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.clock import VIETNAM
from danvan.deadlines.selectors import working_calendar_load
from danvan.notifications.models import Notification
from danvan.org.choices import Role
from danvan.org.tests.factories import officer
from danvan.reception.services.conclusions import WARN_PERCENT, task_done, task_warn_on
from danvan.reception.sweeps.conclusions import sweep
from danvan.reception.tests.conclusions.helpers import issue, task

pytestmark = pytest.mark.django_db


def _morning(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 7, 0, tzinfo=VIETNAM)


def _sent(code: str) -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(template=f"reception.{code}").values_list("recipient__username", "channel")
    )


def test_the_warning_day_is_the_deadline_engines_share_on_a_working_day() -> None:
    calendar = working_calendar_load()
    assert WARN_PERCENT == 70
    # 10 days from Monday 02/03/2026: 7 days run on Monday 09/03.
    assert task_warn_on(dt.date(2026, 3, 2), dt.date(2026, 3, 12), calendar) == dt.date(2026, 3, 9)
    # 9 days: 6 run on Sunday 08/03, moved back to Friday 06/03.
    assert task_warn_on(dt.date(2026, 3, 2), dt.date(2026, 3, 11), calendar) == dt.date(2026, 3, 6)
    # Due the same day: reminded that day.
    assert task_warn_on(dt.date(2026, 3, 2), dt.date(2026, 3, 2), calendar) == dt.date(2026, 3, 2)


def test_the_owner_is_reminded_once_on_the_warning_day(rworld, frozen_clock) -> None:
    frozen_clock.move_to(_morning(dt.date(2026, 3, 2)))
    notice = issue(rworld, [task(rworld, dt.date(2026, 3, 12), owner_user=rworld.handler)])
    assert sweep(dt.date(2026, 3, 8)) == {"reminded": 0, "escalated": 0}
    assert sweep(dt.date(2026, 3, 9)) == {"reminded": 1, "escalated": 0}
    assert sweep(dt.date(2026, 3, 10)) == {"reminded": 0, "escalated": 0}
    assert _sent("task_reminder") == [("xuly", "in_app")]
    t = notice.tasks.get()
    assert (t.reminded_on, t.escalated_on) == (dt.date(2026, 3, 9), None)


def test_without_an_officer_every_worker_of_the_owner_body_is_reminded(rworld, frozen_clock) -> None:
    frozen_clock.move_to(_morning(dt.date(2026, 3, 2)))
    issue(rworld, [task(rworld, dt.date(2026, 3, 12))])
    sweep(dt.date(2026, 3, 9))
    # WORK_TASKS: heads, handlers and reception officers of the ward.
    assert [name for name, _ in _sent("task_reminder")] == ["chutich", "phochutich", "tiepdan", "xuly"]


def test_an_overdue_task_is_escalated_once_to_the_signer_and_the_parents_heads(rworld, frozen_clock) -> None:
    city_chair = officer("chutichtp", Role.HEAD, rworld.tinh)
    frozen_clock.move_to(_morning(dt.date(2026, 3, 2)))
    notice = issue(rworld, [task(rworld, dt.date(2026, 3, 12), owner_user=rworld.handler)])
    assert sweep(dt.date(2026, 3, 12)) == {"reminded": 1, "escalated": 0}  # the last day: reminded, not late
    assert sweep(dt.date(2026, 3, 13)) == {"reminded": 0, "escalated": 1}
    assert sweep(dt.date(2026, 3, 16)) == {"reminded": 0, "escalated": 0}
    assert _sent("task_overdue") == [("chutich", "in_app"), (city_chair.username, "in_app")]
    assert notice.tasks.get().escalated_on == dt.date(2026, 3, 13)


def test_closed_tasks_are_left_alone(rworld, frozen_clock) -> None:
    frozen_clock.move_to(_morning(dt.date(2026, 3, 2)))
    t = issue(rworld, [task(rworld, dt.date(2026, 3, 12))]).tasks.get()
    task_done(actor=rworld.handler, task=t, result="Xong")
    assert sweep(dt.date(2026, 3, 20)) == {"reminded": 0, "escalated": 0}
