"""A double submit on real connections (PostgreSQL): the first request has written but not committed when
the second starts, so the second must wait on a lock and then see the first's row — without that lock it
inserts the same first version and dies on the unique constraint (a 500)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from danvan.core.errors import DomainError


def double_submit(first: Callable[[], Any], second: Callable[[], Any], *, hold: float = 1.0) -> list[str]:
    """Run ``first`` in a transaction held open ``hold`` seconds after it wrote, and ``second`` meanwhile;
    return each outcome ("stored", a refusal's code, or the repr of any other exception)."""
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
