"""Every write of notifications: sending one, marking them read, forgetting those about a removed object."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.outbox import enqueue_atomically
from danvan.notifications.models import Notification
from danvan.notifications.sealed import SEALED

__all__ = ["notification_mark_read", "notification_send", "notifications_forget", "notifications_mark_all_read"]


def notification_send(
    *,
    channel: str,
    template: str,
    subject: str,
    body: str,
    recipient: Any = None,
    address: str = "",
    about_kind: str = "",
    about_id: int | None = None,
    about_label: str = "",
    link: str = "",
) -> Notification:
    """Store one notification and, for email and SMS, queue its delivery in the caller's transaction.

    In-app messages go to ``recipient`` (an account) and are read on the notifications page; email and
    SMS go to ``address``, or to ``sealed.SEALED`` for a contact opened only when sending. The row and
    its delivery task commit together or not at all (``core.outbox.enqueue_atomically``), so a step
    that committed never loses its message and a rolled-back one never sends.
    """
    if channel == Notification.Channel.IN_APP:
        if recipient is None:
            raise ValueError("an in-app notification needs a recipient")
    elif channel in (Notification.Channel.EMAIL, Notification.Channel.SMS):
        if not address.strip():
            raise ValueError(f"a {channel} notification needs an address (or {SEALED!r})")
    else:
        raise ValueError(f"unknown notification channel {channel!r}")
    notification = Notification.objects.create(
        recipient=recipient, channel=channel, address=address, template=template, subject=subject, body=body,
        about_kind=about_kind, about_id=about_id, about_label=about_label, link=link,
    )  # fmt: skip
    if channel != Notification.Channel.IN_APP:
        from danvan.notifications.tasks import notification_deliver

        enqueue_atomically(notification_deliver, notification.pk)
    return notification


def notification_mark_read(*, user: Any, notification_id: int) -> Notification:
    """Mark one of ``user``'s own in-app notifications read (again: no change).

    Somebody else's notification answers ``NotFound``, exactly like one that does not exist.
    """
    notification = Notification.objects.filter(
        pk=notification_id, recipient_id=user.pk, channel=Notification.Channel.IN_APP
    ).first()
    if notification is None:
        raise NotFound(_("No such notification."), code="not_found")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of ``user`` read; returns how many were unread."""
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(read_at=clock.now())


def notifications_forget(*, about_kind: str, about_ids: list[int]) -> int:
    """Delete the notifications about objects that were deleted (their bodies may hold personal data)."""
    if not about_ids:
        return 0
    deleted, _ = Notification.objects.filter(about_kind=about_kind, about_id__in=about_ids).delete()
    return deleted
