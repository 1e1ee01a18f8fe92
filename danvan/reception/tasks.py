"""Reception's background work (Django Tasks, durable database backend).

``reception_sweep``: every morning, each part's sweep runs (``sweeps/<part>.py``: reminders of
sessions and bookings, the 10-working-day answer clock, tasks of notices and dialogue commitments
reminded and escalated). It queues its own next run first (``core.periodic``); ``danvan
reception_schedule`` starts the chain.
"""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue, sweep_parts

SWEEP_HOUR = 7  # 07:00 Vietnam time, before the working day starts


def next_sweep_at(now: dt.datetime) -> dt.datetime:
    candidate = now.replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
    return candidate if candidate > now else candidate + dt.timedelta(days=1)


@task()
def reception_sweep(reschedule: bool = True) -> dict[str, int]:
    """The morning sweep of every part; one part's failure is logged and the others still run."""
    from danvan.reception.sweeps import PARTS

    if reschedule:
        chain_continue(reception_sweep, True, run_after=next_sweep_at(clock.now()))
    return sweep_parts("reception", PARTS, clock.today())
