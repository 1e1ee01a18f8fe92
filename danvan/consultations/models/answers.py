from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.consultations import choices
from danvan.core import clock
from danvan.core.models import TimeStampedModel


class CommentGroup(TimeStampedModel):
    """Comments on one point (by section and similar content), answered together by the responsible
    officer: accepted, explained, or not accepted with the reason."""

    consultation = models.ForeignKey("Consultation", on_delete=models.CASCADE, related_name="groups")
    section_key = models.SlugField(_("section"), max_length=60, blank=True)
    title = models.CharField(_("what the comments say"), max_length=300)
    answer = models.CharField(
        _("answer"), max_length=12, choices=choices.Answer.choices, default=choices.Answer.PENDING
    )
    answer_text = models.TextField(_("the authority's answer"), blank=True)
    reason = models.TextField(_("reason not accepted"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("group of comments")
        verbose_name_plural = _("groups of comments")
        ordering = ["consultation_id", "section_key", "id"]

    def __str__(self) -> str:
        return self.title

    def permission_organization(self) -> Any:
        return self.consultation.organization


class Summary(models.Model):
    """The published summary of a consultation with every answer (Art. 11(11)): on the consultation's
    page and, for a commune, among its disclosures (``disclosure``)."""

    consultation = models.OneToOneField("Consultation", on_delete=models.CASCADE, related_name="summary_row")
    text = models.TextField(_("summary"))
    figures = models.JSONField(default=dict)  # participation and answers, frozen at publication
    published_on = models.DateField(_("published on"))
    published_at = models.DateTimeField(default=clock.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disclosure = models.ForeignKey(
        "democracy.Disclosure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consultation summary")
        verbose_name_plural = _("consultation summaries")

    def __str__(self) -> str:
        return f"{self.consultation_id} {self.published_on}"

    def permission_organization(self) -> Any:
        return self.consultation.organization
