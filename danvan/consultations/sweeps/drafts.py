"""Consultations: the drafts part's morning sweep (run by tasks.consultations_sweep): open the scheduled
consultations whose first day has come, close those whose last day has passed (``services.drafts``)."""

from __future__ import annotations

import datetime as dt


def sweep(today: dt.date) -> dict[str, int]:
    from danvan.consultations.services.drafts import sweep_open_and_close

    return sweep_open_and_close(today)
