"""Settings of the benchmarks: the project's base settings on the database in ``DATABASE_URL``.

The benchmark sets ``DATABASE_URL`` to its own database (``danvan_bench`` on PostgreSQL, or
``var/bench/surveys.sqlite3``) before Django starts. DEBUG stays off: with DEBUG on, Django keeps
every query of a run in memory and the numbers would measure that too.
"""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "benchmark-only-not-secret"  # noqa: S105 - synthetic data, never served
# NOT SECRET, benchmarks only: base64 of "BENCH-ONLY-NOT-SECRET-danvan-b01". No identity is sealed here.
DANVAN_IDENTITY_KEYS = ["QkVOQ0gtT05MWS1OT1QtU0VDUkVULWRhbnZhbi1iMDE="]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench"}}
# Measured operations call services directly; nothing may run behind the benchmark's back.
TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "WARNING"}}
