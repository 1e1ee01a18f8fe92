"""The decisions part's morning sweep (run by tasks.democracy_sweep): records not sent by their due day
and recognitions overdue, each told once to the body that owes it (``services.decisions.decisions_sweep``)."""

from __future__ import annotations

import datetime as dt

from danvan.democracy.services.decisions import decisions_sweep


def sweep(today: dt.date) -> dict[str, int]:
    return decisions_sweep(today=today)
