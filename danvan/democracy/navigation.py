"""What grassroots democracy contributes to the page shell: its menu entries and home-page cards.
Each part adds its entries in its own block below."""

from __future__ import annotations


def register_navigation() -> None:
    from danvan.democracy import navigation_parts

    for part in navigation_parts.PARTS:
        part()
