"""The commune's public page (dân biết at a glance) is made of sections, one per part: what is
published now, matters decided, the boards and their recommendations, the yearly conferences. Each
part registers its section in ``sections/<part>.py``; the page (``views.villages``) renders them in
order. A section shows no personal data: its context comes from the part's public selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    order: int
    template: str  # rendered with ``commune`` and ``data``
    context: Callable[[Any], dict[str, Any] | None]  # (commune) -> data, or None to leave it out


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    _SECTIONS[section.key] = section


def commune_sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def register_sections() -> None:
    from danvan.democracy.sections import boards, conferences, decisions, disclosures, voting

    for part in (disclosures, decisions, voting, boards, conferences):
        part.register()
