"""The one 429 page of the web: a client address that has used up its limit in the window
(``core.ratelimit``) gets the "too many requests" page with its Retry-After."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core import ratelimit


def limited(request: HttpRequest, scope: str, limit: int, window_seconds: int) -> HttpResponse | None:
    """A 429 page when this client address has used up ``limit`` in the window; else None."""
    client = request.META.get("REMOTE_ADDR") or "unknown"
    verdict = ratelimit.hit(scope, client, limit=limit, window_seconds=window_seconds)
    if verdict.allowed:
        return None
    response = render(request, "ui/too_many.html",
                      {"retry_after_minutes": max(1, -(-verdict.retry_after // 60))}, status=429)  # fmt: skip
    response["Retry-After"] = str(verdict.retry_after)
    return response
