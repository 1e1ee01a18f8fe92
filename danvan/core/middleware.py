"""Carries the request id and client address to the audit log without threading them through
every service signature."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None


_context: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "danvan_request_context",
    default=RequestContext(),  # noqa: B039 (frozen dataclass: immutable)
)


def current_request_context() -> RequestContext:
    return _context.get()


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # REMOTE_ADDR is the reverse proxy's job to set right (see docs/deployment in README).
        context = RequestContext(request_id=uuid.uuid4().hex, ip_address=request.META.get("REMOTE_ADDR") or None)
        token = _context.set(context)
        try:
            response = self.get_response(request)
        finally:
            _context.reset(token)
        response["X-Request-ID"] = context.request_id
        return response
