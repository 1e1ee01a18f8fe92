"""Finding the competent resolver from the editable competence rules (legal-spec §1.4, §2.6)."""

from __future__ import annotations

from danvan.cases.models import CompetenceRule
from danvan.org.choices import UnitLevel
from danvan.org.models import Organization


def competent_body(*, track: str, round_: int, acted_by: Organization) -> Organization | None:
    """The body whose head resolves a case against an act of ``acted_by``; None when no rule applies."""
    level = "province" if acted_by.unit.level == UnitLevel.PROVINCE else "commune"
    rule = (
        CompetenceRule.objects.filter(
            track=track, round=round_, acted_by_kind=acted_by.kind_id, acted_by_level=level, is_active=True
        )
        .select_related("resolver_kind")
        .first()
    )
    if rule is None:
        return None
    if rule.resolver == CompetenceRule.Resolver.SAME:
        return acted_by
    if rule.resolver == CompetenceRule.Resolver.PARENT:
        return acted_by.parent
    province = acted_by.unit if acted_by.unit.level == UnitLevel.PROVINCE else acted_by.unit.province
    return (
        Organization.objects.filter(kind=rule.resolver_kind, unit=province, is_active=True)
        .order_by("depth", "pk")
        .first()
    )
