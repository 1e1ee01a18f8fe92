"""Insight's background work (Django Tasks, database backend in production). Each part adds its tasks in a
block headed with its name."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue

log = logging.getLogger(__name__)


# --- topics ---
TOPICS_EVERY = dt.timedelta(days=7)
TOPICS_PERIOD_DAYS = 28  # each weekly run: the last four weeks, against the four weeks before


@task()
def topics_weekly(reschedule: bool = True) -> dict[str, Any]:
    """Every week: retrain the tone model (when there are enough labelled texts; otherwise say how many are
    needed and keep the version in use), then discover the topics of the last four weeks with it. Started by
    ``danvan insight topics schedule``; queues its next run first (``core.periodic``)."""
    from danvan.core.errors import DomainError
    from danvan.insight.services.tone import tone_train
    from danvan.insight.services.topics import topic_run_discover

    if reschedule:
        chain_continue(topics_weekly, True, run_after=clock.now() + TOPICS_EVERY)
    out: dict[str, Any] = {}
    try:
        out["tone_version"] = tone_train().number
    except DomainError as refused:
        log.warning("tone model not retrained: %s", refused.message)
        out["tone"] = refused.code
    end = clock.today() - dt.timedelta(days=1)
    try:
        run = topic_run_discover(starts_on=end - dt.timedelta(days=TOPICS_PERIOD_DAYS - 1), ends_on=end)
        out["run"] = run.pk
    except DomainError as refused:
        out["topics"] = refused.code
    return out
