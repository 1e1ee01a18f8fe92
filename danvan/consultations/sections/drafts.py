"""The drafts part's section of the commune's public page: consultations open now, then summaries
published (titles, dates and counts only). Built by the drafts part."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.democracy.sections import Section
from danvan.democracy.sections import register as add


def _context(commune: Any) -> dict[str, Any] | None:
    from danvan.consultations.selectors.drafts import commune_section

    data = commune_section(commune.pk)
    return data if data["open"] or data["published"] else None


def register() -> None:
    add(Section(key="consultations", title=_("Comment on drafts"), order=15,
                template="consultations/drafts/_section.html", context=_context))  # fmt: skip
