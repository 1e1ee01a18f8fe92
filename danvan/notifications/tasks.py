"""Background work of notifications, through Django's Tasks framework (durable database backend).

- ``notification_deliver``: send one email or SMS notification, at least once and never twice for
  one sending. Queued by ``services.notification_send`` in the caller's transaction.
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

log = logging.getLogger(__name__)

# A link that lets its holder in carries its secret as ``k=`` (a case's private link, a rating link):
# the message that leaves has it, the stored copy does not.
_PRIVATE_SECRET = re.compile(r"([?&]k=)[A-Za-z0-9_\-]+")
SECRET_MASK = r"\1[đã ẩn]"  # noqa: S105 (the replacement that hides a secret, not a secret)
# A one-time code is marked as the Web OTP format marks it, by a last line "@host #code": that code is
# masked wherever the message holds it.
_ONE_TIME_CODE = re.compile(r"@[\w.\-]+ #([A-Za-z0-9]{4,12})\s*$")


def stored_copy(body: str) -> str:
    """What the database keeps of a message once it has left: no private link secret, no one-time code."""
    body = _PRIVATE_SECRET.sub(SECRET_MASK, body)
    code = _ONE_TIME_CODE.search(body)
    return body.replace(code.group(1), "[đã ẩn]") if code else body


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
       A sealed address is opened only now, by the capability the notification is about (``sealed``).
    3. Mark it sent at once, in its own commit. A crash between 2 and 3 sends again after the claim
       expires: at least once, and the duplicate carries the same Message-ID / idempotency key.
    A send that fails is recorded on the row and queued again later (``RETRY_DELAYS``).
    """
    from danvan.notifications import channels, sealed
    from danvan.notifications.messages import RenderedMessage
    from danvan.notifications.models import Notification

    now = clock.now()
    claimed = (
        Notification.objects.filter(pk=notification_id, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM, attempts=F("attempts") + 1)
    )
    if not claimed:
        state = Notification.objects.filter(pk=notification_id).values_list("sent_at", flat=True).first()
        return "already sent" if state is not None else "gone or held by another worker"
    notification = Notification.objects.get(pk=notification_id)
    unclaimed = Notification.objects.filter(pk=notification_id)
    address = notification.address
    if address == sealed.SEALED:
        address = sealed.resolve(notification.about_kind, notification.about_id, notification.channel)
        if not address:
            unclaimed.update(error="no contact given", claimed_until=None)
            return "no contact"
    key = delivery_key(notification_id)
    try:
        if notification.channel == Notification.Channel.EMAIL:
            channels.send_email(to=[address], message=RenderedMessage(
                subject=notification.subject, text=notification.body, sms_text=""), message_id=key)  # fmt: skip
        elif notification.channel == Notification.Channel.SMS:
            channels.get_sms_gateway().send(phone=address, text=notification.body, idempotency_key=key)
    except Exception as exc:  # kept on the row, tried again later; the task fails visibly
        with transaction.atomic():
            unclaimed.update(error=str(exc)[:1000], claimed_until=None)
            if notification.attempts <= len(RETRY_DELAYS):
                run_at = clock.now() + RETRY_DELAYS[notification.attempts - 1]
                enqueue_atomically(notification_deliver.using(run_after=run_at), notification_id)
        raise
    # A private link's secret was in the message for its reader; the stored copy keeps no secret.
    unclaimed.update(sent_at=clock.now(), error="", claimed_until=None,
                     body=stored_copy(notification.body))  # fmt: skip
    log.info("notification %s sent (attempt %s)", notification_id, notification.attempts)
    return "sent"
