"""The admin for rule rows, calendar overrides and announced years. Every save goes through
``services`` so the admin checks and audits exactly like the operator screens."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.admin import AdminInputMixin
from danvan.deadlines import services
from danvan.deadlines.forms import CalendarOverrideAdminForm, CalendarYearAdminForm, DeadlineRuleAdminForm
from danvan.deadlines.models import CalendarOverride, CalendarYear, DeadlineRule

KEY_FIELDS = ("procedure", "step", "regime", "complex_case", "remote_area")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AdminInputMixin, admin.ModelAdmin):
    """Rows are seeded by migration and corrected here; a new key is a new rule and needs a migration."""

    form = DeadlineRuleAdminForm
    list_display = [
        "procedure", "step", "regime", "complex_case", "remote_area", "period", "unit", "legal_basis", "confidence",
    ]  # fmt: skip
    list_filter = ["procedure", "regime", "confidence", "unit", "kind", "statutory"]
    search_fields = ["step", "label", "legal_basis", "source", "note"]
    readonly_fields = KEY_FIELDS
    fieldsets = [
        (None, {"fields": [*KEY_FIELDS, "label", "kind", "trigger"]}),
        (gettext_lazy("Period"), {"fields": ["period", "unit", "legal_basis", "source", "confidence"]}),
        (
            gettext_lazy("Other reading"),
            {"fields": ["alt_period", "alt_unit", "alt_legal_basis", "alt_confidence", "reading"]},
        ),
        (
            gettext_lazy("Extensions"),
            {
                "fields": [
                    "extension_period",
                    "max_extensions_normal",
                    "max_extensions_complex",
                    "max_extensions_especially_complex",
                    "extension_legal_basis",
                ]
            },
        ),
        (
            gettext_lazy("Clock"),
            {"fields": ["on_transfer", "warn_percent", "statutory", "effective_from", "note", "reason"]},
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: DeadlineRule, form: Any, change: bool) -> None:
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in services.RULE_EDITABLE_FIELDS}
        services.deadline_rule_update(actor=request.user, rule=obj, changes=changes, reason=form.cleaned_data["reason"])


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AdminInputMixin, admin.ModelAdmin):
    form = CalendarOverrideAdminForm
    list_display = ["on", "kind", "note", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["note"]
    date_hierarchy = "on"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # Moving an override to another date is a removal plus a new override: two audit events.
        return ("on",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        saved = services.calendar_override_set(actor=request.user, on=obj.on, kind=obj.kind, note=obj.note)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        services.calendar_override_remove(actor=request.user, on=obj.on, reason=_("Deleted in the administration"))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(CalendarYear)
class CalendarYearAdmin(AdminInputMixin, admin.ModelAdmin):
    form = CalendarYearAdminForm
    list_display = ["year", "announcement", "updated_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("year",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        saved = services.calendar_year_announce(actor=request.user, year=obj.year, announcement=obj.announcement)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarYear) -> None:
        services.calendar_year_withdraw(actor=request.user, year=obj.year, reason=_("Deleted in the administration"))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarYear]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
