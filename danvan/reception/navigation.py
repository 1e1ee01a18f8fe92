"""What reception contributes to the page shell: its menu entries and home-page cards."""

from __future__ import annotations


def register_navigation() -> None:
    pass
