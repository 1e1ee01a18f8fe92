"""Insight's background work, through Django's Tasks framework (``core.periodic`` chains: each run queues
the next before doing its work, so one failure does not end the chain). ``danvan insight schedule`` and
``danvan insight topics schedule`` start the chains. Each part adds its tasks in a block headed with its name."""

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
    # the window ends yesterday: at 06:00 today has barely begun (as ``topics_weekly`` reads up to yesterday)
    return warnings_detect(today=clock.today() - dt.timedelta(days=1)).figures()


@task()
def digest_weekly(reschedule: bool = True) -> dict[str, int]:
    """Tell the heads and dân vận officers that last week's "tình hình dư luận" digest is ready (in-app)."""
    from danvan.insight.services.digest import digest_announce

    if reschedule:
        chain_continue(digest_weekly, True, run_after=_next_at(clock.now(), DIGEST_HOUR, DIGEST_WEEKDAY))
    return {"told": digest_announce(today=clock.today())}


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
