"""Queue background work so that it happens if and only if the current transaction commits.

The task queue in production is ``django_tasks_db``: a task is a row in the same PostgreSQL
database as the data it acts on. Written inside the transaction that stores a case, that row is the
outbox: it commits with the case or vanishes with it, so a stored case always has its notification
queued, and no database hiccup after the commit can lose it (``transaction.on_commit`` runs in the
request after the commit, where a dropped connection used to lose the task and answer a 500 for a
stored case). The worker (``danvan db_worker``, ``core.worker``) drains it.

A backend that does not write to this database (the immediate backend of the tests, which runs the
task at once; a broker on another server) cannot share the transaction: there the task is queued
on commit as before, because running a real send inside a transaction that may still roll back
would tell a citizen about a case that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, router, transaction
from django.tasks import Task

__all__ = ["enqueue_atomically", "shares_the_transaction"]


def shares_the_transaction(task: Task[Any, Any], using: str | None = None) -> bool:
    """True when ``task`` is queued as a row of the database the current transaction writes to."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return router.db_for_write(DBTaskResult) == (using or DEFAULT_DB_ALIAS)


def enqueue_atomically(task: Task[Any, Any], *args: Any, using: str | None = None, **kwargs: Any) -> None:
    """Queue ``task(*args, **kwargs)`` to run once the current transaction commits, never if it rolls back."""
    if shares_the_transaction(task, using):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs), using=using)
