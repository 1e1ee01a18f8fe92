"""The opinion maps' refresh (Django Tasks, durable database backend): a chain of runs one minute apart.

``maps_refresh`` queues its next run first (``core.periodic.chain_continue``: one run waiting, never two),
then recomputes the map of every open consultation whose votes changed since its latest map
(``services.maps.recompute`` skips the others at the cost of two small queries). Started by ``danvan
consultations-schedule`` and by the demo; ``sweeps.maps`` gives a closed consultation its final map.
Kept apart from ``tasks`` so that the morning sweep's module stays the drafts part's.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue

log = logging.getLogger(__name__)

REFRESH_SECONDS = 60


def next_refresh_at(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(seconds=REFRESH_SECONDS)


@task()
def maps_refresh(reschedule: bool = True) -> dict[str, int]:
    """Recompute the maps of open consultations whose votes changed; one consultation's failure is logged
    and the others still run (the run then fails, naming how many, so the task row shows it)."""
    from danvan.consultations.selectors import maps as selectors
    from danvan.consultations.services import maps as services

    if reschedule:
        chain_continue(maps_refresh, True, run_after=next_refresh_at(clock.now()))
    done = {"checked": 0, "recomputed": 0, "failed": 0}
    for consultation in selectors.consultations_to_refresh():
        done["checked"] += 1
        try:
            if services.recompute(consultation) is not None:
                done["recomputed"] += 1
        except Exception:
            log.exception("opinion map of %s failed", consultation.code)
            done["failed"] += 1
    if done["failed"]:
        raise RuntimeError(f"maps_refresh: {done['failed']} consultation(s) failed")
    return done
