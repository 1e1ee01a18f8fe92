from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.reception import choices
from danvan.reception.models.schedule import ReceptionSession


class Booking(TimeStampedModel):
    """A citizen's request for a slot at a session, no account needed: confirmed while the session
    has room, otherwise on its waiting list (first come, first moved up). The code confirms, reminds
    and cancels; with the phone it opens the booking. The identity fields are those the regime asks
    (NĐ 154/2026 Art. 12 from 1/7/2026), kept only for the officers who receive."""

    session = models.ForeignKey(
        ReceptionSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="bookings"
    )
    code = models.CharField(_("booking code"), max_length=16, unique=True)
    name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    id_number = models.CharField(_("ID card number"), max_length=20, blank=True)
    subject = models.TextField(_("what it is about"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=choices.BookingStatus.choices, default=choices.BookingStatus.CONFIRMED
    )
    request_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["session__starts_at", "created_at", "id"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return self.code

    def permission_organization(self) -> Any:
        return self.session.organization
