"""The booking part of the demo: nothing without an upcoming session; run twice, the same bookings."""

from __future__ import annotations

import pytest

from danvan.reception.demo_booking import demo_booking_seed
from danvan.reception.models import Booking
from danvan.reception.tests.factories import at, session

pytestmark = pytest.mark.usefixtures("frozen_clock")


def test_without_an_upcoming_session_the_demo_books_nothing(rworld) -> None:
    session(rworld.point, rworld.chair, at(2026, 2, 2))  # already past
    assert demo_booking_seed("127.0.0.1:8000") == []
    assert not Booking.objects.exists()


def test_the_demo_books_the_next_sessions_once(rworld) -> None:
    first = session(rworld.point, rworld.chair, at(2026, 2, 9))
    session(rworld.point, rworld.chair, at(2026, 2, 16))
    lines = demo_booking_seed("127.0.0.1:8000")
    assert Booking.objects.count() == 5
    code = Booking.objects.filter(session=first).order_by("id").first().code
    assert (
        lines[0]
        == f"Đặt lịch tiếp công dân (không cần tài khoản): http://127.0.0.1:8000/lich-tiep-cong-dan/buoi/{first.pk}/dang-ky/"
    )
    assert f"?ma={code}" in lines[1]
    assert demo_booking_seed("127.0.0.1:8000") == lines
    assert Booking.objects.count() == 5
