"""Concurrency helpers of the PostgreSQL race tests, for every app: requests at the same moment on real
connections (each thread has its own and closes it), so that a missing lock or constraint shows as a
duplicate row or an IntegrityError rather than passing by luck of timing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from danvan.core.errors import DomainError


def race(targets: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Start every target at once (a barrier) in its own thread; return what they returned and what they
    raised (in the order they finished)."""
    barrier = threading.Barrier(len(targets))
    results: list[Any] = []
    failures: list[BaseException] = []

    def run(target: Callable[[], Any]) -> None:
        from django.db import connection as own

        try:
            barrier.wait()
            results.append(target())
        except BaseException as exc:
            failures.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, failures


def double_submit(first: Callable[[], Any], second: Callable[[], Any], *, hold: float = 1.0) -> list[str]:
    """A double submit: ``first`` runs in a transaction held open ``hold`` seconds after it wrote, and
    ``second`` starts meanwhile, so it must wait on a lock and then see the first's row — without that
    lock it inserts the same first version and dies on the unique constraint (a 500). Returns each
    outcome: "stored", a refusal's code, or the repr of any other exception ("hung" if it never ended)."""
    written = threading.Event()
    outcomes: dict[str, str] = {}

    def run(name: str, call: Callable[[], Any]) -> None:
        try:
            if name == "first":
                with transaction.atomic():
                    call()
                    written.set()
                    time.sleep(hold)  # the second is now waiting on the lock (or racing without one)
            else:
                written.wait(10)
                call()
            outcomes[name] = "stored"
        except DomainError as exc:
            outcomes[name] = exc.code
        except BaseException as exc:
            outcomes[name] = repr(exc)
        finally:
            written.set()
            connection.close()

    threads = [threading.Thread(target=run, args=("first", first)),
               threading.Thread(target=run, args=("second", second))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return [outcomes.get("first", "hung"), outcomes.get("second", "hung")]
