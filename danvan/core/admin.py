from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Field
from django.http import HttpRequest, HttpResponse

from danvan.core import parsing
from danvan.core.models import AuditEvent


def valid_ids(field: Field[Any, Any], values: Iterable[Any]) -> list[Any]:
    """The values that are ids of ``field`` (a primary key, or the field a foreign key points at): a value
    it cannot hold (``²``, ``5/QĐ-UBND``, a 40-digit number) would make a lookup a server error."""
    kept = []
    for value in values:
        try:
            field.run_validators(field.to_python(value))
        except ValidationError:
            continue
        kept.append(value)
    return kept


def refuse_nul(request: HttpRequest) -> None:
    """PostgreSQL cannot hold U+0000 in text, not even as a query's parameter: a query string with one
    (a search, a filter, an autocomplete term) is bad input (400), refused before any query."""
    if parsing.holds_nul(value for _name, values in request.GET.lists() for value in values):
        raise BadRequest("NUL character in the query string")


class AdminInputMixin(admin.ModelAdmin):
    """Bad input to an admin is refused, never a server error: a query string with a NUL character
    (``refuse_nul``); a selection for an action that is no id of the model is dropped (none left: Django's
    "Items must be selected"), instead of failing in the action's query."""

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        refuse_nul(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refuse_nul(request)
        return super().changeform_view(request, *args, **kwargs)

    def response_action(self, request: HttpRequest, queryset: Any, *args: Any, **kwargs: Any) -> HttpResponse | None:
        post = request.POST.copy()
        post.setlist(helpers.ACTION_CHECKBOX_NAME,
                     valid_ids(self.model._meta.pk, post.getlist(helpers.ACTION_CHECKBOX_NAME)))  # fmt: skip
        request.POST = post  # type: ignore[assignment]
        return super().response_action(request, queryset, *args, **kwargs)


@admin.register(AuditEvent)
class AuditEventAdmin(AdminInputMixin, admin.ModelAdmin):
    """Read-only: the audit log is reviewed, never edited."""

    list_display = ["at", "actor_label", "action", "object_type", "object_repr", "reason"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_repr", "object_id", "reason"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
