"""The emulation hub (/van-hanh/thi-dua/): one menu entry for the whole capability, and a page listing
what each part lets this user do. A capability with five parts would otherwise add six or more entries
to a staff menu that is already several rows long at a desk.

Each part registers its links here (``navigation_parts``); a link shows to a user who may do its
``action`` somewhere, or passes its ``visible`` test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_LINKS: dict[str, HubLink] = {}


@dataclass(frozen=True)
class HubLink:
    key: str
    label: Any  # a lazy translation
    url_name: str
    description: Any
    order: int = 100
    action: str = ""
    visible: Callable[[Any], bool] | None = None


def register_hub_links(*links: HubLink) -> None:
    for link in links:
        _LINKS[link.key] = link


def hub_links_for(user: Any) -> list[HubLink]:
    """The links ``user`` may follow, in order (the roles are cached per request: no query per link)."""
    from danvan.org.permissions import user_may

    if not getattr(user, "is_authenticated", False):
        return []
    return [
        link
        for link in sorted(_LINKS.values(), key=lambda x: (x.order, x.key))
        if (not link.action or user_may(user, link.action)) and (link.visible is None or link.visible(user))
    ]
