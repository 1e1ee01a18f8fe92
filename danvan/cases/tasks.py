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
from django.db.models import F, Q
from django.tasks import task

from danvan.core import clock
from danvan.core.outbox import enqueue_atomically
from danvan.core.periodic import chain_continue

log = logging.getLogger(__name__)

SWEEP_HOUR = 7  # 07:00 Vietnam time, before the working day starts
_PRIVATE_SECRET = re.compile(r"([?&]k=)[A-Za-z0-9_\-]+")


# A worker holds a notification this long while sending it; a claim left by a dead worker expires,
# and the task (reclaimed by core.worker after its lease) sends again. Shorter than the task lease.
CLAIM = dt.timedelta(minutes=2)
# Failed sends are tried again later, at these delays; after the last, the error stays on the row.
RETRY_DELAYS = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30), dt.timedelta(hours=2),
                dt.timedelta(hours=6), dt.timedelta(hours=12))  # fmt: skip


def delivery_key(notification_id: int) -> str:
    """The idempotency key of one notification's delivery: the same on every attempt, so a message sent
    twice (a crash between sending and marking it sent) is recognisable as one by the mail server, the
    reader's mail program (the Message-ID) and the SMS provider (its idempotency key)."""
    return f"dvs-notification-{notification_id}"


@task()
def notification_deliver(notification_id: int) -> str:
    """Send one email or SMS notification: at least once, and never twice for one sending.

    1. Claim the row (a conditional UPDATE, its own commit): only a row not yet sent and not held by
       another worker is taken, so two workers, or a retry beside a slow first attempt, never both send.
    2. Send, with ``delivery_key`` as the email's Message-ID and the SMS provider's idempotency key.
    3. Mark it sent at once, in its own commit. A crash between 2 and 3 sends again after the claim
       expires: at least once, and the duplicate carries the same Message-ID / idempotency key.
    A send that fails is recorded on the row and queued again later (``RETRY_DELAYS``).
    """
    from danvan.cases import messaging, sealing
    from danvan.cases.models import Notification, SealedIdentity
    from danvan.cases.services.notify import SEALED

    now = clock.now()
    claimed = (
        Notification.objects.filter(pk=notification_id, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM, attempts=F("attempts") + 1)
    )
    if not claimed:
        state = Notification.objects.filter(pk=notification_id).values_list("sent_at", flat=True).first()
        return "already sent" if state is not None else "gone or held by another worker"
    notification = Notification.objects.select_related("case").get(pk=notification_id)
    unclaimed = Notification.objects.filter(pk=notification_id)
    address = notification.address
    if address == SEALED:
        sealed = SealedIdentity.objects.filter(case=notification.case).first()
        identity = sealing.unseal_json(sealed.token) if sealed else {}
        address = identity.get("email" if notification.channel == Notification.Channel.EMAIL else "phone", "")
        if not address:
            unclaimed.update(error="no contact given", claimed_until=None)
            return "no contact"
    key = delivery_key(notification_id)
    try:
        if notification.channel == Notification.Channel.EMAIL:
            messaging.send_email(to=[address], message=messaging.RenderedMessage(
                subject=notification.subject, text=notification.body, sms_text=""), message_id=key)  # fmt: skip
        elif notification.channel == Notification.Channel.SMS:
            messaging.get_sms_gateway().send(phone=address, text=notification.body, idempotency_key=key)
    except Exception as exc:  # kept on the row, tried again later; the task fails visibly
        with transaction.atomic():
            unclaimed.update(error=str(exc)[:1000], claimed_until=None)
            if notification.attempts <= len(RETRY_DELAYS):
                run_at = clock.now() + RETRY_DELAYS[notification.attempts - 1]
                enqueue_atomically(notification_deliver.using(run_after=run_at), notification_id)
        raise
    # The private link's secret was in the message for the citizen; the stored copy keeps no secret.
    unclaimed.update(sent_at=clock.now(), error="", claimed_until=None,
                     body=_PRIVATE_SECRET.sub(r"\1[đã ẩn]", notification.body))  # fmt: skip
    log.info("notification %s sent (attempt %s)", notification_id, notification.attempts)
    return "sent"


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
