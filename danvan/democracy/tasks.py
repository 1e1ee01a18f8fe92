"""Grassroots democracy's background work (Django Tasks, durable database backend).

``democracy_sweep``: every morning, each part's sweep runs (``sweeps/<part>.py``: postings about to end
too early, disclosures and decision records due, recognitions due, recommendations overdue and
escalated, online votes closing). It queues its own next run first (``core.periodic``); ``danvan
democracy-schedule`` starts the chain.
"""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue, sweep_parts

SWEEP_HOUR = 7  # 07:00 Vietnam time, before the working day starts


def next_sweep_at(now: dt.datetime) -> dt.datetime:
    candidate = now.replace(hour=SWEEP_HOUR, minute=5, second=0, microsecond=0)
    return candidate if candidate > now else candidate + dt.timedelta(days=1)


@task()
def democracy_sweep(reschedule: bool = True) -> dict[str, int]:
    """The morning sweep of every part; one part's failure is logged and the others still run."""
    from danvan.democracy.sweeps import PARTS

    if reschedule:
        chain_continue(democracy_sweep, True, run_after=next_sweep_at(clock.now()))
    return sweep_parts("democracy", PARTS, clock.today())
