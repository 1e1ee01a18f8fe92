from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock


class OpinionMap(models.Model):
    """A computed opinion map of one consultation (``opinion_map.compute`` over its votes): the groups,
    each participant's place on the chart (no identity: the participant's row id only, never shown), the
    statements that set each group apart, consensus and divisive statements. ``votes_seen`` is the vote
    count it was computed from, so a recompute is skipped when nothing changed."""

    consultation = models.ForeignKey("Consultation", on_delete=models.CASCADE, related_name="maps")
    computed_at = models.DateTimeField(default=clock.now)
    votes_seen = models.PositiveIntegerField(default=0)
    participants = models.PositiveIntegerField(default=0)  # placed on the map
    statements = models.PositiveIntegerField(default=0)
    groups = models.PositiveSmallIntegerField(default=0)
    silhouette = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(default=0)
    method = models.CharField(max_length=40)  # the method's version, e.g. "polis-1"
    result = models.JSONField(default=dict)  # opinion_map.MapResult.to_json()

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")
        ordering = ["consultation_id", "-computed_at", "-id"]
        indexes = [models.Index(fields=["consultation", "-computed_at"], name="consult_map_latest")]

    def __str__(self) -> str:
        return f"{self.consultation_id} {self.computed_at:%Y-%m-%d %H:%M}"
