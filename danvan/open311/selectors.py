"""Reads of the Open311 service list (the views hold no ORM)."""

from __future__ import annotations

from django.db.models import Q

from danvan.open311.models import PUBLISHABLE_TRACKS, Open311Service


def services_published() -> list[Open311Service]:
    """The services offered to partners: published, on a track Open311 may carry (never tố cáo), and
    whose topic, if any, is still in use."""
    return list(
        Open311Service.objects.filter(is_published=True, track__in=PUBLISHABLE_TRACKS)
        .filter(Q(topic__isnull=True) | Q(topic__is_active=True))
        .select_related("topic")
    )
