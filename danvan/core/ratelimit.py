"""A fixed-window rate limit on the shared cache (Redis in production), for public endpoints.

Deliberately small: a counter per (scope, client) per window. With Redis the count is shared by
every worker; with the local-memory cache it is per process, which is enough for a single-node
install and for tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from danvan.core import clock


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window resets


def hit(scope: str, client: str, *, limit: int, window_seconds: int) -> Verdict:
    """Count one request of ``client`` in ``scope``; refuse once ``limit`` is passed in the window."""
    now = int(clock.now().timestamp())
    window = now // window_seconds
    count = _increment(_key(scope, client, window), window_seconds)
    retry_after = window_seconds - (now % window_seconds)
    return Verdict(allowed=count <= limit, retry_after=retry_after)


def _key(scope: str, client: str, window: int) -> str:
    return f"rl:{scope}:{hashlib.sha256(client.encode()).hexdigest()[:32]}:{window}"


def peek(scope: str, client: str, *, limit: int, window_seconds: int) -> Verdict:
    """Whether ``client`` may do one more in ``scope`` without counting it: for limits that count only
    what succeeded (a stored petition), checked before the work and counted by ``count`` after it."""
    now = int(clock.now().timestamp())
    used = cache.get(_key(scope, client, now // window_seconds)) or 0
    return Verdict(allowed=int(used) < limit, retry_after=window_seconds - (now % window_seconds))


def count(scope: str, client: str, *, window_seconds: int) -> None:
    """Count one success of ``client`` in ``scope`` (see ``peek``)."""
    now = int(clock.now().timestamp())
    _increment(_key(scope, client, now // window_seconds), window_seconds)


def _increment(key: str, window_seconds: int) -> int:
    """The window's counter plus one. The counter exists for all but the first request of a window, so
    ``incr`` comes first (one round trip to Redis), and ``add`` only when it is missing; two first
    requests at once: one adds, the other's ``add`` fails and it increments."""
    try:
        return int(cache.incr(key))
    except ValueError:  # the window's first request (or its counter expired)
        if cache.add(key, 1, timeout=window_seconds + 1):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired again in between: start the count
            cache.set(key, 1, timeout=window_seconds + 1)
            return 1
