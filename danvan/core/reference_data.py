"""Who edits a national rule table (the deadline rules and calendar, the evaluation methodology, the Dân vận
khéo scorecard, the commitment years, the training requirements, the commendation forms and authority table).

One row set serves the whole country, so a role over a unit (a province's, a ward's) is no ground to change
it. The rule lives here, below ``org`` and ``deadlines`` (which sit side by side in the layers contract and
may not import each other), so both ask the same question.
"""

from __future__ import annotations

from typing import Any

from danvan.core.errors import PermissionDenied


def may_edit_reference_data(user: Any, permission: str) -> bool:
    """National rule tables are edited by people granted the table's model permission (``"<app>.change_<model>"``)
    explicitly, not by a role over a unit: signed in, active, ``is_staff``, and ``user.has_perm(permission)``.

    ``has_perm`` is answered by ``org.backends.RoleBackend`` from the registered actions only: Django's own
    per-person permissions and groups grant nothing (docs/security.md, "Authority comes only from roles").
    A permission no role is registered for (emulation's rule tables) is held by superusers alone; one a role
    is registered for (the deadline calendar's, by the operator role) is held by that role's holders."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.has_perm(permission)
    )


def require_reference_data_editor(user: Any, permission: str) -> None:
    """Services call this first: ``PermissionDenied`` (code ``forbidden``) unless ``may_edit_reference_data``."""
    if not may_edit_reference_data(user, permission):
        raise PermissionDenied(f"not allowed: {permission}", code="forbidden")
