"""The rate limits of the public pages, in one place: who is counted, how much, and what a refused
person is told.

A commune office, a school or a whole mobile network (carrier-grade NAT) can reach us from one
address, so an address is a poor stand-in for a person. Each rule (``settings.DANVAN_RATE_LIMITS``,
documented in ``docs/limits.md``) therefore counts, in a fixed window:

* ``per_device``: one browser, known by a long-lived, signed, random cookie (``DEVICE_COOKIE``) that
  holds nothing about the person. Requests without a valid cookie share one count per address
  (``without_cookie``, by default the per-device limit), so dropping the cookie gains nothing, while
  the first visits of many people behind one address (a private link opened from an email) still pass;
* ``per_contact``: the phone number or email a petition gives (hashed in the cache key), wherever it
  is sent from;
* ``per_address``: a much higher ceiling per client address, against a flood from one machine (0 only for
  a rule that counts contacts alone, e.g. a second, longer window per contact);
* ``attempts_per_address`` (optional): every attempt, stored or not, per address, for rules that count
  only successes — so a stream of invalid forms is still bounded, far above what an office sends.

Rules that count successes only (a stored petition) use ``admit`` before the work (nothing counted)
and ``record`` after it; rules where every attempt counts (a secret guessed at) use ``hit``. A refusal
is the 429 page with Retry-After and a way forward that does not need the web: the hotline and the
reception counter (``settings.DANVAN_HELP_DESK``, or the body a caller names).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core import clock, contacts, ratelimit
from danvan.core.tokens import derived_token

DEVICE_COOKIE = "danvan_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600
_SALT = "danvan.ui.limits.device"


@dataclass(frozen=True)
class Rule:
    """One named limit; a count of 0 means "not counted that way"."""

    name: str
    window_seconds: int
    per_address: int
    per_device: int = 0
    per_contact: int = 0
    attempts_per_address: int = 0
    without_cookie: int = 0  # requests without a device cookie, together per address (default: per_device)


def rule(name: str) -> Rule:
    """The rule ``name`` as the settings hold it now (so a test's ``override_settings`` applies)."""
    fields = settings.DANVAN_RATE_LIMITS[name]
    return Rule(name=name, **fields)


# The device ------------------------------------------------------------------------------------------


def _device(request: HttpRequest) -> str:
    """The device id of a valid signed cookie, or "" (none, forged or damaged)."""
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    if not raw:
        return ""
    try:
        return str(signing.Signer(salt=_SALT).unsign(raw))
    except signing.BadSignature:
        return ""


def with_device_cookie(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Give the browser its device cookie on the pages whose limits count per device (and only there:
    a cookie on every page would make every anonymous page uncacheable)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if not _device(request) and DEVICE_COOKIE not in response.cookies:  # the view may have set it itself
            device_cookie_set(request, response, device_new())
        return response

    return wrapped


def device_of(request: HttpRequest) -> str:
    """This browser's id from its signed device cookie, or "" (none, forged or damaged)."""
    return _device(request)


def device_new() -> str:
    """A fresh device id, for a browser that has none (set it with ``device_cookie_set``): random, with
    its issue time (hex seconds) after a dot — signed with it, so the time cannot be moved back."""
    return f"{secrets.token_urlsafe(18)}.{int(clock.now().timestamp()):x}"


def device_settled(device: str) -> bool:
    """True when ``device`` (an id from a valid signature) was issued at least
    ``settings.DANVAN_DEVICE_MIN_AGE_SECONDS`` ago: a view is taken only from a device issued by an
    earlier answer, so a script cannot mint a device and use it in the same breath. Ids issued before
    the issue time was signed in count as old."""
    if not device:
        return False
    _random, dot, issued = device.rpartition(".")
    if not dot:
        return True
    try:
        age = clock.now().timestamp() - int(issued, 16)
    except ValueError:
        return False
    return age >= getattr(settings, "DANVAN_DEVICE_MIN_AGE_SECONDS", 1)


def device_taken(device: str) -> tuple[str, bool]:
    """``(device, False)`` when a view may be taken from ``device`` (``device_settled``); ``("", True)`` when a
    valid one was issued too recently (the person is told to wait a second, not to allow cookies); ``("",
    False)`` without one."""
    if device_settled(device):
        return device, False
    return "", bool(device)


def device_signed(device: str) -> str:
    """The signed form of a device id, as the cookie holds it: what a REST client without cookies sends
    back in a header (``consultations.api.participation``)."""
    return signing.Signer(salt=_SALT).sign(device)


def device_unsigned(raw: str) -> str:
    """The device id of a signed value (a cookie's or a header's), or "" when forged or damaged."""
    try:
        return str(signing.Signer(salt=_SALT).unsign(raw)) if raw else ""
    except signing.BadSignature:
        return ""


def device_cookie_set(request: HttpRequest, response: HttpResponse, device: str) -> None:
    """Give the browser ``device`` as its one device cookie (signed, HttpOnly, no personal data)."""
    response.set_cookie(DEVICE_COOKIE, signing.Signer(salt=_SALT).sign(device), max_age=DEVICE_COOKIE_AGE,
                        httponly=True, secure=request.is_secure(), samesite="Lax")  # fmt: skip


# Who is counted ----------------------------------------------------------------------------------------


def _address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _contact_keys(values: Iterable[str]) -> list[str]:
    keys = []
    for value in values:
        value = (value or "").strip()
        if not value:
            continue
        phone = contacts.phone_e164(value) if "@" not in value else ""
        # Keyed: the cache must not tell who sent a petition (a tố cáo's sender above all) to anyone who
        # can read it and try every phone number against a plain hash.
        keys.append(derived_token("rate-limit-contact", phone or value.casefold()))
    return sorted(set(keys))


def _counters(request: HttpRequest, limit: Rule, contact_values: Iterable[str]) -> list[tuple[str, str, int]]:
    """(scope, client, limit) of every counter this request falls under."""
    address = _address(request)
    counters = [(f"{limit.name}:address", address, limit.per_address)] if limit.per_address else []
    if limit.per_device:
        device = _device(request)
        if device:
            counters.append((f"{limit.name}:device", device, limit.per_device))
        else:
            counters.append((f"{limit.name}:no-cookie", address, limit.without_cookie or limit.per_device))
    if limit.per_contact:
        counters += [(f"{limit.name}:contact", key, limit.per_contact) for key in _contact_keys(contact_values)]
    return counters


# Checking and counting -------------------------------------------------------------------------------


def admit(request: HttpRequest, name: str, *, contact: Iterable[str] = (), body: Any = None) -> HttpResponse | None:
    """The 429 page when one more success would pass a limit of rule ``name``; else None. Counts
    nothing: call ``record`` once the work succeeded."""
    limit = rule(name)
    for scope, client, allowed in _counters(request, limit, contact):
        verdict = ratelimit.peek(scope, client, limit=allowed, window_seconds=limit.window_seconds)
        if not verdict.allowed:
            return refusal(request, verdict.retry_after, body=body)
    return None


def record(request: HttpRequest, name: str, *, contact: Iterable[str] = ()) -> None:
    """Count one success of rule ``name`` (after ``admit`` let it through)."""
    limit = rule(name)
    for scope, client, _allowed in _counters(request, limit, contact):
        ratelimit.count(scope, client, window_seconds=limit.window_seconds)


def attempt(request: HttpRequest, name: str, *, body: Any = None) -> HttpResponse | None:
    """Count one attempt against the rule's ``attempts_per_address`` flood guard (if it has one)."""
    limit = rule(name)
    if not limit.attempts_per_address:
        return None
    verdict = ratelimit.hit(f"{name}:attempts", _address(request), limit=limit.attempts_per_address,
                            window_seconds=limit.window_seconds)  # fmt: skip
    return None if verdict.allowed else refusal(request, verdict.retry_after, body=body)


def hit(request: HttpRequest, name: str, *, contact: Iterable[str] = (), body: Any = None) -> HttpResponse | None:
    """Count one attempt on every counter of rule ``name`` (and of ``contact``, the phone or email a secret
    is tried for); the 429 page once one is passed, else None."""
    limit = rule(name)
    refused_after = 0
    for scope, client, allowed in _counters(request, limit, contact):
        verdict = ratelimit.hit(scope, client, limit=allowed, window_seconds=limit.window_seconds)
        if not verdict.allowed:
            refused_after = max(refused_after, verdict.retry_after)
    return refusal(request, refused_after, body=body) if refused_after else None


# What a refused person reads ----------------------------------------------------------------------------


def help_desk(body: Any = None) -> dict[str, str]:
    """Where to go instead: the body's own phone and address when a caller names the body concerned (an
    ``org`` Organization or anything with ``name``, ``phone`` and ``address``), else the site's help desk
    (``settings.DANVAN_HELP_DESK``)."""
    desk = {key: str(value or "") for key, value in settings.DANVAN_HELP_DESK.items()}
    phone, address = (str(getattr(body, field, None) or "") for field in ("phone", "address"))
    if phone or address:
        desk.update(name=str(body.name), hotline=phone or desk.get("hotline", ""), counter=address)
    return desk


def refusal(request: HttpRequest, retry_after: int, *, body: Any = None) -> HttpResponse:
    """The one 429 page: when to try again, and the hotline and the counter meanwhile."""
    context = {"retry_after_minutes": max(1, -(-retry_after // 60)), "desk": help_desk(body)}
    response = render(request, "ui/too_many.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
