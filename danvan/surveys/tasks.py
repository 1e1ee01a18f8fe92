"""Background work of the surveys app (Django Tasks, database backend in production)."""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task

from danvan.core import clock
from danvan.core.outbox import enqueue_atomically

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
    """Every scope of this year and last (services, places, bodies); reschedules itself hourly."""
    from danvan.surveys.services.snapshots import snapshots_refresh_all

    today = clock.today()
    result = snapshots_refresh_all(first=dt.date(today.year - 1, 1, 1), last=today)
    if reschedule:
        run_at = clock.now() + REFRESH_EVERY
        enqueue_atomically(snapshots_refresh_recent.using(run_after=run_at), True)
    log.info("satisfaction snapshots refreshed: %s", result)
    return result
