from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.reception import choices
from danvan.reception.models.points import HeadDuty, ReceptionPoint


class ScheduleRule(TimeStampedModel):
    """How often a head of one kind at one level must receive citizens while the row is in force.

    Editable data with its regime, dates, legal basis and confidence (spec §3.1): seeded from
    ``schedule_seed`` by migration 0002; operators correct [S]/[U] rows through
    ``services.schedule.schedule_rule_update``, which audits every change.
    """

    head_kind = models.CharField(_("head"), max_length=20, choices=choices.HeadKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=choices.Level.choices)
    regime = models.CharField(_("regime"), max_length=12)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("sessions"))
    per = models.CharField(_("per"), max_length=6, choices=choices.Per.choices)
    deputy_may_stand_in = models.BooleanField(_("a deputy's session counts"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    confidence = models.CharField(_("confidence"), max_length=1, choices=choices.Confidence.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("reception frequency rule")
        verbose_name_plural = _("reception frequency rules")
        ordering = ["head_kind", "level", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["head_kind", "level", "valid_from"], name="reception_rule_unique_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_head_kind_display()} {self.get_level_display()} {self.regime}: {self.count}/{self.per}"


class ReceptionSession(TimeStampedModel):
    """One session of a head's reception: generated from a duty (regular) or called at once (ad hoc,
    with the Art. 18(3) trigger), in person or online. ``held_by`` is who actually received: the head,
    or a deputy where the rule in force lets a deputy stand in."""

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    point = models.ForeignKey(
        ReceptionPoint, verbose_name=_("reception point"), on_delete=models.PROTECT, related_name="sessions"
    )
    duty = models.ForeignKey(
        HeadDuty, verbose_name=_("duty"), null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("head"), on_delete=models.PROTECT, related_name="+"
    )
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=choices.SessionKind.choices, default=choices.SessionKind.REGULAR
    )
    ad_hoc_trigger = models.CharField(
        _("reason for an ad hoc session"), max_length=30, choices=choices.AdHocTrigger.choices, blank=True
    )
    ad_hoc_reason = models.TextField(_("what happened"), blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=choices.Mode.choices, default=choices.Mode.DIRECT)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("slots to book"), default=10)
    status = models.CharField(
        _("status"), max_length=10, choices=choices.SessionStatus.choices, default=choices.SessionStatus.PLANNED
    )
    cancel_reason = models.CharField(_("why cancelled"), max_length=300, blank=True)
    public_note = models.CharField(_("note for the public"), max_length=300, blank=True)
    # Online sessions (R2026, NĐ 154/2026 Arts. 16–24): the link, and where the recording is kept.
    video_url = models.URLField(_("video link"), blank=True)
    recording_location = models.CharField(_("where the recording is kept"), max_length=300, blank=True)
    recording_keep_until = models.DateField(_("recording kept until"), null=True, blank=True)
    recording_access = models.CharField(_("who may see the recording"), max_length=300, blank=True)
    # The day-before reminder to the head and the point's officers went out (sweeps/schedule.py): once.
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            # Generating the calendar twice makes nothing new.
            models.UniqueConstraint(fields=["duty", "starts_at"], name="reception_session_once_per_duty_start"),
        ]
        indexes = [models.Index(fields=["organization", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.point} {self.starts_at:%d/%m/%Y %H:%M}"

    def permission_organization(self) -> Any:
        return self.organization
