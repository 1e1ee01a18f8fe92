"""Background work of the cases app, through Django's Tasks framework (durable database backend).

- ``notification_deliver``: send one email or SMS notification.
- ``deadline_sweep``: every morning, remind handlers before ``warn_on`` and escalate overdue cases to
  the head and the superior body (Luật Tố cáo 2018, Điều 38); it schedules its own next run, so a
  running ``danvan db_worker`` is all production needs (``danvan cases_schedule`` starts the chain).
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from django.db import transaction
from django.tasks import task

from danvan.core import clock

log = logging.getLogger(__name__)

SWEEP_HOUR = 7  # 07:00 Vietnam time, before the working day starts
_PRIVATE_SECRET = re.compile(r"([?&]k=)[A-Za-z0-9_\-]+")


@task()
def notification_deliver(notification_id: int) -> str:
    from danvan.cases import messaging, sealing
    from danvan.cases.models import Notification, SealedIdentity
    from danvan.cases.services.notify import SEALED

    notification = Notification.objects.select_related("case").get(pk=notification_id)
    if notification.sent_at is not None:
        return "already sent"
    address = notification.address
    if address == SEALED:
        sealed = SealedIdentity.objects.filter(case=notification.case).first()
        identity = sealing.unseal_json(sealed.token) if sealed else {}
        address = identity.get("email" if notification.channel == Notification.Channel.EMAIL else "phone", "")
        if not address:
            notification.error = "no contact given"
            notification.save(update_fields=["error"])
            return "no contact"
    try:
        if notification.channel == Notification.Channel.EMAIL:
            messaging.send_email(to=[address], message=messaging.RenderedMessage(
                subject=notification.subject, text=notification.body, sms_text=""))  # fmt: skip
        elif notification.channel == Notification.Channel.SMS:
            messaging.get_sms_gateway().send(phone=address, text=notification.body)
    except Exception as exc:  # the error is kept on the row and the task fails visibly for a retry
        notification.error = str(exc)[:1000]
        notification.save(update_fields=["error"])
        raise
    notification.sent_at = clock.now()
    notification.error = ""
    # The private link's secret was in the message for the citizen; the stored copy keeps no secret.
    notification.body = _PRIVATE_SECRET.sub(r"\1[đã ẩn]", notification.body)
    notification.save(update_fields=["sent_at", "error", "body"])
    return "sent"


def _next_sweep_at(now: dt.datetime) -> dt.datetime:
    candidate = now.replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
    return candidate if candidate > now else candidate + dt.timedelta(days=1)


@task()
def deadline_sweep(reschedule: bool = True) -> dict[str, int]:
    from danvan.cases.services.sweep import cases_sweep

    result = cases_sweep(today=clock.today())
    if reschedule:
        run_at = _next_sweep_at(clock.now())
        transaction.on_commit(lambda: deadline_sweep.using(run_after=run_at).enqueue(True))
    log.info("deadline sweep: %s", result)
    return result
