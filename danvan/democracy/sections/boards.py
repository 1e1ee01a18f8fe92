"""The boards part's section of the commune's public page (see sections/__init__.py): the boards in
office with their members' names and roles (no contacts) and their recommendations' answer status."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.democracy.sections import Section
from danvan.democracy.sections import register as add


def _context(commune: Any) -> dict[str, Any] | None:
    from danvan.democracy.selectors import boards

    found = boards.public_boards(commune)
    return {"boards": found, "ttnd": boards.public_ttnd(commune)} if found else None


def register() -> None:
    add(Section(key="boards", title=_("People's boards"), order=40, template="democracy/boards/_section.html",
                context=_context))  # fmt: skip
