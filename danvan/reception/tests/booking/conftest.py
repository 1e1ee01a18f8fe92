"""Helpers of the booking tests: a session of the test world and a citizen's booking."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.reception.models import ReceptionSession
from danvan.reception.services.booking import Booked, booking_create
from danvan.reception.tests.factories import ReceptionWorld, at, session


def book(s: ReceptionSession, n: int, **fields: Any) -> Booked:
    """The n-th citizen books ``s`` (phones 0905 000 001, 0905 000 002 …)."""
    defaults = {"name": f"Công dân {n}", "phone": f"0905 000 {n:03d}", "email": "", "id_number": "",
                "subject": "Đường kiệt bị ngập khi mưa", "request_key": f"key-{s.pk}-{n}"}  # fmt: skip
    return booking_create(session=s, **{**defaults, **fields})


@pytest.fixture
def monday(rworld: ReceptionWorld) -> ReceptionSession:
    """Monday 9/2/2026 at 7:30, two slots (the frozen clock stands at Thursday 5/2/2026 9:00)."""
    return session(rworld.point, rworld.chair, at(2026, 2, 9), capacity=2)
