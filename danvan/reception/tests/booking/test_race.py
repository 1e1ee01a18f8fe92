"""Two citizens, one last slot, at the same instant: exactly one is confirmed, the other waits.

Real concurrency needs real transactions and two connections: a transactional test, two threads that
start ``booking_create`` together (a barrier). PostgreSQL only: there the session row's lock
(``select_for_update``) makes the second wait until the first has committed. SQLite serialises writers
by locking the whole database; its in-memory test database refuses a second writer instead of waiting,
so the race is not run there (the sequential rule is tested in test_services).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from danvan.reception.choices import BookingStatus
from danvan.reception.models import Booking
from danvan.reception.tests.booking.conftest import book
from danvan.reception.tests.factories import at, session

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data_reseeded")]


def race(target, count: int) -> list[BaseException]:
    barrier = threading.Barrier(count)
    failures: list[BaseException] = []

    def run(n: int) -> None:
        from django.db import connection as own

        try:
            barrier.wait()
            target(n)
        except BaseException as exc:
            failures.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(1, count + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return failures


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks and concurrent writers (PostgreSQL)")
def test_two_citizens_one_last_slot_exactly_one_is_confirmed_and_a_double_click_stores_one(
    rworld, frozen_clock
) -> None:
    s = session(rworld.point, rworld.chair, at(2026, 2, 9), capacity=2)
    book(s, 10)  # one slot left
    failures = race(lambda n: book(s, n), 2)
    assert failures == []  # the second waited for the lock, then counted the first's booking
    statuses = sorted(Booking.objects.filter(session=s).exclude(phone="0905 000 010").values_list("status", flat=True))
    assert statuses == [BookingStatus.CONFIRMED, BookingStatus.WAITING]
    # The same form sent twice at once (a double click on two connections): one booking.
    other = session(rworld.point, rworld.chair, at(2026, 2, 16), capacity=2)
    failures = race(lambda n: book(other, 1, request_key="double-click"), 2)
    assert failures == []
    assert Booking.objects.filter(session=other).count() == 1
