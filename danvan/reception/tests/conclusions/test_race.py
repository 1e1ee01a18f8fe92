"""Two notices of one body issued at the same moment get two numbers (PostgreSQL: the body's row lock)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from danvan.reception.models import ConclusionNotice
from danvan.reception.tests.conclusions.helpers import issue, task

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data_reseeded")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one at a time: no race to test")
def test_two_notices_at_once_are_numbered_01_and_02(rworld) -> None:
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def run(key: str) -> None:
        try:
            barrier.wait(timeout=10)
            issue(rworld, [task(rworld, dt.date(2099, 1, 1))], request_key=key)
        except BaseException as exc:
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f"race-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert sorted(ConclusionNotice.objects.values_list("number", flat=True)) == [1, 2]
