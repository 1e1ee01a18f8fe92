"""What every capability's forms share."""

from __future__ import annotations

from typing import Any

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
