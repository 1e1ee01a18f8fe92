from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.reception import choices
from danvan.reception.models.schedule import ReceptionSession
from danvan.reception.models.visits import Visit

SYMBOL = "TB"  # NĐ 30/2020 Phụ lục III: Thông báo


def body_abbreviation(org: Any) -> str:
    """The body's part of a document code: "UBND" for a People's Committee (as cases' notices print),
    else the initials of its kind's name ("Sở Tài nguyên và Môi trường" → "STNVMT")."""
    kind = org.kind
    if kind.code == "ubnd":
        return "UBND"
    words = [w for w in (kind.name or org.short_name or org.name).split() if w[:1].isalpha()]
    return "".join(w[0] for w in words).upper()[:10] or kind.code.upper()


class ConclusionNotice(TimeStampedModel):
    """The head's "Thông báo kết luận việc tiếp công dân" (NĐ 154/2026 Art. 25; NĐ 30/2020 layout):
    numbered per body and year (``number``, printed "Số: 05/TB-UBND"), its directions as tasks.
    The citizen follows it with ``follow_code``, which shows the tasks' progress, never a visitor."""

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conclusions",
    )
    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), null=True, blank=True, on_delete=models.PROTECT, related_name="conclusions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("issued on"))
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.PROTECT, related_name="+"
    )
    signer_title = models.CharField(_("signer's title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("conclusions"))
    recipients = models.TextField(_("recipients"), blank=True)
    follow_code = models.CharField(_("code to follow"), max_length=16, unique=True)
    request_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notice of conclusions")
        verbose_name_plural = _("notices of conclusions")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number"], name="reception_notice_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}/{self.year}"

    @property
    def number_text(self) -> str:
        """ "05/TB-UBND": the number (a leading 0 below 10, NĐ 30/2020 Phụ lục I) and the code."""
        return f"{self.number:02d}/{SYMBOL}-{body_abbreviation(self.organization)}"

    def permission_organization(self) -> Any:
        return self.organization


class ConclusionTask(TimeStampedModel):
    """One direction of the head: an owner (a body, and optionally its officer) and a due date,
    reminded and escalated like a case's clock."""

    notice = models.ForeignKey(ConclusionNotice, on_delete=models.CASCADE, related_name="tasks")
    description = models.TextField(_("what is to be done"))
    owner_organization = models.ForeignKey(
        "org.Organization", verbose_name=_("responsible body"), on_delete=models.PROTECT, related_name="+"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=choices.TaskStatus.choices, default=choices.TaskStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("task of a notice")
        verbose_name_plural = _("tasks of notices")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.description[:60]

    def permission_organization(self) -> Any:
        return self.owner_organization
