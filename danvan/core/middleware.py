"""Carries the request id and client address to the audit log without threading them through
every service signature."""

from __future__ import annotations

import contextvars
import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None
    via: str = ""  # how the actor came in when it is not a person at a screen, e.g. "API key dv_ab12"


_context: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "danvan_request_context",
    default=RequestContext(),  # noqa: B039 (frozen dataclass: immutable)
)


def current_request_context() -> RequestContext:
    return _context.get()


def note_request_via(via: str) -> None:
    """Record, for the rest of this request, that the actor acts through ``via`` (an API key)."""
    _context.set(dataclasses.replace(_context.get(), via=via))


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


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose English with the switcher (the language cookie).

    Django's own middleware follows the browser's Accept-Language, and many phones and office PCs in
    Vietnam send "en-US": the product language must not depend on how a device was set up. The
    partner APIs are the exception: their clients set Accept-Language on purpose.
    """

    # Machine clients of the partner APIs say which language they want in Accept-Language.
    API_PREFIXES = ("/api/", "/open311/")

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if request.path.startswith(self.API_PREFIXES):
            chosen = translation.get_language_from_request(request)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
