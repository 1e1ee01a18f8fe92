"""The conclusions part's morning sweep (called by tasks.reception_sweep): tasks of the heads' notices
reminded before their due date and escalated once overdue (``services.conclusions.conclusion_tasks_sweep``)."""

from __future__ import annotations

import datetime as dt

from danvan.reception.services.conclusions import conclusion_tasks_sweep


def sweep(today: dt.date) -> dict[str, int]:
    """What the conclusions part does each morning; the counts it returns are logged."""
    return conclusion_tasks_sweep(today=today)
