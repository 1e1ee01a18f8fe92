"""Two officers register at the same instant (PostgreSQL, real transactions): both read the same last
number, one insert wins, the other is retried and takes the next number: no duplicate, no gap."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from danvan.reception.models import Visit
from danvan.reception.services.register import visit_register
from danvan.reception.tests.factories import make_reception_world
from danvan.reception.tests.register.helpers import walk_in


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_two_visits_at_once_get_consecutive_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions")
    world = make_reception_world()
    both_numbered = threading.Barrier(2, timeout=10)
    seen = threading.local()
    original = Visit.save

    def save_after_both_read(self: Visit, *args: Any, **kwargs: Any) -> None:
        if not getattr(seen, "waited", False):  # the first try of each: both have read "no visit yet"
            seen.waited = True
            both_numbered.wait()
        original(self, *args, **kwargs)

    monkeypatch.setattr(Visit, "save", save_after_both_read)
    failures: list[BaseException] = []

    def register(name: str) -> None:
        try:
            visit_register(actor=world.officer, organization=world.phuong, data=walk_in(visitor_name=name))
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(name,)) for name in ("Một", "Hai")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert sorted(Visit.objects.values_list("serial_no", flat=True)) == [1, 2]
