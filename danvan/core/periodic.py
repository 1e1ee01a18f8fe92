"""Periodic work as a chain of tasks, each run queuing the next: a chain that one failure cannot end.

A periodic task (the morning deadline sweep, the hourly refresh of the satisfaction indices) runs as
``task(True)`` and queues its next run with ``chain_continue`` *before* doing its work, in its own
committed transaction: an exception in the work then fails this run (logged, with its traceback on
the task row) while the next run is already waiting. Queuing after the work, as before, let one
exception end the chain silently.

Idempotent: a run that is tried again (the worker re-queues a run that hit a database outage or
whose worker died, ``core.worker``) finds the next link already waiting and queues nothing, so a
chain never doubles. What counts as "waiting" is a READY row of the same task with the chain's
arguments; a one-off run (``task(False)``, queued by an operator) is not a link of the chain.
``danvan cases_schedule`` and ``surveys_schedule`` start a chain through the same function.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, router, transaction
from django.tasks import Task

from danvan.core.outbox import enqueue_atomically, shares_the_transaction

log = logging.getLogger(__name__)


def chain_waiting(task: Task[Any, Any], *args: Any) -> bool:
    """Is a run of ``task(*args)`` queued and not yet started?"""
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)
    return any(row.args_kwargs.get("args") == list(args) for row in rows.only("args_kwargs"))


def chain_continue(task: Task[Any, Any], *args: Any, run_after: dt.datetime | None = None) -> bool:
    """Queue ``task(*args)`` to run at ``run_after`` unless such a run is already waiting; True if queued.

    Commits at once when the queue is a table of this database (production): the next run must
    survive whatever the caller does next. A queue elsewhere (the tests' immediate backend) cannot be
    asked what is waiting; there the run is queued when the current transaction commits, as before.
    """
    scheduled = task.using(run_after=run_after) if run_after is not None else task
    if not shares_the_transaction(task):
        enqueue_atomically(scheduled, *args)
        return True
    from django_tasks_db.models import DBTaskResult

    alias = router.db_for_write(DBTaskResult)
    with transaction.atomic(using=alias, durable=True):  # committed on leaving, whatever follows
        if connections[alias].vendor == "postgresql":
            # Two runs of one chain at once (a run reclaimed while its first worker still finishes) would
            # both see nothing waiting: the lock makes the second see the first's row.
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"danvan.chain:{task.module_path}"])
        if chain_waiting(task, *args):
            log.info("%s: the next run is already queued", task.module_path)
            return False
        scheduled.enqueue(*args)
    return True


def sweep_parts(
    label: str, parts: Sequence[tuple[str, Callable[[dt.date], dict[str, int]]]], today: dt.date
) -> dict[str, int]:
    """Run each part's sweep for ``today`` (a capability's morning run): one part's failure is logged and
    the others still run; the run then fails naming the parts that did, so the task row shows it."""
    result: dict[str, int] = {}
    failed = []
    for name, sweep in parts:
        try:
            for key, value in sweep(today).items():
                result[f"{name}.{key}"] = value
        except Exception:
            log.exception("%s sweep: part %s failed", label, name)
            failed.append(name)
    log.info("%s sweep: %s", label, result)
    if failed:
        raise RuntimeError(f"{label} sweep failed in: {', '.join(failed)}")
    return result
