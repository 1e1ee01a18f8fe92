"""The commitments part's background work (Django Tasks): the morning reminder sweep, a chain of runs each
queuing the next (``core.periodic``); ``danvan emulation_commitments_remind --schedule`` starts it."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue

SWEEP_HOUR = 7  # 07:00 Vietnam time, before the working day


def next_sweep_at(now: dt.datetime) -> dt.datetime:
    candidate = now.replace(hour=SWEEP_HOUR, minute=20, second=0, microsecond=0)
    return candidate if candidate > now else candidate + dt.timedelta(days=1)


@task()
def commitments_remind(reschedule: bool = True) -> dict[str, int]:
    """Remind the cadres with no commitment (or no review) of the open window, once each."""
    from danvan.emulation.services.commitments import commitments_remind_sweep

    if reschedule:
        chain_continue(commitments_remind, True, run_after=next_sweep_at(clock.now()))
    return commitments_remind_sweep(today=clock.today())
