"""Carries the request id and client address to the audit log without threading them through
every service signature; refuses form bodies in a charset other than UTF-8; sets the headers every
response carries (Permissions-Policy) and keeps what a signed-in person, a key or a secret link
sees out of every cache."""

from __future__ import annotations

import contextvars
import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers


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


# Form bodies our pages send are UTF-8 (every page is). Django itself refuses a urlencoded body in
# another charset, but decodes the fields of a multipart body in whatever it declares: "utf-16" gives
# garbage, "rot13", "base64" or "zlib" (byte codecs Python knows) a server error. Refused alike here.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
FORM_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii"}


class FormCharsetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.content_type in FORM_TYPES:
            charset = (request.content_params or {}).get("charset", "utf-8").strip().lower()
            if charset not in FORM_CHARSETS:
                # Answered by the 400 handler (config.urls), which must not read the body again.
                raise BadRequest("Form bodies must be UTF-8.")
        return self.get_response(request)


# Powerful browser features no page of ours uses are off for us and for anything we might embed.
# geolocation is kept for our own origin: the citizen's form may offer "use my location" (a first-party
# script, as the CSP allows no other); the browser still asks the person first.
PERMISSIONS_POLICY = ", ".join([
    "accelerometer=()", "autoplay=()", "bluetooth=()", "browsing-topics=()", "camera=()", "display-capture=()",
    "geolocation=(self)", "gyroscope=()", "hid=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()",
    "serial=()", "usb=()", "xr-spatial-tracking=()",
])  # fmt: skip
# Query parameters that carry a secret: the private and rating links (k), the look-up form's secret, the
# REST look-up's token, an Open311 api_key.
SECRET_PARAMETERS = ("k", "secret", "token", "api_key")


def carries_credentials(request: HttpRequest) -> bool:
    """The response depends on who asks: a signed-in session, an API key, or a secret link."""
    if request.headers.get("Authorization") or request.headers.get("X-API-Key"):
        return True
    if any(name in request.GET for name in SECRET_PARAMETERS):
        return True
    # Only look at the session when there is one: reading it marks anonymous pages "Vary: Cookie".
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
    return False


class ResponseHeadersMiddleware:
    """Permissions-Policy on every response; ``Cache-Control: no-store`` (Django's ``never_cache``
    headers) on every response to a signed-in person, an API key or a secret link, whatever the view
    forgot: a shared or browser cache must never keep a staff page, a case or an API answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "no-store" not in response.get("Cache-Control", "") and carries_credentials(request):
            add_never_cache_headers(response)
        return response
