"""The operators' administration site, in Vietnamese.

Operators (role ``operator``) get ``is_staff`` from ``services.role_assign``; here they see and
change only the bodies their operator role covers. Writes go through the services, so the admin
writes the same audit events as the web pages and the CLI.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import audit_record, snapshot
from danvan.org import permissions, services
from danvan.org.models import (
    AdministrativeUnit,
    Organization,
    OrganizationKind,
    Position,
    RoleAssignment,
    UnitSuccession,
    User,
)

ORGANIZATION_FIELDS = ["code", "name", "short_name", "kind", "unit", "parent", "email", "phone", "address", "is_active"]
ROLE_FIELDS = ["user", "role", "organization", "include_subtree", "start_on", "end_on"]


def _operator(request: HttpRequest) -> bool:
    return permissions.user_may(request.user, permissions.OPEN_ADMIN)


class OperatorAdmin(admin.ModelAdmin):
    """Open to superusers and operators; everything else follows ``org.permissions``."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _operator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _operator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _operator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _operator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))


class AuditedOperatorAdmin(OperatorAdmin):
    """For plain reference data (topics, routing rules): every save and delete goes to the audit log."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action=f"{obj._meta.label_lower}.save", obj=obj, before=before,
                     after=snapshot(obj))  # fmt: skip

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before = snapshot(obj)
        audit_record(actor=request.user, action=f"{obj._meta.label_lower}.delete", obj=obj, before=before)
        super().delete_model(request, obj)


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(OperatorAdmin):
    list_display = ["code", "name", "division_type", "era", "level", "province", "is_remote_area"]
    list_filter = ["era", "level", "division_type", "is_remote_area"]
    search_fields = ["name", "search_name", "=code"]
    list_select_related = ["province"]
    readonly_fields = [
        "era", "level", "code", "name", "short_name", "division_type", "codename", "parent", "province",
        "valid_from", "valid_to",
    ]  # fmt: skip
    fields = [*readonly_fields, "is_remote_area"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # units come from the package through `danvan load-units`

    def save_model(self, request: HttpRequest, obj: AdministrativeUnit, form: Any, change: bool) -> None:
        services.unit_set_remote_area(
            unit=obj, actor=request.user, is_remote_area=obj.is_remote_area, reason=str(_("edited in admin"))
        )


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(OperatorAdmin):
    list_display = ["predecessor", "successor", "is_partial", "effective_on"]
    list_filter = ["is_partial"]
    search_fields = ["predecessor__name", "successor__name"]
    list_select_related = ["predecessor__province", "successor__province"]
    readonly_fields = ["predecessor", "successor", "is_partial", "effective_on"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OrganizationKind)
class OrganizationKindAdmin(OperatorAdmin):
    list_display = ["name", "code", "sector", "level", "is_active", "sort_order"]
    list_filter = ["sector", "level", "is_active"]
    list_editable = ["is_active", "sort_order"]
    search_fields = ["name", "code"]

    def save_model(self, request: HttpRequest, obj: OrganizationKind, form: Any, change: bool) -> None:
        values = {f: getattr(obj, f) for f in ["name", "name_en", "sector", "level", "description", "is_active",
                                                "sort_order"]}  # fmt: skip
        services.organization_kind_upsert(actor=request.user, code=obj.code, **values)


@admin.register(Organization)
class OrganizationAdmin(OperatorAdmin):
    list_display = ["name", "kind", "unit", "parent", "is_active"]
    list_filter = ["kind__sector", "kind", "is_active"]
    search_fields = ["name", "search_name", "code"]
    autocomplete_fields = ["unit", "parent"]
    list_select_related = ["kind", "unit", "parent"]
    fields = tuple(ORGANIZATION_FIELDS)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organization]:
        return (
            super().get_queryset(request).filter(permissions.scope_filter(request.user, permissions.VIEW_ORGANIZATION))
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return _operator(request)
        return permissions.user_may(request.user, permissions.MANAGE_ORGANIZATION, obj)

    def save_model(self, request: HttpRequest, obj: Organization, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in ORGANIZATION_FIELDS}
        if change:
            original = Organization.objects.get(pk=obj.pk)
            updated = services.organization_update(organization=original, actor=request.user, **values)
            obj.pk, obj.path = updated.pk, updated.path
        else:
            created = services.organization_create(actor=request.user, **values)
            obj.pk, obj.path = created.pk, created.path


@admin.register(Position)
class PositionAdmin(OperatorAdmin):
    list_display = ["person", "title", "organization", "is_head", "start_on", "end_on"]
    search_fields = ["person__username", "person__full_name", "title", "organization__name"]
    autocomplete_fields = ["person", "organization"]
    list_select_related = ["person", "organization"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Position]:
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_filter(request.user, permissions.VIEW_ORGANIZATION, "organization"))
        )

    def save_model(self, request: HttpRequest, obj: Position, form: Any, change: bool) -> None:
        permissions.require(request.user, permissions.MANAGE_ORGANIZATION, obj.organization)
        before = snapshot(Position.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="org.position_save", obj=obj, before=before, after=snapshot(obj))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(OperatorAdmin):
    list_display = ["user", "role", "organization", "include_subtree", "start_on", "end_on"]
    list_filter = ["role", "include_subtree"]
    search_fields = ["user__username", "user__full_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]
    fields = tuple(ROLE_FIELDS)

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleAssignment]:
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_filter(request.user, permissions.ASSIGN_ROLE, "organization"))
        )

    def save_model(self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool) -> None:
        saved = services.role_assign(actor=request.user, **{f: form.cleaned_data[f] for f in ROLE_FIELDS},
                                     reason=str(_("edited in admin")))  # fmt: skip
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        services.role_revoke(actor=request.user, assignment=obj, reason=str(_("removed in admin")))


@admin.register(User)
class UserAdmin(OperatorAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ["is_active", "is_staff"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        users = super().get_queryset(request)
        # An operator must not be able to take over a superuser account (e.g. by resetting its password).
        return users if request.user.is_superuser else users.filter(is_superuser=False)


def _admin_has_permission(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff and _operator(request))


admin.site.has_permission = _admin_has_permission  # type: ignore[method-assign]
admin.site.site_header = _("Dân Vận Số — Administration")
admin.site.site_title = _("Dân Vận Số")
admin.site.index_title = _("Operator administration")
