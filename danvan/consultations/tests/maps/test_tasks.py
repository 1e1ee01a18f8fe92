"""The minute refresh: it queues its next run first, exactly once; recomputes open consultations whose
votes changed and no other; the morning sweep gives a closed consultation its final map; the schedule
command starts both chains."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from danvan.consultations import choices
from danvan.consultations.models import OpinionMap
from danvan.consultations.sweeps import maps as sweep
from danvan.consultations.tasks_maps import maps_refresh
from danvan.consultations.tests.factories import ConsultationsWorld, consultation
from danvan.consultations.tests.maps.world import vote_set
from danvan.core.clock import VIETNAM

PATH = "danvan.consultations.tasks_maps.maps_refresh"
IN_A_MINUTE = dt.datetime(2026, 2, 5, 9, 1, tzinfo=VIETNAM)  # the frozen clock says 09:00


@pytest.fixture
def db_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _waiting(path: str = PATH) -> list[tuple[list[Any], dt.datetime]]:
    rows = DBTaskResult.objects.filter(task_path=path, status=TaskResultStatus.READY)
    return [(row.args_kwargs["args"], row.run_after) for row in rows]


@pytest.mark.usefixtures("db_tasks")
def test_the_refresh_requeues_itself_once_a_minute_later(frozen_clock: Any, cworld: ConsultationsWorld) -> None:
    assert maps_refresh.call(True) == {"checked": 1, "recomputed": 1, "failed": 0}
    assert _waiting() == [([True], IN_A_MINUTE)]
    assert maps_refresh.call(True) == {"checked": 1, "recomputed": 0, "failed": 0}  # a retried run, nothing new
    assert _waiting() == [([True], IN_A_MINUTE)]


@pytest.mark.usefixtures("db_tasks")
def test_a_failing_consultation_fails_the_run_after_the_next_is_queued_and_the_others_still_run(
    frozen_clock: Any, cworld: ConsultationsWorld, monkeypatch: Any
) -> None:
    other = consultation(cworld.d)
    real = __import__("danvan.consultations.services.maps", fromlist=["recompute"]).recompute

    def recompute(c: Any, *, force: bool = False) -> Any:
        if c.pk == cworld.consultation.pk:
            raise RuntimeError("broken")
        return real(c, force=force)

    monkeypatch.setattr("danvan.consultations.services.maps.recompute", recompute)
    with pytest.raises(RuntimeError, match="1 consultation"):
        maps_refresh.call(True)
    assert _waiting() == [([True], IN_A_MINUTE)]
    assert OpinionMap.objects.filter(consultation=other).count() == 1


def test_only_open_consultations_whose_votes_changed_are_recomputed(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    vote_set(c)
    closed = consultation(cworld.d, status=choices.Status.CLOSED)
    draft = consultation(cworld.d, status=choices.Status.DRAFT)
    assert maps_refresh.call(False) == {"checked": 1, "recomputed": 1, "failed": 0}
    assert maps_refresh.call(False) == {"checked": 1, "recomputed": 0, "failed": 0}
    assert not OpinionMap.objects.filter(consultation__in=[closed, draft]).exists()


def test_the_morning_sweep_gives_a_recently_closed_consultation_its_final_map(cworld: ConsultationsWorld) -> None:
    from danvan.core import clock

    today = clock.today()
    c = cworld.consultation
    vote_set(c)
    c.status, c.closes_on = choices.Status.CLOSED, today - dt.timedelta(days=1)
    c.save()
    long_ago = consultation(cworld.d, status=choices.Status.PUBLISHED, opens_on=today - dt.timedelta(days=60),
                            closes_on=today - dt.timedelta(days=30))  # fmt: skip
    assert sweep.sweep(today) == {"final_maps": 1}
    assert sweep.sweep(today) == {"final_maps": 0}
    assert OpinionMap.objects.filter(consultation=c).count() == 1
    assert not OpinionMap.objects.filter(consultation=long_ago).exists()


@pytest.mark.usefixtures("db_tasks")
def test_the_schedule_command_starts_both_chains_once(frozen_clock: Any, db: None) -> None:
    first, second = StringIO(), StringIO()
    call_command("consultations_schedule", stdout=first)
    call_command("consultations_schedule", stdout=second)
    assert first.getvalue().splitlines() == [
        "Đã xếp lịch rà soát lấy ý kiến lúc 07:10 06/02/2026.",
        "Đã xếp lịch cập nhật bản đồ ý kiến mỗi phút, lượt đầu lúc 09:01:00.",
    ]
    assert second.getvalue().splitlines() == [
        "Đã có lượt rà soát lấy ý kiến đang chờ.",
        "Đã có lượt cập nhật bản đồ ý kiến đang chờ.",
    ]
    assert _waiting() == [([True], IN_A_MINUTE)]
    assert len(_waiting("danvan.consultations.tasks.consultations_sweep")) == 1
