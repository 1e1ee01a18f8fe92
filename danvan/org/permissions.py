"""The one answer to "may this user do this action on this object?".

Every app registers its actions here with the roles that may perform them, and asks
``user_may`` before acting or ``scope_filter`` before listing. Authority comes only from
``RoleAssignment`` rows: a role held in a body covers that body, and with ``include_subtree`` every
body under it. An object tells which body it belongs to through ``permission_organization()``;
objects a citizen owns tell who owns them through ``permission_owner_id()``.

Least privilege: an action nobody registered is refused; anonymous users may only do actions
registered as public.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from django.db.models import Q

from danvan.core import clock
from danvan.org.choices import Role

if TYPE_CHECKING:
    from danvan.org.models import Organization, RoleAssignment

STAFF_ROLES = frozenset(Role) - {Role.CITIZEN}


@dataclass(frozen=True)
class ActionRule:
    name: str
    roles: frozenset[Role]
    public: bool = False
    owner_may: bool = False
    description: str = ""


_ACTIONS: dict[str, ActionRule] = {}


def register_action(
    name: str,
    *,
    roles: Iterable[Role] = (),
    public: bool = False,
    owner_may: bool = False,
    description: str = "",
) -> None:
    """Declare an action; apps call this from their ``AppConfig.ready``. Re-registering replaces."""
    _ACTIONS[name] = ActionRule(
        name=name, roles=frozenset(roles), public=public, owner_may=owner_may, description=description
    )


def registered_actions() -> dict[str, ActionRule]:
    return dict(_ACTIONS)


def _rule(action: str) -> ActionRule:
    try:
        return _ACTIONS[action]
    except KeyError:
        raise KeyError(f"unknown action {action!r}: register it with org.permissions.register_action") from None


@runtime_checkable
class Scoped(Protocol):
    def permission_organization(self) -> Organization | None: ...


def _active_assignments(user: Any) -> list[RoleAssignment]:
    """The user's roles in force today, read once per user object (per request)."""
    cached = getattr(user, "_danvan_role_cache", None)
    if cached is not None:
        return cached
    from danvan.org.models import RoleAssignment

    assignments = list(RoleAssignment.objects.active_on(clock.today()).filter(user=user).select_related("organization"))
    user._danvan_role_cache = assignments
    return assignments


def forget_cached_roles(user: Any) -> None:
    if hasattr(user, "_danvan_role_cache"):
        del user._danvan_role_cache


def roles_of(user: Any) -> set[Role]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return {Role(a.role) for a in _active_assignments(user)}


def user_may(user: Any, action: str, obj: Any = None) -> bool:
    """May ``user`` do ``action`` on ``obj``? With ``obj=None``: may they do it anywhere at all?"""
    rule = _rule(action)
    if rule.public:
        return True
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if obj is not None and rule.owner_may:
        owner_of = getattr(obj, "permission_owner_id", None)
        if owner_of is not None and owner_of() == user.pk:
            return True
    granting = [a for a in _active_assignments(user) if a.role in rule.roles]
    if obj is None:
        return bool(granting)
    scope = obj.permission_organization() if isinstance(obj, Scoped) else None
    if scope is None:
        # An object that belongs to no body is governed by the role alone.
        return bool(granting)
    return any(assignment.covers(scope) for assignment in granting)


def scope_filter(user: Any, action: str, field: str = "") -> Q:
    """A filter that keeps only the rows whose body ``user`` may do ``action`` on.

    ``field`` is the lookup path from the queried model to its ``Organization`` ("" when the
    queryset is of organizations themselves, "handling_organization" for a case …).
    """
    rule = _rule(action)
    nothing = Q(pk__in=[])
    if rule.public:
        return Q()
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return nothing
    if user.is_superuser:
        return Q()
    prefix = f"{field}__" if field else ""
    condition = nothing
    for assignment in _active_assignments(user):
        if assignment.role not in rule.roles:
            continue
        if assignment.include_subtree and field:
            # "The body's id is among the subtree's ids" rather than a join on the path: PostgreSQL
            # then walks the other table's index on its organization (a province's cases) instead of
            # joining every row to test its body's path (issue 7: 29 ms instead of 125 ms at 1M cases).
            from danvan.org.models import Organization

            subtree = Organization.objects.filter(path__startswith=assignment.organization.path).values("pk")
            condition |= Q(**{f"{field}__in": subtree})
        elif assignment.include_subtree:
            condition |= Q(path__startswith=assignment.organization.path)
        else:
            condition |= Q(**{f"{prefix}pk": assignment.organization_id})
    return condition


def same_scope(user: Any, first: str, second: str) -> bool:
    """Do ``scope_filter(user, first)`` and ``scope_filter(user, second)`` keep the same rows? (Lets a
    caller write one condition instead of two OR-ed ones, which the database plans far better.)"""
    one, two = _rule(first), _rule(second)
    if one.public or two.public:
        return one.public == two.public
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return True

    def grants(rule: Any) -> set[tuple[int, str, bool]]:
        return {(a.organization_id, a.organization.path, a.include_subtree) for a in _active_assignments(user)
                if a.role in rule.roles}  # fmt: skip

    return grants(one) == grants(two)


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless ``user_may``; services call this first."""
    from danvan.core.errors import PermissionDenied

    if not user_may(user, action, obj):
        raise PermissionDenied(f"not allowed: {action}", code="forbidden")


# Actions of the org app itself ---------------------------------------------------------------

VIEW_ORGANIZATION = "org.view_organization"
MANAGE_ORGANIZATION = "org.manage_organization"
IMPORT_ORGANIZATIONS = "org.import_organizations"
ASSIGN_ROLE = "org.assign_role"
BROWSE_UNITS = "org.browse_units"
EDIT_UNIT_ATTRIBUTES = "org.edit_unit_attributes"
OPEN_ADMIN = "org.open_admin"


def register_org_actions() -> None:
    register_action(VIEW_ORGANIZATION, roles=STAFF_ROLES, description="See a body and its officers")
    register_action(MANAGE_ORGANIZATION, roles={Role.OPERATOR}, description="Create, edit and move bodies")
    register_action(IMPORT_ORGANIZATIONS, roles={Role.OPERATOR}, description="Import and export bodies")
    register_action(ASSIGN_ROLE, roles={Role.OPERATOR}, description="Grant and revoke roles")
    register_action(BROWSE_UNITS, roles={Role.OPERATOR}, description="Open the operator pages")
    register_action(EDIT_UNIT_ATTRIBUTES, roles={Role.OPERATOR}, description="Set unit attributes such as remote area")
    register_action(OPEN_ADMIN, roles={Role.OPERATOR}, description="Use the administration site")
    # The deadlines app sits beside org and cannot import it: it asks Django's ``user.has_perm`` with
    # these names, which org.backends.RoleBackend answers from the roles. Every officer may read the
    # rules; the working-day calendar and the rules are national data, edited by operators only.
    for name in ("view_deadlinerule", "view_calendaroverride", "view_calendaryear"):
        register_action(f"deadlines.{name}", roles=STAFF_ROLES, description="Read the deadline rules and calendar")
    for name in ("add_calendaroverride", "delete_calendaroverride", "add_calendaryear", "delete_calendaryear",
                 "change_deadlinerule"):  # fmt: skip
        register_action(f"deadlines.{name}", roles={Role.OPERATOR}, description="Edit the calendar and the rules")
