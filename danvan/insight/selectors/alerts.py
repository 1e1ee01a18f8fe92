"""Reading early warnings: only in the reader's scope, and of the cases behind one only those they may open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from danvan.cases.models import Case, TopicCategory
from danvan.cases.selectors import staff_visible
from danvan.core.errors import NotFound
from danvan.insight import permissions as insight_permissions
from danvan.insight.models import Alert, AlertCase
from danvan.insight.selectors.sources import shared_case_filter
from danvan.org import permissions


def alerts_for(*, user: Any, status: str = "") -> QuerySet[Alert]:
    """The alerts of the bodies ``user`` reads alerts in, newest signal first; ``status`` "" is all."""
    alerts = Alert.objects.filter(permissions.scope_filter(user, insight_permissions.VIEW_ALERTS, "organization"))
    if status:
        alerts = alerts.filter(status=status)
    return alerts.select_related("organization", "unit").order_by("-last_seen_at", "-id")


def alert_get_for(*, user: Any, pk: int) -> Alert:
    """One alert, or ``NotFound`` when it does not exist or is outside the reader's scope (the same answer)."""
    alert = Alert.objects.select_related("organization", "unit", "status_changed_by").filter(pk=pk).first()
    if alert is None or not permissions.user_may(user, insight_permissions.VIEW_ALERTS, alert):
        raise NotFound("alert not found")
    return alert


# Figures kept with an alert that are not shown as figures: a crowd's visits are reception's register rows,
# read there by who may read the register; the parts of its title are shown as its title (Alert.display_title).
NOT_FIGURES = frozenset({"visits", "title"})


def alert_figures(alert: Alert) -> dict[str, Any]:
    """The alert's figures as shown to its readers (page and REST API), in their stored order."""
    return {name: value for name, value in alert.figures.items() if name not in NOT_FIGURES}


@dataclass(frozen=True)
class AlertCases:
    shown: QuerySet[Case]  # the cases behind the alert that the reader may open
    hidden: int  # how many more there are that they may not (a number only: never which)


def alert_cases_for(*, user: Any, alert: Alert) -> AlertCases:
    behind = AlertCase.objects.filter(alert=alert).values("case_id")
    shown = (
        Case.objects.filter(pk__in=behind)
        .filter(staff_visible(user))
        .select_related("handling_organization", "place_unit", "topic")
        .order_by("-received_on", "-id")
    )
    # the others are counted, never named; a tố cáo the reader may not open is not even counted
    hidden = Case.objects.filter(pk__in=behind).filter(shared_case_filter()).exclude(staff_visible(user)).count()
    return AlertCases(shown=shown, hidden=hidden)


def alert_topic_name(alert: Alert) -> str:
    """The name of the topic an alert is about (it keeps the topic's code), or "" without one."""
    if not alert.topic:
        return ""
    return TopicCategory.objects.filter(code=alert.topic).values_list("name", flat=True).first() or alert.topic
