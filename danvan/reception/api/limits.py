"""The web's fair limits (``danvan/ui/limits.py``, ``docs/limits.md``) in reception's public REST
endpoints: the same named rules, counted the same way (per address, per contact, and — the API having no
device cookie — every caller without one counted together per address under the rule's "without a
cookie" limit), refused in the REST error shape (429 ``rate_limited`` with ``Retry-After``) instead of
the 429 page. The generic per-address throttle of ``rest.auth.principal`` still applies on top.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from danvan.rest.auth import ApiError
from danvan.ui import limits


def _raise(refused: HttpResponse | None) -> None:
    if refused is not None:
        raise ApiError(429, "rate_limited", _("Too many requests. Please try again later."),
                       retry_after=int(refused.get("Retry-After") or 60))  # fmt: skip


def attempt(request: HttpRequest, rule: str) -> None:
    """Count one attempt against the rule's every-attempt ceiling per address (429 once passed)."""
    _raise(limits.attempt(request, rule))


def admit(request: HttpRequest, rule: str, *, contact: Iterable[str] = ()) -> None:
    """429 when one more success would pass a limit of ``rule``; counts nothing (``record`` after)."""
    _raise(limits.admit(request, rule, contact=contact))


def record(request: HttpRequest, rule: str, *, contact: Iterable[str] = ()) -> None:
    """Count one success of ``rule``."""
    limits.record(request, rule, contact=contact)


def hit(request: HttpRequest, rule: str) -> None:
    """Count one attempt on every counter of ``rule`` (429 once one is passed)."""
    _raise(limits.hit(request, rule))
