"""Background work of the surveys app (Django Tasks, database backend in production)."""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue

log = logging.getLogger(__name__)
REFRESH_EVERY = dt.timedelta(hours=1)


@task()
def snapshots_refresh_for(template_id: int, organization_id: int | None, unit_id: int | None, day: str) -> int:
    from danvan.surveys.models import SurveyTemplate
    from danvan.surveys.services.snapshots import snapshots_refresh_for_response

    template = SurveyTemplate.objects.select_related("methodology").get(pk=template_id)
    return snapshots_refresh_for_response(template, organization_id, unit_id, dt.date.fromisoformat(day))


@task()
def snapshots_refresh_recent(reschedule: bool = True) -> dict[str, int]:
    """Every scope of this year and last (services, places, bodies). With ``reschedule``, the run an
    hour from now is queued first, so a failing run (logged and raised) does not end the hourly chain
    (``core.periodic``)."""
    from danvan.surveys.services.snapshots import snapshots_refresh_all

    if reschedule:
        chain_continue(snapshots_refresh_recent, True, run_after=clock.now() + REFRESH_EVERY)
    today = clock.today()
    try:
        result = snapshots_refresh_all(first=dt.date(today.year - 1, 1, 1), last=today)
    except Exception:
        log.exception("satisfaction snapshots refresh failed; the next run is queued")
        raise
    log.info("satisfaction snapshots refreshed: %s", result)
    return result
