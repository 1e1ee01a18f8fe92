"""The operators' administration site, in Vietnamese.

Operators (role ``operator``) get ``is_staff`` from ``services.role_assign``; here they see and
change only the bodies their operator role covers. Writes go through the services, so the admin
writes the same audit events as the web pages and the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import admin as _otp_admin  # noqa: F401 - registered first, unregistered below
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core.admin import AdminInputMixin, refuse_nul, valid_ids
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import DomainError, PermissionDenied
from danvan.org import permissions, second_factor, services
from danvan.org.choices import Role
from danvan.org.models import (
    AdministrativeUnit,
    Organization,
    OrganizationKind,
    Position,
    RoleAssignment,
    RoleGrantRequest,
    UnitSuccession,
    User,
)

ORGANIZATION_FIELDS = ["code", "name", "short_name", "kind", "unit", "parent", "email", "phone", "address", "is_active"]
ROLE_FIELDS = ["user", "role", "organization", "include_subtree", "start_on", "end_on"]


def _operator(request: HttpRequest) -> bool:
    return permissions.user_may(request.user, permissions.OPEN_ADMIN)


def scoped_choices(model: Any, request: HttpRequest) -> QuerySet[Any] | None:
    """What an operator may pick in a form field pointing at ``model``: bodies he manages, people he
    manages (``permissions.manageable_users_filter``). ``None``: the model is national reference data."""
    if model is Organization:
        return Organization.objects.filter(permissions.scope_filter(request.user, permissions.MANAGE_ORGANIZATION))
    if model is User:
        return User.objects.filter(permissions.manageable_users_filter(request.user))
    return None


class _ShowsOnlyIds:
    """Django's autocomplete widget looks the posted values up to show them again on a refused form; a
    value that is no id of the remote model (``²``, a 40-digit number) made that lookup a server error.
    The field itself refuses such a value with a message; the widget shows it as not chosen."""

    field: Any

    def optgroups(self, name: str, value: Sequence[str], attr: Any = None) -> list[tuple[Any, list[Any], Any]]:
        remote = self.field.remote_field
        target = remote.model._meta.get_field(getattr(remote, "field_name", None) or remote.model._meta.pk.name)
        return super().optgroups(name, valid_ids(target, value), attr)  # type: ignore[misc]


class SafeAutocompleteSelect(_ShowsOnlyIds, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ShowsOnlyIds, AutocompleteSelectMultiple):
    pass


class OperatorAdmin(AdminInputMixin, admin.ModelAdmin):
    """Open to superusers and operators; everything else follows ``org.permissions``. Every field that
    points at a body or a person offers (and accepts) only those in the operator's reach."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        choices = scoped_choices(db_field.related_model, request)
        if choices is not None:
            kwargs["queryset"] = choices
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        choices = scoped_choices(db_field.related_model, request)
        if choices is not None:
            kwargs["queryset"] = choices
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

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

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The map is national reference data everyone reads; an operator edits only his province's units.
        return _operator(request) if obj is None else permissions.may_edit_unit(request.user, obj)

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

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form: Any = super().get_form(request, obj, change=change, **kwargs)
        if not request.user.is_superuser and "parent" in form.base_fields:
            # Only a superuser places a body at the top, outside every operator's subtree.
            form.base_fields["parent"].required = True
        return form

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


def _grantable_roles(request: HttpRequest) -> list[tuple[str, Any]]:
    """The role choices an actor may grant directly: the ordinary roles and those he holds himself,
    never a sensitive one (that goes through a request for approval)."""
    sensitive = permissions.sensitive_roles()
    if request.user.is_superuser:
        allowed = set(Role.values)
    else:
        held = {str(r) for r in permissions.roles_of(request.user)}
        allowed = held | (set(Role.values) - {str(Role.OPERATOR)} - sensitive if Role.OPERATOR in held else set())
    return [(value, label) for value, label in Role.choices if value in allowed and value not in sensitive]


class RoleAssignmentForm(forms.ModelForm):
    """Refuses, with a message, what ``permissions.may_grant`` refuses (instead of a server error)."""

    actor: Any = None

    class Meta:
        model = RoleAssignment
        fields = ROLE_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, organization, user = data.get("role"), data.get("organization"), data.get("user")
        if not role or organization is None or user is None:
            return data
        if role in permissions.sensitive_roles():
            self.add_error(
                "role",
                gettext(
                    "This role may open denouncers' identities: ask for it under "
                    "“Role grants waiting for approval”, where a second person approves it."
                ),
            )
        elif not permissions.may_grant(self.actor, role, organization, bool(data.get("include_subtree")), user):
            self.add_error(None, gettext("You may not grant this role on this body to this person."))
        return data


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(OperatorAdmin):
    form = RoleAssignmentForm
    list_display = ["user", "role", "organization", "include_subtree", "start_on", "end_on"]
    list_filter = ["role", "include_subtree"]
    search_fields = ["user__username", "user__full_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]
    fields = tuple(ROLE_FIELDS)

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleAssignment]:
        # Only the roles this person could have granted (and so may change or revoke).
        return super().get_queryset(request).filter(permissions.grantable_filter(request.user))

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form: Any = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        form.base_fields["role"].choices = [("", "---------"), *_grantable_roles(request)]
        return form

    def save_model(self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool) -> None:
        saved = services.role_assign(actor=request.user, **{f: form.cleaned_data[f] for f in ROLE_FIELDS},
                                     reason=str(_("edited in admin")))  # fmt: skip
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        services.role_revoke(actor=request.user, assignment=obj, reason=str(_("removed in admin")))


GRANT_FIELDS = ["user", "role", "organization", "include_subtree", "start_on", "end_on", "reason"]


