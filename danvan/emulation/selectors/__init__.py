"""Emulation's reads, one module per part, through the permission gate."""

from typing import Any


def holds_at_province(user: Any, action: str) -> bool:
    """Does ``user`` hold, today, a role allowed ``action`` WITH its subtree on a province-level body (the
    level that sets data for every body under it: the commitment years, the training requirements)? A
    ward's holder, or one without the subtree, does not. Superusers do."""
    from danvan.core import clock
    from danvan.org import permissions
    from danvan.org.choices import UnitLevel
    from danvan.org.models import RoleAssignment

    if not permissions.user_may(user, action):
        return False
    if user.is_superuser:
        return True
    return (
        RoleAssignment.objects.active_on(clock.today())
        .filter(user_id=user.pk, role__in=permissions.registered_actions()[action].roles, include_subtree=True,
                organization__unit__level=UnitLevel.PROVINCE)
        .exists()
    )  # fmt: skip
