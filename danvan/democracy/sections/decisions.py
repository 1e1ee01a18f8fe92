"""The decisions part's section of the commune's public page (see sections/__init__.py): the matters
the community decided, passed or not, with their status and, for a village, its count over all households; every round's numbers on the
matter's page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.democracy.sections import Section
from danvan.democracy.sections import register as register_section


def _context(commune: Any) -> dict[str, Any] | None:
    from danvan.democracy.selectors.decisions import decided_summary

    rows = decided_summary(commune.pk)
    return {"rows": rows} if rows else None


def register() -> None:
    register_section(Section(key="decisions", title=_("Matters the community decided"), order=20,
                             template="democracy/decisions/_section.html", context=_context))  # fmt: skip
