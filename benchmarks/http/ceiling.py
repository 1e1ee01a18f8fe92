"""The ceiling: a bare Django project with two endpoints, served exactly like the app.

``/json``: a JsonResponse and nothing else — what Django itself costs per request under this
server configuration (gunicorn, workers, threads). ``/commit``: one INSERT committed in
PostgreSQL through the same connection pool — the cheapest durable write a request can make.
Intake is reported as a fraction of both, and beside pgbench's commit rate on the same server.

This one module is the settings, the URLconf and the WSGI application:
``gunicorn -c config/gunicorn.conf.py benchmarks.http.ceiling:application``.
"""

from __future__ import annotations

import os

import dj_database_url
from django.http import HttpRequest, JsonResponse
from django.urls import path

SECRET_KEY = "ceiling-benchmark-only-not-secret"  # noqa: S105 - serves two constant endpoints
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.http.ceiling"
INSTALLED_APPS: list[str] = []
# The middleware every real Django site keeps; none that touches the database or a session.
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"]
USE_TZ = True
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1/postgres"))}
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["OPTIONS"] = {
    "pool": {"min_size": 1, "max_size": int(os.environ.get("DANVAN_DB_POOL_SIZE", "5")), "timeout": 10}
}

TABLE = "bench_ceiling_hit"


def json_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "path": request.path})


def commit_view(request: HttpRequest) -> JsonResponse:
    from django.db import connection

    with connection.cursor() as cursor:  # autocommit: the INSERT is committed when execute returns
        cursor.execute(f"INSERT INTO {TABLE} (received_at, body) VALUES (now(), %s) RETURNING id", [request.path])  # noqa: S608 - constant table name
        (row_id,) = cursor.fetchone()
    return JsonResponse({"ok": True, "id": row_id})


urlpatterns = [path("json", json_view), path("commit", commit_view)]


def table_create() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id bigserial PRIMARY KEY, received_at timestamptz, body text)"
        )


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.http.ceiling")

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after the settings module is named

application = get_wsgi_application()
