"""Background work of the files foundation: removing attachments that waited for a form in vain."""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue

log = logging.getLogger(__name__)
PURGE_EVERY = dt.timedelta(hours=1)


@task()
def pending_uploads_purge(reschedule: bool = True) -> int:
    """Remove kept uploads older than ``pending.PENDING_TTL``; with ``reschedule``, the next hourly run
    is queued first (``core.periodic``), so a failure does not end the chain. ``danvan cases_schedule``
    starts it, since the petition form is what keeps them."""
    from danvan.files.pending import pending_purge

    if reschedule:
        chain_continue(pending_uploads_purge, True, run_after=clock.now() + PURGE_EVERY)
    removed = pending_purge()
    log.info("pending uploads purged: %s", removed)
    return removed
