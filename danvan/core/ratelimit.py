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
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    key = f"rl:{scope}:{digest}:{window}"
    cache.add(key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 1)
        count = 1
    retry_after = window_seconds - (now % window_seconds)
    return Verdict(allowed=count <= limit, retry_after=retry_after)
