"""Consultations' sections on the commune's public page (grassroots democracy's registry,
``danvan.democracy.sections``): the commune's consultations open now and the published summaries."""

from __future__ import annotations


def register_sections() -> None:
    from danvan.consultations.sections import drafts

    drafts.register()
