"""Reads of citizens' sign-in: the contacts an account has proved it holds."""

from __future__ import annotations

from typing import Any

from danvan.citizens.contacts import Contact
from danvan.citizens.models import VerifiedContact


def verified_contacts(*, user: Any) -> list[Contact]:
    """The phones and emails ``user`` has proved (none for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = VerifiedContact.objects.filter(user_id=user.pk).order_by("kind", "value").values_list("kind", "value")
    return [Contact(kind, value) for kind, value in rows]
