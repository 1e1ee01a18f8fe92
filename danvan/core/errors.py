"""Errors that services raise and interfaces turn into messages.

A ``DomainError`` carries a machine code and a human message that is already marked for
translation, so the web, the REST API and the CLI all say the same thing in the user's language.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A request that the rules refuse; nothing has been changed when it is raised."""

    code = "invalid"

    def __init__(self, message: Any, *, code: str | None = None, details: dict[str, Any] | None = None):
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        self.details = details or {}


class NotFound(DomainError):
    """The object does not exist, or the user may not know that it exists (the same answer)."""

    code = "not_found"


class PermissionDenied(DomainError):
    """The user is known to see the object but may not perform this action on it."""

    code = "forbidden"
