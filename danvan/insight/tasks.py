"""Insight's background work, through Django's Tasks framework (``core.periodic`` chains: each run queues
the next before doing its work, so one failure does not end the chain). ``danvan insight schedule`` starts
the chains."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue

log = logging.getLogger(__name__)

# --- warnings ---
WARN_HOUR = 6  # 06:00 Vietnam time: yesterday's cases are all in, and the heads read it on arrival
DIGEST_WEEKDAY, DIGEST_HOUR = 0, 7  # Monday 07:00: the digest of the week that ended on Sunday


def _next_at(now: dt.datetime, hour: int, weekday: int | None = None) -> dt.datetime:
    candidate = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    while candidate <= now or (weekday is not None and candidate.weekday() != weekday):
        candidate += dt.timedelta(days=1)
    return candidate


@task()
def warnings_daily(reschedule: bool = True) -> dict[str, Any]:
    """Surges, recurring matters and crowds of the day (``services.warnings``), raised as alerts."""
    from danvan.insight.services.warnings import warnings_detect

    if reschedule:
        chain_continue(warnings_daily, True, run_after=_next_at(clock.now(), WARN_HOUR))
    return warnings_detect(today=clock.today()).figures()


@task()
def digest_weekly(reschedule: bool = True) -> dict[str, int]:
    """Tell the heads and dân vận officers that last week's "tình hình dư luận" digest is ready (in-app)."""
    from danvan.insight.services.digest import digest_announce

    if reschedule:
        chain_continue(digest_weekly, True, run_after=_next_at(clock.now(), DIGEST_HOUR, DIGEST_WEEKDAY))
    return {"told": digest_announce(today=clock.today())}
