"""Sign-in by password, and Django's ``user.has_perm`` answered from org roles only.

Authority comes only from ``RoleAssignment`` rows (``org.permissions``). Django's own model permissions
(``user.user_permissions``) and groups grant nothing here: they are not scoped to a body, leave no
audit event when granted, and would be a second, invisible way in. This backend replaces Django's
``ModelBackend`` in ``AUTHENTICATION_BACKENDS``; it keeps only its password check.

Apps beside org in the layers (``deadlines``) may not import it; they ask ``user.has_perm("app.perm")``
and this backend answers from the role assignments, through the same registry as ``user_may``. The
admin asks the same (``has_view_permission`` … and ``has_module_perms``), so a model whose permission
no role is registered for is open to superusers alone.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import QuerySet

from danvan.org import permissions


class RoleBackend(ModelBackend):
    """``ModelBackend.authenticate`` (password, active users only); permissions from roles alone."""

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if perm not in permissions.registered_actions():
            return False
        return permissions.user_may(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(
            name.startswith(f"{app_label}.") and permissions.user_may(user_obj, name)
            for name in permissions.registered_actions()
        )

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()  # a permission given to the person directly grants nothing

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()  # nor one given to a Django group they are in

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        """The registered actions ``user_obj`` may do (anywhere, or on ``obj``): what ``has_perm`` grants."""
        return {name for name in permissions.registered_actions() if self.has_perm(user_obj, name, obj)}

    def with_perm(
        self, perm: Any, is_active: bool = True, include_superusers: bool = True, obj: Any = None
    ) -> QuerySet[Any]:
        """Not answered here: who holds a role where is a scoped question for ``org.permissions``
        (``scope_filter``), and Django's answer would come from the permissions this backend ignores."""
        raise NotImplementedError("ask org.permissions for who may do an action, not User.objects.with_perm")
