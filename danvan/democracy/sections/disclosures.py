"""The disclosures part's section of the commune's public page (see sections/__init__.py): "Đang công
khai", what the commune has published and still shows, with item, dates and channels (no staff names)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.democracy.sections import Section
from danvan.democracy.sections import register as add


def _context(commune: Any) -> dict[str, Any] | None:
    from danvan.democracy.selectors.disclosures import published_now

    return {"rows": published_now(commune.pk)}


def register() -> None:
    add(Section(key="disclosures", title=_("Being made public now"), order=10,
                template="democracy/disclosures/_section.html", context=_context))  # fmt: skip
