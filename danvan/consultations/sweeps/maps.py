"""Consultations: the maps part's morning sweep (run by tasks.consultations_sweep)."""

from __future__ import annotations

import datetime as dt


def sweep(today: dt.date) -> dict[str, int]:
    return {}
