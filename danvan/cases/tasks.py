"""Background work of the cases app, through Django's Tasks framework (durable database backend).

- ``deadline_sweep``: every morning, remind handlers before ``warn_on`` and escalate overdue cases to
  the head and the superior body (Luật Tố cáo 2018, Điều 38); it schedules its own next run, so a
  running ``danvan db_worker`` is all production needs (``danvan cases_schedule`` starts the chain).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task

from danvan.core import clock
from danvan.core.periodic import chain_continue
from danvan.notifications.tasks import notification_deliver as _notification_deliver

log = logging.getLogger(__name__)

SWEEP_HOUR = 7  # 07:00 Vietnam time, before the working day starts


# Delivery moved to the notifications foundation; task rows queued before the move name this path,
# so it stays importable here until they have run.
notification_deliver = _notification_deliver


def _next_sweep_at(now: dt.datetime) -> dt.datetime:
    candidate = now.replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
    return candidate if candidate > now else candidate + dt.timedelta(days=1)


@task()
def deadline_sweep(reschedule: bool = True) -> dict[str, int]:
    """The morning sweep; with ``reschedule``, tomorrow's run is queued first, so a failure today
    (logged and raised: the task row keeps it) does not end the chain (``core.periodic``)."""
    from danvan.cases.services.sweep import cases_sweep

    if reschedule:
        chain_continue(deadline_sweep, True, run_after=_next_sweep_at(clock.now()))
    try:
        result = cases_sweep(today=clock.today())
    except Exception:
        log.exception("deadline sweep failed; the next run is queued")
        raise
    log.info("deadline sweep: %s", result)
    return result


@task()
def case_link_resend_sealed(sealed: str) -> None:
    """ "Send me my link again", matched and sent away from the request (services.access)."""
    from danvan.cases.services.access import case_link_resend
    from danvan.citizens.contacts import Contact
    from danvan.files import sealing

    asked = sealing.unseal_json(sealed)
    case_link_resend(tracking_code=str(asked["code"]), contact=Contact(str(asked["kind"]), str(asked["value"])))
