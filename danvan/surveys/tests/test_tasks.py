"""The hourly refresh of the indices survives a failing run: the next run is queued first, exactly once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from danvan.core.clock import VIETNAM
from danvan.surveys.tasks import snapshots_refresh_recent

pytestmark = pytest.mark.django_db

PATH = "danvan.surveys.tasks.snapshots_refresh_recent"
IN_AN_HOUR = dt.datetime(2026, 2, 5, 10, 0, tzinfo=VIETNAM)  # the frozen clock says 09:00


@pytest.fixture(autouse=True)
def db_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def failing_refresh(monkeypatch: Any) -> None:
    def boom(*, first: dt.date, last: dt.date) -> dict[str, int]:
        raise RuntimeError("the refresh broke")

    monkeypatch.setattr("danvan.surveys.services.snapshots.snapshots_refresh_all", boom)


def _waiting() -> list[tuple[list[Any], dt.datetime]]:
    rows = DBTaskResult.objects.filter(task_path=PATH, status=TaskResultStatus.READY)
    return [(row.args_kwargs["args"], row.run_after) for row in rows]


@pytest.mark.usefixtures("failing_refresh")
def test_a_failing_run_raises_after_queuing_the_next_at_exactly_an_hour_later(frozen_clock: Any) -> None:
    with pytest.raises(RuntimeError, match="the refresh broke"):
        snapshots_refresh_recent.call(True)
    assert _waiting() == [([True], IN_AN_HOUR)]


@pytest.mark.usefixtures("failing_refresh")
def test_a_retried_run_queues_no_second_next_run(frozen_clock: Any) -> None:
    with pytest.raises(RuntimeError):
        snapshots_refresh_recent.call(True)
    frozen_clock.move_to(dt.datetime(2026, 2, 5, 9, 0, 30, tzinfo=VIETNAM))  # the worker's retry, 30 s later
    with pytest.raises(RuntimeError):
        snapshots_refresh_recent.call(True)
    assert _waiting() == [([True], IN_AN_HOUR)]


def test_a_one_off_refresh_neither_queues_a_run_nor_counts_as_the_chain(frozen_clock: Any, capsys: Any) -> None:
    snapshots_refresh_recent.enqueue(False)  # what the admin queues after a methodology change
    assert [args for args, _ in _waiting()] == [[False]]
    call_command("surveys_schedule")  # the one-off is not a link of the hourly chain: the chain starts
    assert "mỗi giờ" in capsys.readouterr().out
    assert sorted(args for args, _ in _waiting()) == [[False], [True]]
