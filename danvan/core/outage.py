"""While the database is away: 503 in each interface's own format, never the HTML 500.

PostgreSQL restarting, a connection killed, or every pooled connection busy for longer than the pool
timeout (``DANVAN_DB_POOL_TIMEOUT``) raise ``OperationalError`` / ``InterfaceError`` /
``psycopg_pool.PoolTimeout``. The client did nothing wrong and can try again in a moment, so the
answer is ``503 Service Unavailable`` with ``Retry-After``:

- the REST API answers its error shape (``schemas.Error``) with the code ``unavailable``
  (``api.api`` registers a handler; ``outage_response`` there is the fallback);
- Open311 answers its error list, in JSON or XML by the extension (``open311.views``);
- web pages answer a short Vietnamese page that needs no database (``ui/503.html``).

Interfaces register their renderer in ``OUTAGE_RENDERERS`` (by path prefix, dotted path, imported
when needed: the core knows no interface). ``DatabaseUnavailableMiddleware`` answers for errors
raised by views; ``server_error`` (``handler500``) for those raised elsewhere in the request (a
middleware reading the session).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.module_loading import import_string
from django.views import defaults

log = logging.getLogger("danvan.outage")

RETRY_AFTER = 30  # seconds: a PostgreSQL restart or a fail-over takes about that

# Path prefix → dotted path of ``(request) -> HttpResponse`` answering 503 in that interface's format.
OUTAGE_RENDERERS = {
    "/api/": "danvan.api.api.outage_response",
    "/open311/": "danvan.open311.views.outage_response",
}


def database_errors() -> tuple[type[BaseException], ...]:
    """Errors that mean "the database is away", not "this request is wrong"."""
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        from psycopg_pool import PoolTimeout

        errors.append(PoolTimeout)
    except ImportError:  # pragma: no cover - psycopg_pool comes with PostgreSQL support
        pass
    return tuple(errors)


def is_database_away(exc: BaseException | None) -> bool:
    return exc is not None and isinstance(exc, database_errors())


def page_response(request: HttpRequest) -> HttpResponse:
    """The web page: rendered without the request's context processors (they would query the database)."""
    response = HttpResponse(loader.render_to_string("ui/503.html"), status=503,
                            content_type="text/html; charset=utf-8")  # fmt: skip
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def outage_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    log.warning("database unavailable for %s %s: %s: %s", request.method, request.path, type(exc).__name__,
                str(exc).strip()[:200])  # fmt: skip
    for prefix, path in OUTAGE_RENDERERS.items():
        if request.path.startswith(prefix):
            renderer: Callable[[HttpRequest], HttpResponse] = import_string(path)
            return renderer(request)
    return page_response(request)


class DatabaseUnavailableMiddleware:
    """Last in ``MIDDLEWARE``: a view that hit the database going away answers 503, not 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        return outage_response(request, exc) if is_database_away(exc) else None


def server_error(request: HttpRequest, template_name: str = defaults.ERROR_500_TEMPLATE_NAME) -> HttpResponse:
    """``handler500``: a database outage raised outside a view is a 503 too; anything else Django's 500."""
    exc = sys.exc_info()[1]
    if is_database_away(exc):
        assert exc is not None
        return outage_response(request, exc)
    return defaults.server_error(request, template_name)
