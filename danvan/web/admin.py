"""Permissions named in Vietnamese in the admin's group form.

Django stores each permission's name in English when it creates it ("Can add access attempt"), so the
group form listed them in English whatever the language. The label is rebuilt from what the permission
is: the action of a default permission (add, change, delete, view) and its model's verbose name, both
translated; any other permission's stored name goes through the catalogue.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext, gettext_noop

_ACTIONS = {
    "add": gettext_noop("Can add %(model)s"),
    "change": gettext_noop("Can change %(model)s"),
    "delete": gettext_noop("Can delete %(model)s"),
    "view": gettext_noop("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """ "Cơ quan | cơ quan | Được thêm cơ quan": app, model and what the permission allows, translated."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is not None and action in _ACTIONS and model_name == model._meta.model_name:
        allowed = gettext(_ACTIONS[action]) % {"model": model._meta.verbose_name}
        return f"{content_type} | {allowed}"
    return f"{content_type} | {gettext(permission.name)}"


def _labelled(field: Any) -> Any:
    queryset = getattr(field, "queryset", None)
    if isinstance(field, forms.ModelMultipleChoiceField) and queryset is not None and queryset.model is Permission:
        field.label_from_instance = permission_label  # type: ignore[method-assign, assignment]
        field.queryset = queryset.select_related("content_type")
    return field


if admin.site.is_registered(Group):
    _registered = type(admin.site._registry[Group])

    class GroupAdmin(_registered):  # type: ignore[misc, valid-type]
        def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
            return _labelled(super().formfield_for_manytomany(db_field, request, **kwargs))

    admin.site.unregister(Group)
    admin.site.register(Group, GroupAdmin)


# django-axes names its records in English in code ("Access Log for an @ 2026-02-05…"), and the admin
# shows that name as a page's title and in its breadcrumbs. Named here in the catalogue's words.
def _axes_names() -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import formats

    def when(moment: Any) -> str:
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT") if moment else ""

    def failure(self: Any) -> str:
        return gettext("Failed sign-in by %(username)s at %(time)s from %(ip)s") % {
            "username": self.username, "time": when(self.attempt_time), "ip": self.ip_address}  # fmt: skip

    def attempt(self: Any) -> str:
        return gettext("Sign-in attempts at %(time)s") % {"time": when(self.attempt_time)}

    def log(self: Any) -> str:
        return gettext("Sign-in of %(username)s at %(time)s") % {"username": self.username,
                                                                  "time": when(self.attempt_time)}  # fmt: skip

    AccessFailureLog.__str__ = failure
    AccessAttempt.__str__ = attempt
    AccessLog.__str__ = log


_axes_names()
