"""Who is calling: a partner's API key (``Authorization: Bearer dvs_…`` or ``X-API-Key``) or a staff
session; and the rate limits every endpoint applies, per client address and per key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _

from danvan.core import parsing, ratelimit
from danvan.core.middleware import note_request_via
from danvan.partners.choices import Scope
from danvan.partners.models import ApiKey
from danvan.partners.services import PartnerActor, api_key_authenticate

READ_LIMIT, WRITE_LIMIT = 120, 20  # per client address per minute


@dataclass(frozen=True)
class Budget:
    """An operation's own budget per client address, counted instead of the general read or write one
    (``principal(request, budget=…)``): for a read-only look-up sent as a POST that people make many times a
    minute (a citizen's pauses while typing), which must not eat the write budget an office shares behind one
    address. Its scope may be shared with a page that does the same look-up, so both doors count once."""

    scope: str
    limit: int
    window_seconds: int


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, details: dict[str, str] | None = None,
                 retry_after: int | None = None):  # fmt: skip
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details, self.retry_after = details or {}, retry_after


@dataclass(frozen=True)
class Principal:
    key: ApiKey | None
    user: Any  # the session user, or the staff account a key acts as (staff scopes), or None

    @property
    def actor(self) -> Any:
        return PartnerActor(self.key) if self.key is not None else self.user

    def may(self, scope: Scope) -> bool:
        return self.key is not None and self.key.has_scope(scope)


def _raw_key(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("X-API-Key", "").strip()


def _limit(scope: str, client: str, limit: int, window_seconds: int = 60) -> None:
    verdict = ratelimit.hit(scope, client, limit=limit, window_seconds=window_seconds)
    if not verdict.allowed:
        raise ApiError(429, "rate_limited", _("Too many requests. Please try again later."),
                       retry_after=verdict.retry_after)  # fmt: skip


def _refuse_nul(request: HttpRequest) -> None:
    # PostgreSQL cannot hold U+0000 in text, not even in a query's parameter: refuse it before any query.
    # (Bodies are checked by schemas.Input.)
    if parsing.holds_nul([request.path, *(value for _, values in request.GET.lists() for value in values)]):
        raise ApiError(422, "invalid", _("Please correct the marked fields."),
                       details={"request": _("The address contains a NUL character.")})  # fmt: skip


def principal(request: HttpRequest, *, write: bool = False, budget: Budget | None = None) -> Principal:
    """Rate-limit, then identify the caller. A bad key is refused (401), never treated as anonymous.

    Every call is counted per client address in the general budget (``write``: 20 a minute, else 120), or in
    the operation's own ``budget`` when it declares one (instead of the general one, never in addition);
    ``write`` still asks a session for its CSRF token. A key's own limit applies either way."""
    client = request.META.get("REMOTE_ADDR") or "unknown"
    if budget is not None:
        _limit(budget.scope, client, budget.limit, budget.window_seconds)
    else:
        _limit("api:write" if write else "api:read", client, WRITE_LIMIT if write else READ_LIMIT)
    _refuse_nul(request)
    raw = _raw_key(request)
    if raw:
        check = api_key_authenticate(raw)
        if check.api_key is None:
            raise ApiError(401, "invalid_api_key", _("The API key is not valid, has expired or was revoked."))
        key = check.api_key
        note_request_via(f"API key {key.prefix}")  # the audit log says a step came through this key
        # The same per-key scope as Open311: a partner's budget is one, whichever door it uses.
        _limit("partner-key", key.prefix, key.rate_limit_per_minute)
        staff = key.user if {Scope.STAFF_READ, Scope.STAFF_ACT} & set(key.scopes) else None
        return Principal(key, staff)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if write:
            # A session rides on a cookie: unsafe methods need the CSRF token, as on every page.
            refused = CsrfViewMiddleware(lambda r: None).process_view(request, lambda r: None, (), {})  # type: ignore[arg-type,return-value]
            if refused is not None:
                raise ApiError(403, "csrf_failed", _("CSRF check failed. Send the CSRF token with the session."))
        return Principal(None, user)
    return Principal(None, None)


def staff_actor(p: Principal) -> Any:
    """The account that takes a staff step: the session's, or the key's with staff_act."""
    if p.key is not None:
        if not p.may(Scope.STAFF_ACT) or p.user is None:
            raise ApiError(403, "scope_missing", _("This API key may not act on cases as staff."))
        return p.user
    if p.user is None:
        raise ApiError(401, "not_authenticated", _("Sign in or send an API key."))
    return p.user


def staff_user(p: Principal) -> Any:
    """The account whose permissions a staff read uses: the session's, or the key's with staff_read."""
    if p.key is not None:
        if not p.may(Scope.STAFF_READ) or p.user is None:
            raise ApiError(403, "scope_missing", _("This API key may not read cases as staff."))
        return p.user
    if p.user is None:
        raise ApiError(401, "not_authenticated", _("Sign in or send an API key."))
    return p.user
