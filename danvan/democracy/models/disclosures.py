from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.democracy import choices


class Disclosure(TimeStampedModel):
    """A publication of one of the 14 items of Art. 11 by a commune (dân biết): the document, when it
    was decided and when it must be out (≤ 5 working days unless a sector law sets otherwise, on the
    deadline engine), and the channels that carried it (``DisclosureChannel``)."""

    commune = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("publishing body"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.PositiveSmallIntegerField(_("item of Art. 11"), choices=choices.DisclosureItem.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    document_ref = models.CharField(_("document number and symbol"), max_length=120, blank=True)
    decided_on = models.DateField(_("date of the decision"))
    due_on = models.DateField(_("to be published by"))
    # A sector law that sets another period (Art. 12(3)): its basis and the date it gives.
    sector_due_on = models.DateField(_("due date under a sector law"), null=True, blank=True)
    sector_basis = models.CharField(_("sector law"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=choices.DisclosureStatus.choices, default=choices.DisclosureStatus.DRAFT
    )
    published_on = models.DateField(_("first published on"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason withdrawn"), max_length=500, blank=True)
    # The published document itself (checked like every upload), kept as a proof row with no channel.
    document = models.ForeignKey(
        "DisclosureProof",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["commune", "status", "item"], name="democracy_disclosure_pub")]

    def __str__(self) -> str:
        return self.title

    def permission_organization(self) -> Any:
        return self.organization


class DisclosureChannel(models.Model):
    """One channel a disclosure ran on, from ``starts_on`` to ``ends_on`` (empty while it runs)."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("channel"), max_length=16, choices=choices.Channel.choices)
    place = models.CharField(_("where"), max_length=200, blank=True)  # which office, hall, portal page
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("publication channel")
        verbose_name_plural = _("publication channels")
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.starts_on}"


def _proof_path(instance: DisclosureProof, filename: str) -> str:
    return f"democracy/disclosures/{instance.disclosure.commune_id}/{instance.disclosure_id}/{filename}"


class DisclosureProof(models.Model):
    """A photo (or scan) proving a posting or broadcast, checked like every upload (``files.checks``)."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="proofs")
    channel = models.ForeignKey(
        DisclosureChannel, null=True, blank=True, on_delete=models.SET_NULL, related_name="proofs"
    )
    file = models.FileField(upload_to=_proof_path, max_length=300)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    taken_on = models.DateField(_("taken on"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("proof of publication")
        verbose_name_plural = _("proofs of publication")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class DisclosureList(TimeStampedModel):
    """The quarterly list of what was published, with form and date (Art. 13), itself posted."""

    commune = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey("org.Organization", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    generated_at = models.DateTimeField(default=clock.now)
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    entries = models.PositiveIntegerField(_("entries"), default=0)

    class Meta:
        verbose_name = _("quarterly list of disclosures")
        verbose_name_plural = _("quarterly lists of disclosures")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year", "quarter"], name="democracy_disclosure_list_unique")
        ]

    def permission_organization(self) -> Any:
        return self.organization

    @property
    def period_start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)
