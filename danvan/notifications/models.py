"""Notifications: one message to one person on one channel, and the state of its delivery."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.notifications.choices import Channel


class Notification(models.Model):
    """A message to a person: in-app for accounts, email/SMS where given.

    What it is about is named, not linked: ``about_kind`` ("cases.case") and ``about_id``, so any
    capability can notify without this foundation knowing its models, with ``about_label`` (what the
    list shows, such as a tracking code) and ``link`` (the page to open, a path) stored when it is
    sent. ``subject`` is the message's subject line, as in an email.
    """

    Channel = Channel

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    template = models.CharField(max_length=40)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    about_kind = models.CharField(max_length=40, blank=True)
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about_label = models.CharField(max_length=60, blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    # Delivery (notifications.tasks.notification_deliver): a worker claims the row until
    # ``claimed_until`` before sending, so two workers never send it at once; ``attempts`` counts the claims.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["about_kind", "about_id"], name="notification_about")]

    def __str__(self) -> str:
        return f"{self.template} → {self.address or self.recipient_id}"
