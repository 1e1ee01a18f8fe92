"""Grassroots democracy's demo (called by `danvan demo` after reception): two residential groups of a
Huế ward with households, a disclosure, a decision that fails 2/3 at a meeting then passes by ballot,
an online vote on an item-6 matter, a Ban TTND with a recommendation, a yearly conference. Each part
seeds its own rows in ``demo_<part>`` and returns the lines the command prints. Running it again
changes nothing."""

from __future__ import annotations


def demo_democracy_seed(addr: str) -> list[str]:
    from danvan.democracy import (
        demo_boards,
        demo_conferences,
        demo_decisions,
        demo_disclosures,
        demo_villages,
        demo_voting,
    )

    lines: list[str] = []
    lines += demo_villages.seed(addr)  # first: every other part needs the villages and households
    lines += demo_disclosures.seed(addr)
    lines += demo_decisions.seed(addr)
    lines += demo_voting.seed(addr)
    lines += demo_boards.seed(addr)
    lines += demo_conferences.seed(addr)  # last: it reports on the decided matters
    return lines
