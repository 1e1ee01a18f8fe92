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
    # A role that may do this action is granted only with a second person's approval (role_grant_approve).
    grant_needs_approval: bool = False


_ACTIONS: dict[str, ActionRule] = {}


def register_action(
    name: str,
    *,
    roles: Iterable[Role] = (),
    public: bool = False,
    owner_may: bool = False,
    description: str = "",
    grant_needs_approval: bool = False,
) -> None:
    """Declare an action; apps call this from their ``AppConfig.ready``. Re-registering replaces."""
    _ACTIONS[name] = ActionRule(
        name=name, roles=frozenset(roles), public=public, owner_may=owner_may, description=description,
        grant_needs_approval=grant_needs_approval,
    )  # fmt: skip


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


# Who may grant which role, and whose account an operator may manage ------------------------------
#
# THE rule, used by the services, the admin's choices and forms, and the API keys:
#   * a superuser may grant any role (a sensitive one still needs a second person's approval);
#   * anyone else grants only inside the scope of a role they hold that lets them assign roles
#     (``ASSIGN_ROLE``: operators), and only a role they hold themselves with at least that scope
#     (held on the body, or on a body above it with ``include_subtree``; ``include_subtree`` only
#     if theirs has it) -- except that an operator may grant the *ordinary* roles inside his scope:
#     every role but the operator role and the sensitive ones;
#   * sensitive roles are those registered for an action with ``grant_needs_approval`` (today:
#     whoever may open a denouncer's identity); they come into force only when another person who
#     may grant them (not the requester, not the grantee) approves;
#   * nobody but a superuser grants a role to himself;
#   * an operator manages (edits, resets the password of, grants roles to, issues API keys acting
#     as) only a person every one of whose roles he could grant, or a person he created who holds no
#     role yet. Citizens' accounts and other people's are outside his reach: least privilege.


@dataclass(frozen=True)
class Grant:
    """A role on a body (by its materialised path), with or without the body's subtree."""

    role: str
    path: str
    include_subtree: bool


def sensitive_roles() -> frozenset[str]:
    """The roles that may do an action registered with ``grant_needs_approval`` (asked of the registry)."""
    return frozenset(str(r) for rule in _ACTIONS.values() if rule.grant_needs_approval for r in rule.roles)


def grant_allowed(held: Iterable[Grant], wanted: Grant, *, sensitive: frozenset[str]) -> bool:
    """Pure: may someone holding ``held`` (and ``ASSIGN_ROLE`` over ``wanted``'s body) grant ``wanted``?"""
    ordinary = frozenset(Role.values) - {str(Role.OPERATOR)} - sensitive
    for mine in held:
        covers = wanted.path.startswith(mine.path) if mine.include_subtree else wanted.path == mine.path
        if not mine.path or not covers or (wanted.include_subtree and not mine.include_subtree):
            continue
        if str(mine.role) == wanted.role or (str(mine.role) == Role.OPERATOR and wanted.role in ordinary):
            return True
    return False


def _held(user: Any) -> list[Grant]:
    return [Grant(str(a.role), a.organization.path, a.include_subtree) for a in _active_assignments(user)]


def _signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def may_grant(user: Any, role: str, organization: Organization, include_subtree: bool, grantee: Any = None) -> bool:
    """May ``user`` grant ``role`` on ``organization`` (to ``grantee``)? Sensitive roles are then still
    pending until someone else approves them (``may_approve_grant``)."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    if grantee is not None and grantee.pk == user.pk:
        return False
    if not user_may(user, ASSIGN_ROLE, organization):
        return False
    wanted = Grant(str(role), organization.path, include_subtree)
    if not grant_allowed(_held(user), wanted, sensitive=sensitive_roles()):
        return False
    return grantee is None or may_manage_user(user, grantee)


def may_request_grant(user: Any, role: str, organization: Organization, include_subtree: bool, grantee: Any) -> bool:
    """A sensitive role may be *requested* by an operator whose scope covers it (as if it were an ordinary
    role); it is in force only once someone who ``may_grant`` it approves."""
    if may_grant(user, role, organization, include_subtree, grantee):
        return True
    if str(role) not in sensitive_roles() or not _signed_in(user) or grantee.pk == user.pk:
        return False
    if not user_may(user, ASSIGN_ROLE, organization) or not may_manage_user(user, grantee):
        return False
    return grant_allowed(_held(user), Grant(str(role), organization.path, include_subtree), sensitive=frozenset())


def may_approve_grant(user: Any, grant_request: Any) -> bool:
    """Two people: the approver is neither the requester nor the grantee, and may grant the role himself."""
    if not _signed_in(user) or user.pk in {grant_request.requested_by_id, grant_request.user_id}:
        return False
    return may_grant(user, grant_request.role, grant_request.organization, grant_request.include_subtree,
                     grant_request.user)  # fmt: skip


def may_edit_unit(user: Any, unit: Any) -> bool:
    """Unit attributes (remote area) are set by an operator whose scope holds a body in the unit's province."""
    if not user_may(user, EDIT_UNIT_ATTRIBUTES):
        return False
    if user.is_superuser:
        return True
    from danvan.org.models import Organization

    province_id = unit.province_id or unit.pk
    return (
        Organization.objects.filter(scope_filter(user, EDIT_UNIT_ATTRIBUTES))
        .filter(Q(unit_id=province_id) | Q(unit__province_id=province_id))
        .exists()
    )


def grantable_filter(user: Any, field: str = "") -> Q:
    """The database form of ``grant_allowed`` over role assignments: those ``user`` could have granted.
    ``field`` is the path from the queried model to the ``RoleAssignment`` ("" for assignments)."""
    prefix = f"{field}__" if field else ""
    nothing = Q(pk__in=[])
    if not _signed_in(user):
        return nothing
    if user.is_superuser:
        return Q()
    ordinary = frozenset(Role.values) - {str(Role.OPERATOR)} - sensitive_roles()
    condition = nothing
    for mine in _active_assignments(user):
        path = mine.organization.path
        if not path:
            continue
        roles = {str(mine.role)} | (set(ordinary) if mine.role == Role.OPERATOR else set())
        if mine.include_subtree:
            where = Q(**{f"{prefix}organization__path__startswith": path})
        else:
            where = Q(**{f"{prefix}organization_id": mine.organization_id, f"{prefix}include_subtree": False})
        condition |= where & Q(**{f"{prefix}role__in": sorted(roles)})
    return condition & scope_filter(user, ASSIGN_ROLE, f"{prefix}organization")


def manageable_users_filter(user: Any) -> Q:
    """A filter on users: the accounts ``user`` may manage (see the rule above)."""
    from danvan.org.models import RoleAssignment

    if not _signed_in(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if not user_may(user, ASSIGN_ROLE):
        return Q(pk__in=[])
    grantable = grantable_filter(user)
    beyond = RoleAssignment.objects.exclude(grantable).values("user_id")
    within = RoleAssignment.objects.filter(grantable).values("user_id")
    created_without_role = Q(created_by=user) & ~Q(pk__in=RoleAssignment.objects.values("user_id"))
    return Q(is_superuser=False) & ~Q(pk__in=beyond) & (Q(pk__in=within) | created_without_role)


def may_manage_user(user: Any, person: Any) -> bool:
    from django.contrib.auth import get_user_model

    if person is None or getattr(person, "pk", None) is None:
        return False
    return get_user_model().objects.filter(manageable_users_filter(user), pk=person.pk).exists()


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
