"""Tasks for the worker's tests (importable by path, as the queue stores them)."""

from __future__ import annotations

from django.db import connection
from django.tasks import task

RUNS: list[str] = []
KILL_ONCE: set[str] = set()


def _terminate_my_connection() -> None:
    """From another connection, as an operator's restart would: the worker's own connection dies."""
    import psycopg

    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@task()
def note(label: str) -> str:
    RUNS.append(label)
    if label in KILL_ONCE:
        KILL_ONCE.discard(label)
        _terminate_my_connection()
    return label
