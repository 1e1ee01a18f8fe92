"""Operators issue and revoke partners' API keys here; the key is shown once, right after issuing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.org import permissions
from danvan.org.admin import OperatorAdmin
from danvan.partners import permissions as partner_permissions
from danvan.partners import services
from danvan.partners.choices import Scope
from danvan.partners.models import ApiKey


class ApiKeyForm(forms.ModelForm):
    actor: Any = None
    scopes = forms.MultipleChoiceField(label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ApiKey
        fields = ["organization", "name", "scopes", "user", "expires_at", "rate_limit_per_minute", "consent_agreement"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        errors = services.api_key_validate(name=data.get("name") or "", scopes=data.get("scopes") or [],
                                           user=data.get("user"), expires_at=data.get("expires_at"),
                                           issuer=self.actor)  # fmt: skip
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)
        return data


@admin.register(ApiKey)
class ApiKeyAdmin(OperatorAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "organization", "scopes", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization", "user"]
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiKey]:
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_filter(request.user, partner_permissions.MANAGE_KEYS, "organization"))
        )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form: Any = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A key is changed only by revoking it: a new scope or owner means a new key.
        if obj is not None:
            return ["organization", "name", "scopes", "user", "expires_at", "rate_limit_per_minute",
                    "consent_agreement", "prefix", "revoked_at", "last_used_at", "created_by"]  # fmt: skip
        return []

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:
            return
        # The form ran the same checks (api_key_validate): an error here is a permission refusal.
        issued = services.api_key_issue(
            actor=request.user, organization=obj.organization, name=obj.name, scopes=list(obj.scopes),
            expires_at=obj.expires_at, user=obj.user, rate_limit_per_minute=obj.rate_limit_per_minute,
            consent_agreement=obj.consent_agreement,
        )  # fmt: skip
        obj.pk = issued.api_key.pk
        messages.warning(
            request,
            gettext("The key is shown only this once; copy it now: %(key)s") % {"key": issued.plaintext},
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the audit trail keeps every key that ever existed

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for key in queryset:
            services.api_key_revoke(actor=request.user, api_key=key, reason=gettext("revoked in admin"))
        messages.success(request, gettext("The selected keys were revoked."))
