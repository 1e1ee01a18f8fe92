"""The boards part's morning sweep (run by tasks.democracy_sweep): a recommendation not answered by its
due date is escalated once, to the addressed body's parent and the commune Front (notified)."""

from __future__ import annotations

import datetime as dt

from danvan.democracy.enums import RecommendationStatus
from danvan.democracy.models import Recommendation


def sweep(today: dt.date) -> dict[str, int]:
    from danvan.democracy.services.boards import recommendation_escalate

    due = Recommendation.objects.filter(
        status=RecommendationStatus.SENT, escalated_on__isnull=True, due_on__lt=today
    ).order_by("pk")
    escalated = sum(1 for rec in due if recommendation_escalate(recommendation=rec, today=today))
    return {"escalated": escalated}
