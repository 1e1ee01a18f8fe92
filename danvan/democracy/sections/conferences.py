"""The conferences part's section of the commune's public page (see sections/__init__.py): each
village's latest yearly conference (Art. 33) — its date, attendance over all households and the decided
items' execution; no names but the chair's title (``selectors.conferences.latest_per_village``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.democracy.sections import Section
from danvan.democracy.sections import register as register_section


def _context(commune: Any) -> dict[str, Any] | None:
    from danvan.democracy.selectors.conferences import latest_per_village

    rows = latest_per_village(commune.pk)
    return {"rows": rows} if rows else None


def register() -> None:
    register_section(Section(key="conferences", title=_("Yearly community conferences"), order=50,
                             template="democracy/conferences/_section.html", context=_context))  # fmt: skip
