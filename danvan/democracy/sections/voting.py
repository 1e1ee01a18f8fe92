"""The voting part's section of the commune's public page (see sections/__init__.py): the commune's
online votes — those asking households' consent or open for votes first (linked to the voting page),
then the latest counted with their results page. Titles, villages and dates only."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.democracy.sections import Section
from danvan.democracy.sections import register as register_section


def _context(commune: Any) -> dict[str, Any] | None:
    from danvan.democracy.selectors.voting import public_rounds

    rounds = public_rounds(commune.pk)
    return {"rounds": rounds} if rounds else None


def register() -> None:
    register_section(Section(key="voting", title=_("Online votes"), order=25,
                             template="democracy/voting/_section.html", context=_context))  # fmt: skip
