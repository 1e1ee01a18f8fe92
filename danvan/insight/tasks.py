"""Insight's background work (Django Tasks, database backend in production). Each part adds its tasks at the
end under its own heading."""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue

log = logging.getLogger(__name__)

# --- route ---

ROUTE_RETRAIN_EVERY = dt.timedelta(days=7)
ROUTE_RETRAIN_HOUR = 2  # Sunday 02:00 Vietnam time: nobody is routing petitions


def _next_route_retrain_at(now: dt.datetime) -> dt.datetime:
    candidate = now.replace(hour=ROUTE_RETRAIN_HOUR, minute=0, second=0, microsecond=0)
    candidate += dt.timedelta(days=(6 - candidate.weekday()) % 7)
    return candidate if candidate > now else candidate + ROUTE_RETRAIN_EVERY


@task()
def route_retrain(reschedule: bool = True) -> dict[str, object]:
    """Retrain the routing model from the confirmed cases and the clerks' corrections, weekly; with
    ``reschedule`` the next week's run is queued first (``core.periodic``). Too few confirmed cases is not a
    failure: the run says how many are needed and the version in use stays."""
    from danvan.core.errors import DomainError
    from danvan.insight.services.route import route_train

    if reschedule:
        chain_continue(route_retrain, True, run_after=_next_route_retrain_at(clock.now()))
    try:
        version = route_train(note="weekly")
    except DomainError as exc:
        log.warning("routing model not retrained: %s", exc.message)
        return {"trained": False, **(exc.details or {})}
    log.info("routing model v%s trained from %s cases", version.number, version.training_size)
    return {"trained": True, "number": version.number, "training_size": version.training_size}
