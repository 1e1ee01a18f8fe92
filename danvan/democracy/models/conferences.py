from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.democracy import choices


class Conference(TimeStampedModel):
    """The yearly community conference of a village (Art. 33): chaired by the village head at year end,
    all households invited; its record and the reports presented (``ConferenceReport``) and the
    execution status of the items the community decided (``ConferenceItem``)."""

    village = models.ForeignKey("democracy.Village", on_delete=models.PROTECT, related_name="conferences")
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("held on"))
    chaired_by = models.CharField(_("chaired by"), max_length=200)
    households_total = models.PositiveIntegerField(_("households in all"))
    present = models.PositiveIntegerField(_("households present"))
    record = models.TextField(_("record"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("yearly community conference")
        verbose_name_plural = _("yearly community conferences")
        ordering = ["-year", "village_id"]
        constraints = [models.UniqueConstraint(fields=["village", "year"], name="democracy_conference_once")]

    def permission_organization(self) -> Any:
        return self.village.organization


class ConferenceReport(models.Model):
    """A report presented: the village's situation and decided items (village head), democracy
    practice (Front work committee), supervision (the Ban TTND member)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="reports")
    presenter = models.CharField(_("presented by"), max_length=20)  # village_head | front | ttnd
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))

    def __str__(self) -> str:
        return self.title


class ConferenceItem(models.Model):
    """How far a decided matter has been carried out, as reported to the conference."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="items")
    matter = models.ForeignKey("democracy.Matter", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("execution"), max_length=12, choices=choices.ExecutionStatus.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conference", "matter"], name="democracy_conf_item_once")]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.get_status_display()}"
