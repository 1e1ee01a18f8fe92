"""Tests: the same stack as production, made fast where speed does not change behaviour."""

import os

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
# Local memory, unless REDIS_URL names a Redis (scripts/test.sh's PostgreSQL run): then the tests use it, as
# production does (each test starts with cache.clear(), which empties that Redis database).
CACHES = cache_settings(os.environ.get("REDIS_URL", ""))
if "REDIS_URL" not in os.environ:
    CACHES["default"]["LOCATION"] = "tests"
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
if "DATABASE_URL" not in os.environ:
    # In-memory SQLite for the embedded run; PostgreSQL comes in through DATABASE_URL.
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
STATIC_ROOT = BASE_DIR / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
# Tests post right after the page that issued the device cookie; the min-age test overrides this.
DANVAN_DEVICE_MIN_AGE_SECONDS = 0
