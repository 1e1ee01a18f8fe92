"""Project-wide pytest fixtures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from danvan.core.clock import VIETNAM

# The real-browser fixtures (``browser``, ``phone``, ``desktop``, ``reseeded_afterwards``), once for every
# app's browser tests: Playwright's sync API allows one running instance, so they may not be defined twice.
pytest_plugins = ["danvan.core.testing.browser"]


@pytest.fixture
def frozen_clock() -> Iterator[time_machine.Coordinates]:
    """Freeze time at 09:00 Vietnam time on 05/02/2026; move it with ``frozen_clock.move_to``."""
    with time_machine.travel(dt.datetime(2026, 2, 5, 9, 0, tzinfo=VIETNAM), tick=False) as traveller:
        yield traveller


_UNITS_LOADED = pytest.StashKey[int]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):  # type: ignore[no-untyped-def]
    """Load the administrative map once per test session: every test sees the real 34/3,321 units."""
    from danvan.org.models import AdministrativeUnit
    from danvan.org.services import units_load

    with django_db_blocker.unblock():
        units_load()
        request.config.stash[_UNITS_LOADED] = AdministrativeUnit.objects.count()


def _flushes_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    names = getattr(item, "fixturenames", ())
    return bool(transactional) or "transactional_db" in names or "live_server" in names


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A transactional test (a live server, a race) ends with a flush that takes out what migrations
    seed and the units; put them back for whatever test the worker runs next — also after a test that
    skipped itself once its database was set up (the flush still ran), and when only part of the map is
    there (a CI run once found Hà Nội's wards but not Huế). A test that restored them itself costs one
    query here."""
    result = yield
    # After the session's last test the test database is already gone (session fixtures torn down too).
    loaded = item.config.stash.get(_UNITS_LOADED, None)  # None: no test of the session set the database up
    if nextitem is not None and loaded is not None and _flushes_the_database(item):
        from pytest_django.plugin import blocking_manager_key

        from danvan.core.testing.browser import reference_data_restore
        from danvan.org.models import AdministrativeUnit

        with item.config.stash[blocking_manager_key].unblock():
            if AdministrativeUnit.objects.count() != loaded:
                reference_data_restore()
    return result


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate-limit counters and cached lookups must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the project's language: a request with the English cookie leaves English active
    in the thread (the locale middleware activates, nothing deactivates), and services called by the next
    test in the same worker would then store English text."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def reference_data_reseeded(django_db_blocker):  # type: ignore[no-untyped-def]
    """For a module with transactional tests (``django_db(transaction=True)``): their flush takes out what
    migrations seed (kinds of body, deadline rules …) for the transactional tests that follow; put it back."""
    yield
    from danvan.core.testing.browser import reference_data_restore

    with django_db_blocker.unblock():
        reference_data_restore()


@pytest.fixture
def second_factor(db: None):  # type: ignore[no-untyped-def]
    """Give a person a confirmed authenticator and verify a current code, as opening an identity needs.

    ``second_factor(user)`` returns the verification time a service takes as ``second_factor_at``;
    ``second_factor(user, client)`` verifies through the web page instead, so that ``client``'s session
    carries the stamp (the client must already be signed in as ``user``).
    """
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.org import second_factor as step_up

    def verify(user, client=None):  # type: ignore[no-untyped-def]
        device = step_up.confirmed_device(user) or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        if client is None:
            return step_up.verify(user=user, code=step_up.current_code(device))
        response = client.post(reverse("web:second_factor_verify"), {"code": step_up.current_code(device)})
        assert response.status_code == 302, response.content[:2000]
        return None

    return verify
