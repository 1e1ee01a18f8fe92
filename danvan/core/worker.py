"""The background worker: django_tasks_db's, made to survive its database and its own death.

``danvan db_worker`` runs ``ResilientWorker`` (``core.management.commands.db_worker``). Beyond the
library's loop it

- **reconnects and goes on**: a database error in the loop (PostgreSQL restarted, the connection
  killed, a pool timeout) closes the broken connections, waits (1 s, doubling up to 30 s), logs one
  warning per attempt and tries again; the library's worker exits on the first one and stays down.
- **gives tasks a lease**: a task RUNNING for longer than ``lease`` (``DANVAN_TASK_LEASE_SECONDS``,
  15 minutes) belongs to a worker that died (kill -9, a lost machine) and goes back to READY. Each
  claim of a task appends the worker's id to ``worker_ids``, so its length is the attempt count:
  after ``max_attempts`` (``DANVAN_TASK_MAX_ATTEMPTS``, 5) it is marked FAILED with the reason. A task
  must finish well within the lease: ours take seconds (a notification, a sweep, an index refresh).
- **does not blame a task for the database**: a task that raised a connection error goes back to
  READY (after a short delay) instead of FAILED, within the same attempt cap.

Work is at least once: a reclaimed task may run a second time, so every task is written to be
idempotent (``notifications.tasks.notification_deliver`` claims its row and marks it sent).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from typing import Any

from django.db import DatabaseError, OperationalError, close_old_connections, connections
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from danvan.core.outage import database_errors

log = logging.getLogger("danvan.worker")

DEFAULT_LEASE = dt.timedelta(minutes=15)
DEFAULT_MAX_ATTEMPTS = 5
MAX_BACKOFF = 30.0


class LeaseExpired(Exception):
    """A task's worker stopped answering too many times: given up, with the reason kept on the row."""


def close_connections() -> None:
    """Drop every connection of this thread, broken or not: the next query opens a fresh one."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None  # the socket is gone already; forget it


class ResilientWorker(Worker):
    def __init__(self, *, lease: dt.timedelta = DEFAULT_LEASE, max_attempts: int = DEFAULT_MAX_ATTEMPTS,
                 min_backoff: float = 1.0, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.lease = lease
        self.max_attempts = max_attempts
        self.min_backoff = min_backoff
        self.backoff = min_backoff
        self.reconnects = 0
        self._next_reclaim = 0.0

    # --- the loop ---------------------------------------------------------------------------

    def run(self) -> None:
        """The library's loop (``Worker.run``), with leases and a reconnect around each turn."""
        log.info("worker %s: lease %ss, at most %s attempts", self.worker_id, int(self.lease.total_seconds()),
                 self.max_attempts)  # fmt: skip
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers started together
        while self.running:
            try:
                found = self._turn()
            except database_errors() as exc:
                self._database_away(exc)
                continue
            if self.batch and not found:
                log.info("worker %s: no more tasks, exiting", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                log.info("worker %s: ran %s tasks, exiting", self.worker_id, self._run_tasks)
                return
            if self.running and not found:
                time.sleep(self.interval)

    def _turn(self) -> bool:
        """Reclaim what is due, then claim and run one task; False when there was none."""
        close_old_connections()
        self.reclaim_due()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)  # so no other worker runs it
            except OperationalError as exc:
                if not is_locked_database_exception(exc):  # SQLite busy: try again next turn
                    raise
                task_result = None
        if task_result is None:
            return False
        self.run_task(task_result)
        self.backoff = self.min_backoff  # the database answered: the next outage starts with a short wait
        return True

    def _database_away(self, exc: BaseException) -> None:
        self.reconnects += 1
        log.warning("worker %s: database unavailable (%s: %s); reconnecting in %.1fs", self.worker_id,
                    type(exc).__name__, str(exc).strip()[:200], self.backoff)  # fmt: skip
        close_connections()
        if self.running:
            time.sleep(self.backoff)
        self.backoff = min(self.backoff * 2, MAX_BACKOFF)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        db_task_result.set_failed = self._requeue_or_fail(db_task_result, db_task_result.set_failed)
        super().run_task(db_task_result)

    # --- leases -----------------------------------------------------------------------------

    def reclaim_due(self) -> None:
        if time.monotonic() >= self._next_reclaim:
            self._next_reclaim = time.monotonic() + max(self.lease.total_seconds() / 10, 1.0)
            self.reclaim_abandoned()

    def reclaim_abandoned(self) -> int:
        """Put tasks whose lease expired back in the queue, or fail them after ``max_attempts``."""
        cutoff = timezone.now() - self.lease
        stale = DBTaskResult.objects.running().filter(backend_name=self.backend_name, started_at__lt=cutoff)
        done = 0
        with exclusive_transaction(stale.db):
            for result in stale.select_for_update(skip_locked=True)[:100]:
                attempts = len(result.worker_ids)
                if attempts >= self.max_attempts:
                    reason = LeaseExpired(f"{attempts} attempts, each abandoned for more than {self.lease} "
                                          f"(last worker {result.worker_ids[-1] if result.worker_ids else '?'})")  # fmt: skip
                    result.set_failed(reason)
                    log.error("task %s (%s) given up: %s", result.id, result.task_path, reason)
                else:
                    result.status = TaskResultStatus.READY
                    result.save(update_fields=["status"])
                    log.warning("task %s (%s) abandoned by worker %s: back in the queue (attempt %s of %s)",
                                result.id, result.task_path, result.worker_ids[-1:], attempts + 1,
                                self.max_attempts)  # fmt: skip
                done += 1
        return done

    # --- failures that are the database's -----------------------------------------------------

    def _requeue_or_fail(self, db_task_result: DBTaskResult, record_failure: Any) -> Any:
        def set_failed(exc: BaseException) -> None:
            if isinstance(exc, database_errors()) and len(db_task_result.worker_ids) < self.max_attempts:
                close_connections()
                run_after = timezone.now() + dt.timedelta(seconds=self.backoff)
                # Raises again if the database is still away: the task stays RUNNING and its lease brings it back.
                DBTaskResult.objects.filter(pk=db_task_result.pk, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.READY, run_after=run_after
                )
                log.warning("task %s (%s) hit the database going away (%s): queued again", db_task_result.id,
                            db_task_result.task_path, type(exc).__name__)  # fmt: skip
                return
            record_failure(exc)

        return set_failed
