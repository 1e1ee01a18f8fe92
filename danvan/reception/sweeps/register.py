"""The register part's morning sweep (called by tasks.reception_sweep)."""

from __future__ import annotations

import datetime as dt


def sweep(today: dt.date) -> dict[str, int]:
    """What the register part does each morning; the counts it returns are logged."""
    return {}
