"""The shared cache (Redis) with a local fallback: Redis going down refuses nothing a citizen sends.

Rate limits (``core.ratelimit``) and cached lookups live in Redis so that every server process
counts together. When Redis does not answer (stopped, restarting, unreachable), each operation is
served by this process's own memory instead, and a warning says so in the log at most once a
minute (``WARN_EVERY``), not once a request. While it is down, Redis is not asked again for
``RETRY_AFTER`` seconds, so a dead Redis costs a request nothing. Limits then hold per process
(N gunicorn processes allow up to N times the limit), which is the documented degradation; they come
back to shared counts as soon as Redis answers.

Configured in ``config.settings.base.cache_settings``; ``DANVAN_REDIS_TIMEOUT`` bounds each call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache

log = logging.getLogger("danvan.cache")

WARN_EVERY = 60.0  # seconds between two warnings that Redis is down
RETRY_AFTER = 5.0  # seconds during which a Redis that failed is not asked again

# The operations callers use (Django's cache API); anything else goes to Redis unguarded.
_GUARDED = ("get", "set", "add", "delete", "incr", "decr", "get_many", "set_many", "delete_many", "has_key",
            "touch")  # fmt: skip


class RedisWithLocalFallback(RedisCache):
    """django_redis's cache; on a Redis error the same call goes to a per-process LocMemCache."""

    _lock = threading.Lock()
    _last_warning = 0.0
    _down_until = 0.0

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.local = LocMemCache(f"danvan-fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self.fallbacks = 0  # calls the local cache answered (for tests and the operator's curiosity)

    def _guarded(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() >= type(self)._down_until:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except ValueError:  # incr of a missing key: the same answer as every cache
                raise
            except Exception as exc:  # redis.ConnectionError, TimeoutError, django_redis.ConnectionInterrupted…
                self._went_down(exc)
        self.fallbacks += 1
        return getattr(self.local, name)(*args, **kwargs)

    def _went_down(self, exc: Exception) -> None:
        cls = type(self)
        now = time.monotonic()
        with cls._lock:
            cls._down_until = now + RETRY_AFTER
            if now - cls._last_warning < WARN_EVERY and cls._last_warning:
                return
            cls._last_warning = now
        log.warning("Redis unavailable (%s: %s): rate limits and caches use this process's memory until it "
                    "answers again", type(exc).__name__, str(exc)[:200])  # fmt: skip

    def clear(self) -> None:
        self.local.clear()
        try:
            super().clear()
        except Exception as exc:
            self._went_down(exc)

    @classmethod
    def reset_state(cls) -> None:
        """Forget that Redis was down (tests)."""
        with cls._lock:
            cls._down_until = cls._last_warning = 0.0


def _guard(name: str) -> Callable[..., Any]:
    def method(self: RedisWithLocalFallback, *args: Any, **kwargs: Any) -> Any:
        return self._guarded(name, *args, **kwargs)

    method.__name__ = name
    return method


for _name in _GUARDED:
    setattr(RedisWithLocalFallback, _name, _guard(_name))
