"""The drafts part's section of the commune's public page: consultations open now, then summaries
published (titles, dates and counts only). Built by the drafts part."""

from __future__ import annotations


def register() -> None:
    pass
