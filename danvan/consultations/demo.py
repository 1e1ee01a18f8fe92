"""Consultations' demo (called by `danvan demo` after grassroots democracy): a ward's draft plan for a
market relocation in Phường Phú Xuân (Huế), 300 synthetic participants whose votes form visible groups,
comments from the platform and from a meeting, answers and a published summary. Running it again
changes nothing."""

from __future__ import annotations


def demo_consultations_seed(addr: str) -> list[str]:
    from danvan.consultations import demo_answers, demo_drafts, demo_maps, demo_participation

    lines: list[str] = []
    lines += demo_drafts.seed(addr)  # the drafts first: the other parts' rows hang on them
    lines += demo_participation.seed(addr)  # 300 participants, statements, votes, comments
    lines += demo_maps.seed(addr)  # the maps of the votes just made
    lines += demo_answers.seed(addr)  # last: the closed consultation's comments answered, its summary published
    return lines
