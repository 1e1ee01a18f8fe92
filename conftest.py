"""Project-wide pytest fixtures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from danvan.core.clock import VIETNAM


@pytest.fixture
def frozen_clock() -> Iterator[time_machine.Coordinates]:
    """Freeze time at 09:00 Vietnam time on 05/02/2026; move it with ``frozen_clock.move_to``."""
    with time_machine.travel(dt.datetime(2026, 2, 5, 9, 0, tzinfo=VIETNAM), tick=False) as traveller:
        yield traveller


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the administrative map once per test session: every test sees the real 34/3,321 units."""
    from danvan.org.services import units_load

    with django_db_blocker.unblock():
        units_load()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate-limit counters and cached lookups must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="module")
def reference_data_reseeded(django_db_blocker):  # type: ignore[no-untyped-def]
    """For a module with transactional tests (``django_db(transaction=True)``): their flush takes out what
    migrations seed (kinds of body, deadline rules …) for the transactional tests that follow; put it back."""
    yield
    from danvan.web.tests.conftest import reference_data_restore

    with django_db_blocker.unblock():
        reference_data_restore()
