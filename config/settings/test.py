"""Tests: the same stack as production, made fast where speed does not change behaviour."""

import os
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, DANVAN_IDENTITY_KEYS, cache_settings

SECRET_KEY = "test-secret-key-not-for-production"
# NOT SECRET, tests only: base64 of "TEST-ONLY-NOT-SECRET-danvan-test".
DANVAN_IDENTITY_KEYS = DANVAN_IDENTITY_KEYS or ["VEVTVC1PTkxZLU5PVC1TRUNSRVQtZGFudmFuLXRlc3Q="]
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"


def redis_url_for_worker(url: str, worker: str) -> str:
    """The Redis database this test process may empty: REDIS_URL's own for a plain run; under pytest-xdist,
    worker gwN takes the database N numbers above REDIS_URL's (gw0 the given one, gw1 the next …).

    Each test starts with cache.clear() (the root conftest), which empties the whole Redis database
    (FLUSHDB): workers sharing one would wipe each other's rate-limit counters and cached lookups in the
    middle of a test. (pytest-django already gives each worker its own PostgreSQL test database.)
    """
    if not url or not worker:
        return url
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    number = base + int(worker.removeprefix("gw"))
    # Redis has 16 databases (0-15) unless configured otherwise; beyond them SELECT fails, and the cache
    # would quietly fall back to this process's memory (core.cache) instead of testing Redis: refuse.
    if number > 15:
        raise ImproperlyConfigured(
            f"REDIS_URL {url} with xdist worker {worker} needs Redis database {number}: give REDIS_URL a lower "
            f"database number (workers use it and the ones after it) or run fewer workers"
        )
    return urlunsplit(parts._replace(path=f"/{number}"))


# Local memory, unless REDIS_URL names a Redis (scripts/test.sh's PostgreSQL run): then the tests use it, as
# production does (each test starts with cache.clear(), which empties that Redis database), one database
# per xdist worker (redis_url_for_worker). Tests that build their own Redis client read REDIS_URL from here.
REDIS_URL = redis_url_for_worker(os.environ.get("REDIS_URL", ""), os.environ.get("PYTEST_XDIST_WORKER", ""))
CACHES = cache_settings(REDIS_URL)
if not REDIS_URL:
    CACHES["default"]["LOCATION"] = "tests"
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
if "DATABASE_URL" not in os.environ:
    # In-memory SQLite for the embedded run; PostgreSQL comes in through DATABASE_URL.
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
STATIC_ROOT = BASE_DIR / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
# Tests add units and resolve at once: the place index checks the unit tables on every call (5 s by default).
DANVAN_PLACE_INDEX_CHECK_SECONDS = 0
# Tests post right after the page that issued the device cookie; the min-age test overrides this.
DANVAN_DEVICE_MIN_AGE_SECONDS = 0
