"""Consultations' background work (Django Tasks, durable database backend).

``consultations_sweep``: every morning, each part's sweep runs (``sweeps/<part>.py``). It queues its own
next run first (``core.periodic``); ``danvan consultations-schedule`` starts the chain. The maps part
adds its own task to recompute a consultation's map soon after votes arrive.
"""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue, sweep_parts

SWEEP_HOUR = 7  # 07:10 Vietnam time, after grassroots democracy's sweep


def next_sweep_at(now: dt.datetime) -> dt.datetime:
    candidate = now.replace(hour=SWEEP_HOUR, minute=10, second=0, microsecond=0)
    return candidate if candidate > now else candidate + dt.timedelta(days=1)


@task()
def consultations_sweep(reschedule: bool = True) -> dict[str, int]:
    """The morning sweep of every part; one part's failure is logged and the others still run."""
    from danvan.consultations.sweeps import PARTS

    if reschedule:
        chain_continue(consultations_sweep, True, run_after=next_sweep_at(clock.now()))
    return sweep_parts("consultations", PARTS, clock.today())
