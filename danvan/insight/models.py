"""Insight's tables. See docs/insight.md."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core import clock


class ModelKind(models.TextChoices):
    ROUTE = "route", _("Routing (topic and responsible body)")
    SENTIMENT = "sentiment", _("Tone of what people write")


class ModelVersion(models.Model):
    """One trained version of one of the deployment's models: when and from how much data it was
    trained, how it scored on held-back data, and its bytes (``nlp.storage``: no pickle, checked by
    SHA-256). At most one version of a kind is in use; an older one can be put back (a rollback)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ModelKind.choices)
    number = models.PositiveIntegerField(_("version"))
    trained_at = models.DateTimeField(_("trained at"), default=clock.now)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Empty when the scheduled task trained it."),
    )  # fmt: skip
    training_size = models.PositiveIntegerField(_("training examples"))
    held_back_size = models.PositiveIntegerField(_("held-back examples"))
    metrics = models.JSONField(_("metrics on held-back data"), default=dict)
    # the confidence above which the model acts alone (chosen on held-back data for a target precision)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    settings = models.JSONField(_("training settings"), default=dict)
    artifact = models.BinaryField(_("model bytes"))
    artifact_sha256 = models.CharField(_("SHA-256 of the model bytes"), max_length=64)
    in_use = models.BooleanField(_("in use"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("model version")
        verbose_name_plural = _("model versions")
        ordering = ["kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="insight_model_version_number"),
            models.UniqueConstraint(fields=["kind"], condition=Q(in_use=True), name="insight_model_one_in_use"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.number}"