class RoleGrantRequestForm(forms.ModelForm):
    actor: Any = None

    class Meta:
        model = RoleGrantRequest
        fields = GRANT_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, organization, user = data.get("role"), data.get("organization"), data.get("user")
        if (
            role
            and organization is not None
            and user is not None
            and not permissions.may_request_grant(
                self.actor, role, organization, bool(data.get("include_subtree")), user
            )
        ):
            self.add_error(None, gettext("You may not grant this role on this body to this person."))
        if not (data.get("reason") or "").strip():
            self.add_error("reason", gettext("Give a reason for granting this role."))
        return data


@admin.register(RoleGrantRequest)
class RoleGrantRequestAdmin(OperatorAdmin):
    """Sensitive roles (those that may open identities): one person asks, another approves."""

    form = RoleGrantRequestForm
    list_display = ["user", "role", "organization", "include_subtree", "status", "requested_by", "decided_by"]
    list_filter = ["status", "role"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization", "requested_by", "decided_by"]
    actions = ["approve", "reject"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleGrantRequest]:
        # Requests in the operator's scope: his own, and those he may be asked to approve.
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_filter(request.user, permissions.ASSIGN_ROLE, "organization"))
        )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form: Any = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        if "role" in form.base_fields:
            sensitive = permissions.sensitive_roles()
            form.base_fields["role"].choices = [("", "---------"), *[(v, lbl) for v, lbl in Role.choices
                                                                    if v in sensitive]]  # fmt: skip
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*GRANT_FIELDS, "status", "requested_by", "decided_by", "decided_at", "decision_note"] if obj else []

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and _operator(request)  # decided through the actions, never edited

    def save_model(self, request: HttpRequest, obj: RoleGrantRequest, form: Any, change: bool) -> None:
        saved = services.role_grant_request(actor=request.user, **{f: form.cleaned_data[f] for f in GRANT_FIELDS})
        obj.pk = saved.pk
        messages.info(request, gettext("The role is not in force until another authorised person approves it."))

    def _decide(self, request: HttpRequest, queryset: QuerySet[RoleGrantRequest], approve: bool) -> None:
        for pending in queryset:
            try:
                if approve:
                    services.role_grant_approve(actor=request.user, grant_request=pending)
                else:
                    services.role_grant_reject(actor=request.user, grant_request=pending,
                                               note=gettext("rejected in admin"))  # fmt: skip
            except DomainError as exc:
                messages.error(request, f"{pending}: {exc.message}")
            else:
                messages.success(request, f"{pending}: {gettext('approved') if approve else gettext('rejected')}")

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request: HttpRequest, queryset: QuerySet[RoleGrantRequest]) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Reject the selected requests"))
    def reject(self, request: HttpRequest, queryset: QuerySet[RoleGrantRequest]) -> None:
        self._decide(request, queryset, approve=False)


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
    actions = ["second_factor_reset"]
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ["is_active", "is_staff"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        # Every view of a person (list, change, password, autocomplete) goes through this: an operator
        # reaches only the accounts he may manage, never a superuser or someone with a role he could
        # not grant (else resetting a head's password would make him that head).
        return super().get_queryset(request).filter(permissions.manageable_users_filter(request.user))

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = snapshot(User.objects.get(pk=obj.pk)) if change else None
            if not change:
                obj.created_by = cast(User, request.user)
            super().save_model(request, obj, form, change)
            audit_record(actor=request.user, action="org.user_update" if change else "org.user_create", obj=obj,
                         before=before, after=snapshot(obj))  # fmt: skip
            if not change and obj.has_usable_password():
                services.user_password_changed(actor=request.user, user=obj, via="admin")

    @admin.action(description=_("Remove the authenticator app (lost phone): it must be set up again"))
    def second_factor_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        # The queryset is already the operator's manageable accounts; the service checks again.
        for person in queryset:
            try:
                count = second_factor.device_reset(actor=request.user, user=person)
            except PermissionDenied:
                messages.error(request, f"{person}: {gettext('not allowed')}")
            else:
                messages.success(request, f"{person}: {count}")

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # Django's view saves the form; the audit event commits with it or not at all.
        with transaction.atomic():
            target = self.get_object(request, id)
            before = target.password if target is not None else None
            response = super().user_change_password(request, id, form_url)
            if target is not None and request.method == "POST":
                target.refresh_from_db(fields=["password"])
                if target.password != before:
                    services.user_password_changed(actor=request.user, user=target, via="admin")
        return response


def _admin_has_permission(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff and _operator(request))


admin.site.has_permission = _admin_has_permission  # type: ignore[method-assign]
_autocomplete_view = admin.site.autocomplete_view


def _autocomplete_refusing_nul(request: HttpRequest) -> HttpResponse:
    refuse_nul(request)  # a NUL in the term was a server error on PostgreSQL
    return _autocomplete_view(request)


admin.site.autocomplete_view = _autocomplete_refusing_nul  # type: ignore[method-assign]
admin.site.site_header = _("Dân Vận Số — Administration")
admin.site.site_title = _("Dân Vận Số")
admin.site.index_title = _("Operator administration")

# Devices are never edited in the admin (it would show their secret keys): an operator removes a person's
# authenticator with the action on the person (UserAdmin.second_factor_reset), audited and scoped.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)

# The admins of the libraries registered before this module (django-axes' lockout logs) get the same
# guard on their actions as ours.
for _model, _model_admin in list(admin.site._registry.items()):
    if not isinstance(_model_admin, AdminInputMixin):
        admin.site.unregister(_model)
        admin.site.register(_model, type(type(_model_admin).__name__, (AdminInputMixin, type(_model_admin)), {}))
