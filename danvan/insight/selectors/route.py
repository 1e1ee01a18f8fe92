"""Routing's reads: what was suggested for a case, and the names behind the codes. The case itself is read
by its page through ``cases.selectors`` (which gates it); these add nothing about any other case."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, TopicCategory
from danvan.insight.models import RoutingSuggestion
from danvan.org import permissions
from danvan.org.models import Organization

# Why a reader may not triage a case (``route_triage_refusal``); "" when they may.
NOT_TRIAGED_TO_CAO, NOT_HANDLER, NOT_WAITING = "to_cao", "not_handler", "not_waiting"


def route_triage_refusal(user: Any, case: Case) -> str:
    """Why ``user`` may not see or use the routing suggestions of ``case``, or "" when they may: never on a tố
    cáo (the model never reads nor suggests denunciations), only who may handle the case, only while it waits
    at its body (received). The case page's panel and the REST API both ask this."""
    if case.track == Track.TO_CAO:
        return NOT_TRIAGED_TO_CAO
    if not permissions.user_may(user, case_permissions.HANDLE, case):
        return NOT_HANDLER
    if case.status != Status.RECEIVED:
        return NOT_WAITING
    return ""


def route_may_triage(user: Any, case: Case) -> bool:
    return not route_triage_refusal(user, case)


def route_suggestion_for(case_id: int) -> RoutingSuggestion | None:
    return RoutingSuggestion.objects.select_related("version").filter(case_id=case_id).first()


def route_names(topics: Iterable[str], bodies: Iterable[int]) -> tuple[dict[str, str], dict[int, str]]:
    """The topics' names by code and the bodies' names by id (two queries)."""
    topic_names = dict(TopicCategory.objects.filter(code__in=set(topics)).values_list("code", "name"))
    body_names = dict(Organization.objects.filter(pk__in=set(bodies)).values_list("pk", "name"))
    return topic_names, body_names


def route_topics() -> list[tuple[str, str]]:
    """Every topic in use, for the clerk's other choice."""
    return list(TopicCategory.objects.filter(is_active=True).values_list("code", "name"))
