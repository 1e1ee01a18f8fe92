"""The fixed-window counter: exactly ``limit`` requests pass in a window, the next is refused, a new
window starts from one; the counter is made by the window's first request only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from danvan.core import ratelimit


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def test_exactly_the_limit_passes_then_the_next_is_refused_until_the_next_window(monkeypatch) -> None:
    start = dt.datetime(2026, 12, 4, 8, 0, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("danvan.core.clock.now", lambda: start)
    verdicts = [ratelimit.hit("t", "127.0.0.1", limit=3, window_seconds=60) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after == 60
    monkeypatch.setattr("danvan.core.clock.now", lambda: start + dt.timedelta(seconds=61))
    assert ratelimit.hit("t", "127.0.0.1", limit=3, window_seconds=60).allowed  # a new window counts from one
    assert ratelimit.peek("t", "127.0.0.1", limit=2, window_seconds=60).allowed  # one used of two
    assert not ratelimit.peek("t", "127.0.0.1", limit=1, window_seconds=60).allowed


class _AddLoses:
    """The shared cache, except that ``add`` loses the race (another request made the counter, and it
    vanished again before this one's ``incr``)."""

    def __init__(self) -> None:
        self.adds = 0

    def add(self, *args: object, **kwargs: object) -> bool:
        self.adds += 1
        return False

    def __getattr__(self, name: str) -> object:
        return getattr(cache, name)


def test_a_counter_that_vanished_between_the_two_calls_starts_again_from_one(monkeypatch) -> None:
    losing = _AddLoses()
    monkeypatch.setattr(ratelimit, "cache", losing)
    assert ratelimit.hit("t", "client", limit=1, window_seconds=60).allowed
    assert losing.adds == 1
    monkeypatch.setattr(ratelimit, "cache", cache)
    assert not ratelimit.hit("t", "client", limit=1, window_seconds=60).allowed  # its count of one was kept
