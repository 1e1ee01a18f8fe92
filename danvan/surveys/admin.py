"""Operators edit methodologies, templates and campaigns. Responses and invitations have no admin:
answers are read only as aggregates (screens), and who was invited stays out of sight."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.core.outbox import enqueue_atomically
from danvan.org import permissions
from danvan.org.admin import AuditedOperatorAdmin
from danvan.surveys.models import Campaign, Criterion, Factor, IndexSnapshot, Methodology, SurveyTemplate


@admin.register(Methodology)
class MethodologyAdmin(AuditedOperatorAdmin):
    """A methodology in use is frozen: published indices must stay reproducible. Change it by saving
    a new version ("Save as new"), then point the template at it; the indices are recomputed."""

    list_display = ["name", "code", "version", "mark", "min_sample", "confidence", "exclude_flagged"]
    save_as = True

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and IndexSnapshot.objects.filter(methodology=obj).exists():
            return [f.name for f in Methodology._meta.concrete_fields if f.name not in {"id", "version", "code"}]
        return []


class FactorInline(admin.TabularInline):
    model = Factor
    extra = 0
    fields = ["sort_order", "code", "name", "name_en"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["sort_order", "factor", "code", "text", "text_en", "aspects", "tracks"]


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(AuditedOperatorAdmin):
    list_display = ["name", "code", "kind", "methodology", "mark", "is_active"]
    list_filter = ["kind", "is_active"]
    inlines = [FactorInline, CriterionInline]

    def save_model(self, request: HttpRequest, obj: SurveyTemplate, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "methodology" in form.changed_data:
            from danvan.surveys.tasks import snapshots_refresh_recent

            # The published indices follow the new methodology from the next refresh, queued now.
            enqueue_atomically(snapshots_refresh_recent, False)
            self.message_user(request, _("The indices will be recomputed with the new methodology."))


@admin.register(Campaign)
class CampaignAdmin(AuditedOperatorAdmin):
    list_display = ["title", "code", "template", "starts_on", "ends_on", "status", "owner"]
    list_filter = ["status", "template"]
    search_fields = ["title", "code"]
    autocomplete_fields = ["owner", "organizations", "units"]
    prepopulated_fields = {"code": ["title"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Campaign]:
        # An operator sees and edits the campaigns his bodies organize (the choices of every body field
        # are limited by OperatorAdmin); survey templates and methodologies stay national reference data.
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_filter(request.user, permissions.MANAGE_ORGANIZATION, "owner"))
        )
