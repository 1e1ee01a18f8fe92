"""Operators edit topics and routing rules; cases themselves are handled in the staff screens."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from danvan.cases.models import CompetenceRule, IntakeQueue, RoutingRule, TopicCategory
from danvan.org import permissions
from danvan.org.admin import AuditedOperatorAdmin


@admin.register(TopicCategory)
class TopicCategoryAdmin(AuditedOperatorAdmin):
    list_display = ["name", "code", "is_active", "sort_order"]
    list_editable = ["is_active", "sort_order"]
    search_fields = ["name", "code"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedOperatorAdmin):
    list_display = ["organization", "track", "topic", "unit", "priority", "is_active"]
    list_filter = ["track", "is_active", "topic"]
    autocomplete_fields = ["organization", "unit"]
    list_select_related = ["organization", "topic", "unit"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoutingRule]:
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_filter(request.user, permissions.MANAGE_ORGANIZATION, "organization"))
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return permissions.user_may(request.user, permissions.MANAGE_ORGANIZATION, obj.organization)

    def save_model(self, request: HttpRequest, obj: RoutingRule, form: Any, change: bool) -> None:
        # An operator may only route cases to bodies inside their own tree.
        permissions.require(request.user, permissions.MANAGE_ORGANIZATION, obj.organization)
        super().save_model(request, obj, form, change)


@admin.register(IntakeQueue)
class IntakeQueueAdmin(RoutingRuleAdmin):
    """Where petitions with no commune go, and who is told (docs/places.md); guarded like routing."""

    list_display = ["province", "organization", "owner", "is_active"]
    list_filter = ["is_active"]
    autocomplete_fields = ["province", "organization", "owner"]
    list_select_related = ["province", "organization", "owner"]


@admin.register(CompetenceRule)
class CompetenceRuleAdmin(AuditedOperatorAdmin):
    list_display = ["track", "round", "acted_by_kind", "acted_by_level", "resolver", "resolver_kind", "confidence",
                    "legal_basis", "is_active"]  # fmt: skip
    list_filter = ["track", "round", "confidence", "is_active"]
    list_select_related = ["acted_by_kind", "resolver_kind"]
