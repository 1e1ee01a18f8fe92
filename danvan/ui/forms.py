"""What every capability's forms share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from danvan.core.errors import DomainError


class RefusalMixin:
    """Show a service's refusal (a ``DomainError``) on the fields it names, else above the form.

    Services name fields in ``details`` either as ``{"field": name}`` or as ``{name: message, …}``; with
    several fields named each gets its own message, with one the refusal's message (which names the
    rule) is shown on it."""

    def refused(self, exc: DomainError) -> None:
        form: Any = self
        details = exc.details or {}
        named = {details["field"]: ""} if isinstance(details.get("field"), str) else dict(details)
        placed = False
        for name, message in named.items():
            if name in form.fields:
                own = str(message) if len(named) > 1 and isinstance(message, str) and message else ""
                form.add_error(name, own or str(exc.message))
                placed = True
        if not placed:
            form.add_error(None, str(exc.message))


@dataclass(frozen=True)
class Saved:
    """What ``save_posted``'s service returned (a service may return None: saved all the same)."""

    result: Any


def show_refusal(form: Any, exc: DomainError) -> None:
    """A service's refusal on the form: on the fields it names (``RefusalMixin``), else above the form."""
    if isinstance(form, RefusalMixin):
        form.refused(exc)
    else:
        form.add_error(None, str(exc.message))


def save_posted(request: HttpRequest, form: Any, save: Callable[[], Any], *extra: Any) -> Saved | None:
    """A page's one way to save a posted form: when the request is a POST and ``form`` (and every ``extra``
    form, a formset) is valid, call ``save`` (the service) and answer ``Saved``; None when nothing was
    posted, a form is invalid (every form shows its errors) or the service refused (its message is then
    on the form: nothing stored, the page is shown again with ``form_status``)."""
    if request.method != "POST" or not all([x.is_valid() for x in (form, *extra)]):
        return None
    try:
        return Saved(save())
    except DomainError as exc:
        show_refusal(form, exc)
        return None


def form_status(*forms: Any) -> int:
    """400 when a posted form came back with errors (so clients and tests see the refusal), else 200."""
    return 400 if any(f is not None and f.is_bound and f.errors for f in forms) else 200
