#!/usr/bin/env bash
# The whole test suite: static checks, then the tests on SQLite (with the real-browser tests), then
# on PostgreSQL over a real connection (with Redis as the cache). Any failure stops the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1

scripts/ensure-system.sh
scripts/venv.sh
PY=.venv/bin/python
step() { printf '\n== %s\n' "$*"; }

step "ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
step "mypy"
.venv/bin/mypy danvan config benchmarks tests
step "import contracts"
.venv/bin/lint-imports
step "django checks"
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py check --fail-level WARNING
DANVAN_SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(64))') \
  DANVAN_IDENTITY_KEYS=$($PY -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan DANVAN_ALLOWED_HOSTS=danvan.example.vn \
  DJANGO_SETTINGS_MODULE=config.settings.production $PY manage.py check --deploy --fail-level WARNING
# (Without --database the check does not connect, so the database-role check, danvan.E001, is not run
# here: it would rightly refuse the superuser. Its tests run it as a superuser, an owner and an app
# role: danvan/core/tests/test_db_roles.py.)
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py makemigrations --check --dry-run
step "translations"
$PY scripts/check_translations.py

# Both pytest runs spread the tests over one pytest-xdist worker per CPU (TEST_WORKERS overrides; at
# most 6, the Redis databases below). --dist worksteal: workers take tests off each other's queues when
# they run dry, so the few minute-long tests (the browser journeys, the fuzzers) do not leave one CPU idle
# at the end. Each worker has its own test database (pytest-django: test_<name>_gw0, _gw1 …) and its own
# Redis database (config.settings.test); the live server of the browser tests listens on a free port.
workers=${TEST_WORKERS:-$(nproc)}
if ((workers > 6)); then workers=6; fi
XDIST=(-n "$workers" --dist worksteal)

step "tests on SQLite (with the browser tests), $workers workers"
DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/pytest -q -p no:cacheprovider "${XDIST[@]}" "$@"

step "tests on PostgreSQL (127.0.0.1:5432) with Redis (127.0.0.1:6379), $workers workers"
# Worker gwN uses Redis database 8+N (8 to 13): each test empties its worker's database.
DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/danvan} \
  REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379/8} \
  DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/pytest -q -p no:cacheprovider "${XDIST[@]}" -m "not browser" "$@"
