"""What emulation contributes to the page shell: menu entries and home-page cards, one function per part
in ``navigation_parts``."""

from __future__ import annotations


def register_navigation() -> None:
    from danvan.emulation import navigation_parts

    for part in navigation_parts.PARTS:
        part()
