from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.reception import choices


class ReceptionPoint(TimeStampedModel):
    """A place where a body receives citizens (trụ sở / địa điểm tiếp công dân): its address and
    hours, and the reception officers on duty there. An online point is a video-link room."""

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=255)
    unit = models.ForeignKey(
        "org.AdministrativeUnit",
        verbose_name=_("commune or province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("officers on duty"), blank=True, related_name="+"
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("reception point")
        verbose_name_plural = _("reception points")
        ordering = ["organization__path", "name"]

    def __str__(self) -> str:
        return self.name

    def permission_organization(self) -> Any:
        return self.organization


class HeadDuty(TimeStampedModel):
    """A head's duty to receive citizens in person: who, in which capacity and at which level (which
    picks the ``ScheduleRule`` rows), where, on which weekday and hours the calendar is generated, and
    for which period (a head who leaves office ends the duty; the successor gets a new one)."""

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("head"), on_delete=models.PROTECT, related_name="+"
    )
    head_kind = models.CharField(_("as"), max_length=20, choices=choices.HeadKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=choices.Level.choices)
    point = models.ForeignKey(
        ReceptionPoint, verbose_name=_("reception point"), on_delete=models.PROTECT, related_name="duties"
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), default=0, help_text=_("0 = Monday … 4 = Friday: the day sessions are generated on.")
    )
    starts_at = models.TimeField(_("from"), default=dt.time(7, 30))
    ends_at = models.TimeField(_("to"), default=dt.time(11, 30))
    capacity = models.PositiveSmallIntegerField(_("slots to book per session"), default=10)
    valid_from = models.DateField(_("from date"))
    valid_to = models.DateField(_("to date"), null=True, blank=True)

    class Meta:
        verbose_name = _("head's reception duty")
        verbose_name_plural = _("heads' reception duties")
        ordering = ["organization__path", "head_kind"]

    def __str__(self) -> str:
        return f"{self.head} — {self.get_head_kind_display()}"

    def permission_organization(self) -> Any:
        return self.organization
