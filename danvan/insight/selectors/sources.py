"""What insight's deployment-wide reads may learn from and count: the one rule, used by every part.

A tố cáo (denunciation) is used only by its own body (Luật Tố cáo 2018, Điều 47, 56: the denouncer is
protected, and the matter is for the body that settles it): never by a model or a count whose results others
read — the routing model, the topics and tone, the early warnings and the digest, the worst-rated themes. The
same holds for the rating of a tố cáo, whose invitation copies the track into ``service``."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from danvan.cases.choices import Track
from danvan.cases.models import Case


def shared_cases() -> QuerySet[Case]:
    """Every case a deployment-wide model or count may read: all but the tố cáo."""
    return Case.objects.exclude(track=Track.TO_CAO)


def shared_case_filter(prefix: str = "") -> Q:
    """The same rule as a filter on a related case (``prefix`` "case__" …): not a tố cáo."""
    return ~Q(**{f"{prefix}track": Track.TO_CAO})


def shared_rating_filter(prefix: str = "") -> Q:
    """Ratings a deployment-wide model or figure may read: not the rating of a tố cáo (``service`` is the track)."""
    return ~Q(**{f"{prefix}service": Track.TO_CAO})
