"""Django's ``user.has_perm`` answered from org roles.

Apps beside org in the layers (``deadlines``) may not import it; they ask ``user.has_perm("app.perm")``
and this backend answers from the role assignments, through the same registry as ``user_may``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from danvan.org import permissions


class RoleBackend(BaseBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if perm not in permissions.registered_actions():
            return False
        return permissions.user_may(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(
            name.startswith(f"{app_label}.") and permissions.user_may(user_obj, name)
            for name in permissions.registered_actions()
        )
