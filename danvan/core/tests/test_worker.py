"""The worker survives its database and its own death (issue 12, item 6a, 6b).

On PostgreSQL (the connection killed with pg_terminate_backend from another connection); the lease
tests run on SQLite too.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest
from django.db import connection
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from danvan.core.tests import worker_tasks
from danvan.core.worker import ResilientWorker

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _options(**overrides: Any) -> dict[str, Any]:
    return {"queue_names": ["default"], "interval": 0.05, "batch": True, "backend_name": "default",
            "startup_delay": False, "max_tasks": None, "worker_id": "w-test", "excluded_queue_names": [],
            **overrides}  # fmt: skip


@pytest.fixture
def db_tasks(settings: Any) -> None:
    settings.TASKS = DB_TASKS
    worker_tasks.RUNS.clear()
    worker_tasks.KILL_ONCE.clear()


def _postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: pg_terminate_backend")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_the_library_worker_dies_when_its_connection_is_killed_during_a_task(db_tasks: None) -> None:
    """The fault as found: kept as the reference the fix is measured against."""
    _postgres()
    worker_tasks.KILL_ONCE.add("first")
    worker_tasks.note.enqueue("first")
    with pytest.raises(Exception) as died:
        Worker(**_options()).run()
    assert "terminat" in str(died.value).lower() or "closed" in str(died.value).lower()
    connection.close()
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING  # stranded


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_the_worker_reconnects_when_its_connection_is_killed_and_goes_on(db_tasks: None) -> None:
    _postgres()
    worker_tasks.KILL_ONCE.add("first")
    worker_tasks.note.enqueue("first")
    worker_tasks.note.enqueue("second")
    worker = ResilientWorker(**_options(), min_backoff=0.05)
    worker.run()
    while DBTaskResult.objects.filter(status="READY").exists():  # "first" was queued again a moment later
        time.sleep(0.1)
        worker.run()
    results = {r.args_kwargs["args"][0]: r for r in DBTaskResult.objects.all()}
    assert {label: r.status for label, r in results.items()} == {"first": "SUCCESSFUL", "second": "SUCCESSFUL"}
    # "first" ran, lost its connection before its result was saved, and ran again: at least once.
    assert worker_tasks.RUNS.count("first") == 2 and worker_tasks.RUNS.count("second") == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_a_long_running_worker_survives_a_killed_connection_between_tasks(db_tasks: None) -> None:
    _postgres()
    worker = ResilientWorker(**_options(batch=False), min_backoff=0.05)

    def run_then_close() -> None:
        try:
            worker.run()
        finally:
            connection.close()  # this thread's own connection, or the test database cannot be dropped

    thread = threading.Thread(target=run_then_close, daemon=True)
    thread.start()
    try:
        worker_tasks.note.enqueue("before")
        _wait_for(lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1)
        with connection.cursor() as cursor:  # every other backend of this test database: the worker's
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")  # fmt: skip
        worker_tasks.KILL_ONCE.add("during")
        worker_tasks.note.enqueue("during")
        worker_tasks.note.enqueue("after")
        _wait_for(lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3)
        assert thread.is_alive()
    finally:
        worker.running = False
        thread.join(timeout=10)
    assert worker_tasks.RUNS.count("after") == 1 and worker_tasks.RUNS.count("during") == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_while_the_database_is_away_the_worker_waits_and_then_goes_on(db_tasks: None, monkeypatch: Any) -> None:
    """PostgreSQL restarting: every query fails for a while (here: the next three turns)."""
    from django.db import OperationalError
    from django_tasks_db.models import DBTaskResultQuerySet

    worker_tasks.note.enqueue("queued before the restart")
    real_ready = DBTaskResultQuerySet.ready
    failures = iter(range(3))

    def ready_while_restarting(self: Any) -> Any:
        if next(failures, None) is not None:
            raise OperationalError("server closed the connection unexpectedly")
        return real_ready(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "ready", ready_while_restarting)
    worker = ResilientWorker(**_options(), min_backoff=0.01)
    worker.run()
    assert worker.reconnects == 3 and worker.backoff == 0.01  # waited 0.01, 0.02, 0.04; reset once it worked
    assert worker_tasks.RUNS == ["queued before the restart"]


def _wait_for(condition: Any, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _stranded(attempts: int, age: dt.timedelta) -> DBTaskResult:
    """A task a dead worker left RUNNING (killed with kill -9 while it ran)."""
    result = worker_tasks.note.enqueue("stranded")
    row = DBTaskResult.objects.get(pk=result.id)
    row.status = TaskResultStatus.RUNNING
    row.started_at = timezone.now() - age
    row.worker_ids = [f"dead-{i}" for i in range(attempts)]
    row.save()
    return row


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_a_task_abandoned_by_a_dead_worker_is_reclaimed_and_run_exactly_once(db_tasks: None) -> None:
    row = _stranded(1, dt.timedelta(minutes=20))
    Worker(**_options()).run()
    assert worker_tasks.RUNS == []  # the library's worker never runs it again
    ResilientWorker(**_options(), lease=dt.timedelta(minutes=15)).run()
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL" and worker_tasks.RUNS == ["stranded"]
    assert row.worker_ids == ["dead-0", "w-test"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_a_task_within_its_lease_is_left_alone(db_tasks: None) -> None:
    row = _stranded(1, dt.timedelta(minutes=5))
    ResilientWorker(**_options(), lease=dt.timedelta(minutes=15)).run()
    row.refresh_from_db()
    assert row.status == "RUNNING" and worker_tasks.RUNS == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_a_task_abandoned_too_often_is_failed_with_the_reason(db_tasks: None) -> None:
    row = _stranded(5, dt.timedelta(hours=1))
    ResilientWorker(**_options(), lease=dt.timedelta(minutes=15), max_attempts=5).run()
    row.refresh_from_db()
    assert row.status == "FAILED" and worker_tasks.RUNS == []
    assert row.exception_class_path == "danvan.core.worker.LeaseExpired" and "5 attempts" in row.traceback
