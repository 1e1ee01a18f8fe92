"""A consultation's pages are made of blocks, one or more per part: the public page (``/gop-y/<code>/``,
drafts part) shows the draft with its sections and documents, then each part's public block (how to take
part, the opinion map's summary, the published answers); the staff page (``/van-hanh/gop-y/dot/<code>/``)
shows each part's staff block (moderation and keying in, the map's figures, the answers to give).

Each part registers its blocks in its own function of ``blocks_parts`` (called from ``apps.ready``); the
drafts part's views render them in order. A block whose
context function returns None is left out. Public blocks show no personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.functional import Promise


@dataclass(frozen=True)
class Block:
    key: str
    title: str | Promise
    order: int
    area: Literal["public", "staff"]
    template: str  # rendered with ``consultation``, ``data`` and ``request``
    context: Callable[[Any, Any], dict[str, Any] | None]  # (consultation, request) -> data, or None


_BLOCKS: dict[str, Block] = {}


def register(block: Block) -> None:
    _BLOCKS[block.key] = block


def blocks(area: Literal["public", "staff"]) -> list[Block]:
    return sorted((b for b in _BLOCKS.values() if b.area == area), key=lambda b: (b.order, b.key))


def render_context(area: Literal["public", "staff"], consultation: Any, request: Any) -> list[dict[str, Any]]:
    """The blocks to render on a page, each with its data (the ones with nothing to show left out)."""
    shown = []
    for block in blocks(area):
        data = block.context(consultation, request)
        if data is not None:
            shown.append({"block": block, "data": data})
    return shown
