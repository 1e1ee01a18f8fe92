"""The evaluation part's demo rows (see demo.py)."""

from __future__ import annotations


def seed(addr: str) -> list[str]:
    return []
