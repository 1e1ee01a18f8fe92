from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.reception import choices


class Dialogue(TimeStampedModel):
    """A planned dialogue between a head (or the Party committee, or the Front) and the people of a
    place or a group on a subject (Luật THDCCS Art. 26; QĐ 23-QĐ/TW): invitations, questions
    collected before and at it, minutes, and commitments followed to closure on a public page."""

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    convener = models.CharField(_("convened by"), max_length=10, choices=choices.Convener.choices)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chaired by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.ForeignKey(
        "org.AdministrativeUnit",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    audience = models.CharField(_("with whom"), max_length=300, blank=True)
    location = models.CharField(_("where"), max_length=300)
    planned_at = models.DateTimeField(_("when"))
    questions_until = models.DateTimeField(_("questions accepted until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=choices.DialogueStatus.choices, default=choices.DialogueStatus.PLANNED
    )
    invitation = models.TextField(_("invitation"), blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("people present"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-planned_at", "-id"]

    def __str__(self) -> str:
        return self.subject

    def permission_organization(self) -> Any:
        return self.organization


class DialogueQuestion(TimeStampedModel):
    """A question or view for a dialogue, sent before it or asked at it. The asker's name is kept for
    the officers only; the public page shows the question and its answer. Hidden with a reason, never
    deleted."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="questions")
    stage = models.CharField(_("when"), max_length=10, choices=choices.QuestionStage.choices)
    text = models.TextField(_("question"), max_length=3000)
    asker_name = models.CharField(_("asked by"), max_length=200, blank=True)
    asker_contact = models.CharField(_("contact"), max_length=200, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("why hidden"), max_length=300, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("same as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    request_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("dialogue question")
        verbose_name_plural = _("dialogue questions")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def permission_organization(self) -> Any:
        return self.dialogue.organization


class DialogueCommitment(TimeStampedModel):
    """What the chair promised at a dialogue: an owner body (and officer), a due date, progress notes,
    and the end (kept, not kept, or withdrawn with the reason), shown in the open."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("commitment"))
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
        _("status"), max_length=10, choices=choices.CommitmentStatus.choices, default=choices.CommitmentStatus.OPEN
    )
    progress = models.TextField(_("progress"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_note = models.TextField(_("how it ended"), blank=True)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("dialogue commitment")
        verbose_name_plural = _("dialogue commitments")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def permission_organization(self) -> Any:
        return self.owner_organization
