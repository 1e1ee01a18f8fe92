"""Routing rules that another capability needs to exist, kept idempotent (issue 16: a commune's Ban
Thanh tra nhân dân receives the citizens' reports filed on its topic). Operators edit rules in the
admin; this only makes sure one rule exists, and never changes a rule an operator edited."""

from __future__ import annotations

from typing import Any

from danvan.cases.models import RoutingRule, TopicCategory


def routing_rule_ensure(
    *, track: str, topic_code: str, topic_name: str, topic_name_en: str, unit: Any, organization: Any, note: str
) -> None:
    """The topic (created when missing) and one active rule (track, topic, unit) → ``organization``."""
    topic, _created = TopicCategory.objects.get_or_create(
        code=topic_code, defaults={"name": topic_name, "name_en": topic_name_en}
    )
    RoutingRule.objects.get_or_create(
        track=track, topic=topic, unit=unit, organization=organization, defaults={"priority": 10, "note": note}
    )
