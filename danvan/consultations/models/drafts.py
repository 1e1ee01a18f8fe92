from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.consultations import choices
from danvan.core import clock
from danvan.core.models import TimeStampedModel


class Consultation(TimeStampedModel):
    """A draft put to the people before the authority decides: what it is (an Art. 25 item or another
    body's draft), who consults and answers, who is consulted (``audience``: a commune, some of its
    villages, a province, or the people it affects, Art. 27), the period, the channels, and what a
    participant must prove (``verification``). Its text lives in ``DraftVersion``/``DraftSection``."""

    code = models.SlugField(_("code"), max_length=60, unique=True)  # the public address
    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("consulting body"), on_delete=models.PROTECT, related_name="+"
    )
    # The place consulted: a commune (audiences commune, villages, affected) or a province.
    place = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("place"), on_delete=models.PROTECT, related_name="+"
    )
    villages = models.ManyToManyField(
        "democracy.Village", verbose_name=_("villages consulted"), blank=True, related_name="+"
    )
    item = models.PositiveSmallIntegerField(_("subject"), choices=choices.Item.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("what is proposed"), blank=True)
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    audience = models.CharField(_("who is consulted"), max_length=10, choices=choices.Audience.choices)
    verification = models.CharField(
        _("who may take part"), max_length=10, choices=choices.Verification.choices,
        default=choices.Verification.OPEN,
    )  # fmt: skip
    channels = models.JSONField(_("channels"), default=list)  # values of choices.Channel
    premoderate = models.BooleanField(_("statements checked before they are shown"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=choices.Status.choices, default=choices.Status.DRAFT)
    # A draft whose officer has set it to open: the morning sweep opens it on ``opens_on`` (drafts part).
    scheduled = models.BooleanField(_("set to open on its first day"), default=False)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("officers answering"), blank=True, related_name="+"
    )
    # The authority's decision on the final version, and the summary's publication it starts (Art. 11(11),
    # 5 working days on the deadline engine unless a sector law sets otherwise).
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    summary_due_on = models.DateField(_("summary to be published by"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason withdrawn"), max_length=500, blank=True)
    # The commune's disclosures of the plan and content (at opening) and of the summary (Art. 11(11)).
    opening_disclosure = models.ForeignKey(
        "democracy.Disclosure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["place", "status"], name="consult_place_status")]

    def __str__(self) -> str:
        return self.title

    def permission_organization(self) -> Any:
        return self.organization


class DraftVersion(models.Model):
    """One version of the draft's text: 1 is the one consulted on; later ones record what changed after
    the views (``change_note`` and each section's ``change``)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    change_note = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["consultation_id", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="consult_version_unique")]

    def __str__(self) -> str:
        return f"{self.consultation_id} v{self.number}"

    def permission_organization(self) -> Any:
        return self.consultation.organization


class DraftSection(models.Model):
    """A section of a version (an article, a chapter, a numbered point): what comments and statements
    anchor to. ``key`` stays the same across versions so "how each section fared" can be followed."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"))
    heading = models.CharField(_("heading"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    change = models.CharField(
        _("change"), max_length=10, choices=choices.SectionChange.choices, default=choices.SectionChange.UNCHANGED
    )
    change_note = models.TextField(_("what changed and why"), blank=True)

    class Meta:
        verbose_name = _("draft section")
        verbose_name_plural = _("draft sections")
        ordering = ["version_id", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="consult_section_key_unique")]

    def __str__(self) -> str:
        return self.heading


def _document_path(instance: ConsultationDocument, filename: str) -> str:
    return f"consultations/{instance.consultation_id}/{filename}"


class ConsultationDocument(models.Model):
    """A document of the draft (the draft itself, a map, an explanatory note), checked like every upload
    (``files.checks``)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=_document_path, max_length=300)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("consultation document")
        verbose_name_plural = _("consultation documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title

    def permission_organization(self) -> Any:
        return self.consultation.organization


class AffectedPerson(TimeStampedModel):
    """Art. 27: a person a draft decision (item 8) would burden or whose rights it would end or limit —
    told of the draft and heard. Staff-only (``VIEW_AFFECTED``); their views are filed with the draft."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="affected")
    name = models.CharField(_("name"), max_length=200)
    contact = models.CharField(_("phone or address"), max_length=300, blank=True)
    household = models.ForeignKey(
        "democracy.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_on = models.DateField(_("told on"), null=True, blank=True)
    notified_via = models.CharField(_("told by"), max_length=20, choices=choices.Channel.choices, blank=True)
    heard_on = models.DateField(_("heard on"), null=True, blank=True)
    declined = models.BooleanField(_("chose not to give a view"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("person affected")
        verbose_name_plural = _("people affected")
        ordering = ["consultation_id", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def permission_organization(self) -> Any:
        return self.consultation.organization
