"""The Open311 services an operator publishes: a kind of case, optionally narrowed to one topic."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.cases.choices import Track
from danvan.core.models import TimeStampedModel

# Tố cáo never appears in Open311 (Luật Tố cáo 2018, Điều 47: not even its existence); unclassified
# petitions might turn out to be one.
PUBLISHABLE_TRACKS = (Track.PAKN, Track.KHIEU_NAI)


class Open311Service(TimeStampedModel):
    """One GeoReport ``service``: a (track, topic) pair partners may submit to and read back."""

    code = models.SlugField(_("service code"), max_length=80, unique=True)
    track = models.CharField(
        _("track"), max_length=20, choices=[(t.value, t.label) for t in PUBLISHABLE_TRACKS], default=Track.PAKN
    )
    topic = models.ForeignKey(
        "cases.TopicCategory", verbose_name=_("topic"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    group = models.CharField(_("group"), max_length=120, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True, help_text=_("Comma-separated."))
    is_published = models.BooleanField(_("published"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)

    class Meta:
        verbose_name = _("Open311 service")
        verbose_name_plural = _("Open311 services")
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["track", "topic"], name="open311_service_track_topic_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def clean(self) -> None:
        if self.track not in PUBLISHABLE_TRACKS:
            raise ValidationError({"track": _("Only feedback and complaints can be published through Open311.")})
