"""Routing's reads: what was suggested for a case, and the names behind the codes. The case itself is read
by its page through ``cases.selectors`` (which gates it); these add nothing about any other case."""

from __future__ import annotations

from collections.abc import Iterable

from danvan.cases.models import TopicCategory
from danvan.insight.models import RoutingSuggestion
from danvan.org.models import Organization


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
