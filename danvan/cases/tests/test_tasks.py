"""The daily deadline sweep survives a failing run: the next run is queued first, exactly once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from danvan.cases.tasks import deadline_sweep
from danvan.core.clock import VIETNAM
from danvan.core.worker import ResilientWorker

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PATH = "danvan.cases.tasks.deadline_sweep"
# The frozen clock says 09:00 on 05/02/2026: the next sweep is tomorrow at 07:00, Vietnam time.
TOMORROW_AT_SEVEN = dt.datetime(2026, 2, 6, 7, 0, tzinfo=VIETNAM)


@pytest.fixture
def db_tasks(settings: Any) -> None:
    settings.TASKS = DB_TASKS


@pytest.fixture
def failing_sweep(monkeypatch: Any) -> None:
    def boom(*, today: dt.date) -> dict[str, int]:
        raise RuntimeError("the sweep broke")

    monkeypatch.setattr("danvan.cases.services.sweep.cases_sweep", boom)


def _waiting() -> list[tuple[list[Any], dt.datetime]]:
    rows = DBTaskResult.objects.filter(task_path=PATH, status=TaskResultStatus.READY)
    return [(row.args_kwargs["args"], row.run_after) for row in rows]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded", "db_tasks", "failing_sweep")
def test_a_failing_run_on_the_worker_leaves_exactly_one_next_run_at_seven_tomorrow(frozen_clock: Any) -> None:
    first = deadline_sweep.enqueue(True)
    ResilientWorker(queue_names=["default"], interval=0.05, batch=True, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id="w-test", excluded_queue_names=[]).run()  # fmt: skip
    failed = DBTaskResult.objects.get(pk=first.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "builtins.RuntimeError" and "the sweep broke" in failed.traceback
    assert _waiting() == [([True], TOMORROW_AT_SEVEN)]


@pytest.mark.django_db
@pytest.mark.usefixtures("db_tasks", "failing_sweep")
def test_a_failing_run_raises_after_queuing_the_next_and_a_retry_queues_no_second(frozen_clock: Any) -> None:
    for _attempt in range(2):  # the worker tries a run again after a database outage or a dead worker
        with pytest.raises(RuntimeError, match="the sweep broke"):
            deadline_sweep.call(True)
        assert _waiting() == [([True], TOMORROW_AT_SEVEN)]


@pytest.mark.django_db
@pytest.mark.usefixtures("db_tasks")
def test_a_successful_run_queues_the_next_once_and_a_one_off_run_queues_none(frozen_clock: Any) -> None:
    assert deadline_sweep.call(False) == {"reminded": 0, "escalated": 0}
    assert _waiting() == []
    deadline_sweep.call(True)
    assert _waiting() == [([True], TOMORROW_AT_SEVEN)]


@pytest.mark.django_db
@pytest.mark.usefixtures("db_tasks", "failing_sweep")
def test_the_schedule_command_and_a_run_share_one_chain(frozen_clock: Any, capsys: Any) -> None:
    call_command("cases_schedule")
    assert "07:00 06/02/2026" in capsys.readouterr().out
    with pytest.raises(RuntimeError):
        deadline_sweep.call(True)  # a run started by hand while the chain waits: no second link
    call_command("cases_schedule")
    assert "đang chờ" in capsys.readouterr().out
    assert _waiting() == [([True], TOMORROW_AT_SEVEN)]
