"""A limit per client address only (``core.ratelimit``), with the one 429 page of the web
(``ui.limits.refusal``: Retry-After, the hotline and the counter). Limits that must tell a person from
an address (a petition, a private link) are rules of ``ui.limits`` instead."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from danvan.core import ratelimit
from danvan.ui.limits import refusal


def limited(request: HttpRequest, scope: str, limit: int, window_seconds: int) -> HttpResponse | None:
    """A 429 page when this client address has used up ``limit`` in the window; else None."""
    client = request.META.get("REMOTE_ADDR") or "unknown"
    verdict = ratelimit.hit(scope, client, limit=limit, window_seconds=window_seconds)
    if verdict.allowed:
        return None
    return refusal(request, verdict.retry_after)
