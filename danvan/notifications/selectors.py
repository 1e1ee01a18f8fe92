"""Reads of notifications: only a person's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

from danvan.notifications.models import Notification

__all__ = ["PER_PAGE", "Inbox", "notification_inbox"]

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
