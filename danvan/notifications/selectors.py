"""Reads of notifications: only a person's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

from danvan.notifications.models import Notification

__all__ = ["PER_PAGE", "Inbox", "notification_inbox", "notified_about"]

PER_PAGE = 30


@dataclass(frozen=True)
class Inbox:
    page: Page[Notification]
    unread: int


def notification_inbox(*, user: Any, page: str | int | None = None) -> Inbox:
    """``user``'s in-app notifications, newest first, one page of them, and how many are unread."""
    mine = Notification.objects.filter(recipient_id=user.pk, channel=Notification.Channel.IN_APP)
    return Inbox(
        page=Paginator(mine, PER_PAGE).get_page(page),
        unread=mine.filter(read_at__isnull=True).count(),
    )


def notified_about(*, about_kind: str, about_id: int) -> set[int]:
    """The accounts already sent an in-app notice about ``about_kind``/``about_id`` (a weekly notice sent once)."""
    notices = Notification.objects.filter(about_kind=about_kind, about_id=about_id, channel=Notification.Channel.IN_APP)
    return set(notices.values_list("recipient_id", flat=True))
