"""Every change to units, bodies, positions and roles goes through these functions.

Each one is a single transaction that checks permission (where a person acts), writes the audit
log, and leaves the materialised organization paths consistent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import clock, parsing
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.text import fold
from danvan.org import errors as codes
from danvan.org import permissions, units_source
from danvan.org.choices import Role
from danvan.org.models import (
    AdministrativeUnit,
    GrantStatus,
    Organization,
    OrganizationKind,
    RoleAssignment,
    RoleGrantRequest,
    UnitSuccession,
    User,
)

# Units -----------------------------------------------------------------------------------------

_UNIT_FIELDS = ["name", "short_name", "division_type", "codename", "valid_from", "valid_to", "search_name"]


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successions_created: int = 0
    successions_updated: int = 0
    successions_removed: int = 0
    # Rows of the package's conversion table whose old ward is missing from its own legacy list
    # (11 in 2026.9.0); reported, not invented.
    successions_skipped: list[tuple[str, str, int]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.updated
            or self.successions_created
            or self.successions_updated
            or self.successions_removed
        )


@transaction.atomic
def units_load(*, actor: Any = None) -> LoadReport:
    """Bring the unit tables in line with the installed ``vietnam-provinces`` data. Idempotent.

    Existing rows are matched on (era, level, code) and only changed fields are written, so a
    second run writes nothing; operator-set attributes (``is_remote_area``) are never touched.
    """
    report = LoadReport()
    existing = {(u.era, u.level, u.code): u for u in AdministrativeUnit.objects.all()}
    records = list(units_source.iter_units())
    # Parents come before children in the source, so one pass per level resolves every parent id.
    for level in (units_source.PROVINCE, units_source.DISTRICT, units_source.COMMUNE):
        to_create: list[AdministrativeUnit] = []
        to_update: list[AdministrativeUnit] = []
        for record in (r for r in records if r.level == level):
            parent = None
            if record.parent_code is not None:
                parent_level = (
                    units_source.DISTRICT
                    if record.era == units_source.LEGACY and level == units_source.COMMUNE
                    else units_source.PROVINCE
                )
                parent = existing[(record.era, parent_level, record.parent_code)]
            province = (
                existing[(record.era, units_source.PROVINCE, record.province_code)]
                if record.province_code is not None
                else None
            )
            values: dict[str, Any] = {
                "name": record.name,
                "short_name": record.short_name,
                "division_type": record.division_type,
                "codename": record.codename,
                "valid_from": record.valid_from,
                "valid_to": record.valid_to,
                "search_name": record.search_name,
                "parent_id": parent.pk if parent else None,
                "province_id": province.pk if province else None,
            }
            unit = existing.get(record.key)
            if unit is None:
                unit = AdministrativeUnit(era=record.era, level=record.level, code=record.code, **values)
                to_create.append(unit)
            elif any(getattr(unit, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(unit, k, v)
                to_update.append(unit)
            else:
                report.unchanged += 1
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=2000)
        if to_update:
            AdministrativeUnit.objects.bulk_update(
                to_update, [*_UNIT_FIELDS, "parent_id", "province_id"], batch_size=2000
            )
        report.created += len(to_create)
        report.updated += len(to_update)
        if to_create:
            # bulk_create sets pks on SQLite and PostgreSQL alike; re-read to be backend-neutral.
            existing = {(u.era, u.level, u.code): u for u in AdministrativeUnit.objects.all()}
    _successions_sync(existing, report)
    for era, level in (("2025", "province"), ("2025", "commune"), ("legacy", "province"), ("legacy", "district"),
                       ("legacy", "commune")):  # fmt: skip
        report.counts[f"{era}/{level}"] = AdministrativeUnit.objects.filter(era=era, level=level).count()
    if report.changed:
        from danvan.org import resolver_data

        transaction.on_commit(resolver_data.place_index_changed)
        audit_record(
            actor=actor,
            action="org.units_load",
            object_type="org.administrativeunit",
            object_id="*",
            object_repr=units_source.data_version(),
            after={
                "created": report.created,
                "updated": report.updated,
                "successions_created": report.successions_created,
                "successions_updated": report.successions_updated,
                "successions_removed": report.successions_removed,
            },
        )
    return report


def _successions_sync(units: dict[tuple[str, str, int], AdministrativeUnit], report: LoadReport) -> None:
    wanted: dict[tuple[int, int], bool] = {}
    for rec in units_source.iter_successions():
        if rec.predecessor not in units or rec.successor not in units:
            report.successions_skipped.append(rec.predecessor if rec.predecessor not in units else rec.successor)
            continue
        wanted[(units[rec.predecessor].pk, units[rec.successor].pk)] = rec.is_partial
    current = {(s.predecessor_id, s.successor_id): s for s in UnitSuccession.objects.all()}
    new = [
        UnitSuccession(predecessor_id=p, successor_id=s, is_partial=partial)
        for (p, s), partial in wanted.items()
        if (p, s) not in current
    ]
    changed = [s for key, s in current.items() if key in wanted and s.is_partial != wanted[key]]
    for s in changed:
        s.is_partial = wanted[(s.predecessor_id, s.successor_id)]
    stale = [s.pk for key, s in current.items() if key not in wanted]
    UnitSuccession.objects.bulk_create(new, batch_size=2000)
    UnitSuccession.objects.bulk_update(changed, ["is_partial"], batch_size=2000)
    if stale:
        UnitSuccession.objects.filter(pk__in=stale).delete()
    report.successions_created = len(new)
    report.successions_updated = len(changed)
    report.successions_removed = len(stale)


@transaction.atomic
def unit_set_remote_area(*, unit: AdministrativeUnit, actor: Any, is_remote_area: bool, reason: str) -> None:
    if not permissions.may_edit_unit(actor, unit):
        raise PermissionDenied(_("You may only edit the units of your own province."))
    before = snapshot(unit, ["is_remote_area"])
    unit.is_remote_area = is_remote_area
    unit.save(update_fields=["is_remote_area"])
    audit_record(actor=actor, action="org.unit_set_remote_area", obj=unit, before=before,
                 after=snapshot(unit, ["is_remote_area"]), reason=reason)  # fmt: skip


# Organizations ---------------------------------------------------------------------------------


def _organization_refresh_path(org: Organization) -> None:
    """Recompute ``path``/``depth`` for ``org`` and everything under it."""
    parent = org.parent
    if parent is not None and (parent.pk == org.pk or parent.path.startswith(org.path or "\0")):
        raise DomainError(_("A body cannot be placed under itself or under a body below it."), code=codes.CYCLE)
    new_path = f"{parent.path if parent else '/'}{org.pk}/"
    new_depth = (parent.depth + 1) if parent else 0
    old_path = org.path
    if new_path == old_path and org.depth == new_depth:
        return
    org.path, org.depth = new_path, new_depth
    Organization.objects.filter(pk=org.pk).update(path=new_path, depth=new_depth)
    if old_path:
        descendants = Organization.objects.filter(path__startswith=old_path).exclude(pk=org.pk)
        for child in descendants:
            child.path = new_path + child.path[len(old_path) :]
            child.depth = child.path.count("/") - 2
        Organization.objects.bulk_update(descendants, ["path", "depth"], batch_size=1000)


def _organization_validate(org: Organization) -> None:
    if not org.unit.is_current:
        raise DomainError(_("A body must sit in a unit of the current (2025) map."), code=codes.LEGACY_UNIT)
    if not org.kind.is_active:
        raise DomainError(_("This kind of body is no longer in use."), code=codes.INACTIVE_KIND)


def _require_not_top_level(actor: Any, parent: Organization | None) -> None:
    # A top-level body lies in no operator's subtree: only a superuser creates one or moves a body there
    # (the file import says the same, line by line).
    if parent is None and not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("Only a superuser may create a top-level body."))


_ORG_FIELDS = [
    "code",
    "name",
    "short_name",
    "kind",
    "unit",
    "parent",
    "email",
    "phone",
    "address",
    "is_active",
]


@transaction.atomic
def organization_create(*, actor: Any, reason: str = "", check_permission: bool = True, **values: Any) -> Organization:
    if check_permission:
        parent = values.get("parent")
        _require_not_top_level(actor, parent)
        permissions.require(actor, permissions.MANAGE_ORGANIZATION, parent)
    org = Organization(**values)
    org.search_name = fold(f"{org.name} {org.short_name}")
    _organization_validate(org)
    org.full_clean(exclude=["path", "search_name"])
    org.save()
    _organization_refresh_path(org)
    audit_record(actor=actor, action="org.organization_create", obj=org, after=snapshot(org), reason=reason)
    return org


@transaction.atomic
def organization_update(
    *, organization: Organization, actor: Any, reason: str = "", check_permission: bool = True, **changes: Any
) -> Organization:
    """Edit a body; moving it (a new ``parent``) moves its whole subtree with it."""
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if check_permission:
        permissions.require(actor, permissions.MANAGE_ORGANIZATION, org)
        if "parent" in changes and changes["parent"] is not None:
            permissions.require(actor, permissions.MANAGE_ORGANIZATION, changes["parent"])
        elif "parent" in changes and org.parent_id is not None:
            _require_not_top_level(actor, None)
    before = snapshot(org)
    for key, value in changes.items():
        if key not in _ORG_FIELDS:
            raise DomainError(_("Unknown field: %(field)s") % {"field": key}, code=codes.UNKNOWN_FIELD)
        setattr(org, key, value)
    if snapshot(org) == before:
        return org  # nothing to write: a re-import of the same file changes nothing
    org.search_name = fold(f"{org.name} {org.short_name}")
    _organization_validate(org)
    org.full_clean(exclude=["path", "search_name"])
    org.save()
    _organization_refresh_path(org)
    after = snapshot(org)
    if before != after:
        audit_record(actor=actor, action="org.organization_update", obj=org, before=before, after=after,
                     reason=reason)  # fmt: skip
    organization.refresh_from_db()
    return org


@transaction.atomic
def organization_kind_upsert(*, actor: Any, code: str, **values: Any) -> OrganizationKind:
    kind = OrganizationKind.objects.filter(code=code).first()
    before = snapshot(kind) if kind else None
    if kind is None:
        kind = OrganizationKind(code=code, **values)
    else:
        for key, value in values.items():
            setattr(kind, key, value)
    kind.full_clean()
    kind.save()
    after = snapshot(kind)
    if before != after:
        audit_record(actor=actor, action="org.kind_upsert", obj=kind, before=before, after=after)
    return kind


# People and roles ------------------------------------------------------------------------------


@transaction.atomic
def role_assign(
    *,
    actor: Any,
    user: User,
    role: Role | str,
    organization: Organization,
    include_subtree: bool = False,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
    reason: str = "",
    check_permission: bool = True,
) -> RoleAssignment:
    """Grant a role, by the one rule of ``permissions.may_grant``. A sensitive role (one that may open a
    denouncer's identity) is not granted here when a person acts: ``role_grant_request`` asks for a
    second person's approval. ``check_permission=False`` is for trusted code (seeds, the demo, tests)."""
    if role not in Role.values:
        raise DomainError(_("Unknown role: %(role)s") % {"role": role}, code=codes.UNKNOWN_ROLE)
    if check_permission:
        if not permissions.may_grant(actor, str(role), organization, include_subtree, user):
            raise PermissionDenied(_("You may not grant this role on this body to this person."),
                                   code=codes.GRANT_FORBIDDEN)  # fmt: skip
        if str(role) in permissions.sensitive_roles():
            raise DomainError(_("This role may open denouncers' identities: it needs a second person's approval."),
                              code=codes.APPROVAL_REQUIRED)  # fmt: skip
    return _role_assign(actor=actor, user=user, role=role, organization=organization, include_subtree=include_subtree,
                        start_on=start_on, end_on=end_on, reason=reason)  # fmt: skip


def _role_assign(
    *, actor: Any, user: User, role: Role | str, organization: Organization, include_subtree: bool,
    start_on: dt.date | None, end_on: dt.date | None, reason: str,
) -> RoleAssignment:  # fmt: skip
    if start_on and end_on and end_on < start_on:
        raise DomainError(_("The end date is before the start date."), code=codes.BAD_DATES)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        organization=organization,
        defaults={
            "include_subtree": include_subtree,
            "start_on": start_on,
            "end_on": end_on,
            "granted_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    before = None if created else assignment.as_dict()
    if not created:
        assignment.include_subtree, assignment.start_on, assignment.end_on = include_subtree, start_on, end_on
        assignment.save()
    after = assignment.as_dict()
    if before != after:
        audit_record(actor=actor, action="org.role_assign", obj=assignment, before=before, after=after,
                     reason=reason)  # fmt: skip
    # Operators work in the admin site; nobody else needs is_staff.
    should_be_staff = user.is_superuser or user.role_assignments.filter(role=Role.OPERATOR).exists()
    if user.is_staff != should_be_staff:
        user.is_staff = should_be_staff
        user.save(update_fields=["is_staff"])
    permissions.forget_cached_roles(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: Any, assignment: RoleAssignment, reason: str) -> None:
    """Revoke a role: whoever could have granted it (``permissions.may_grant``) may take it back."""
    if not permissions.may_grant(actor, assignment.role, assignment.organization, assignment.include_subtree):
        raise PermissionDenied(_("You may not revoke this role."), code=codes.REVOKE_FORBIDDEN)
    if not reason.strip():
        raise DomainError(_("Give a reason for revoking a role."), code=codes.REASON_REQUIRED)
    before = assignment.as_dict()
    user, assignment_id, label = assignment.user, str(assignment.pk), str(assignment)
    assignment.delete()
    audit_record(actor=actor, action="org.role_revoke", object_type="org.roleassignment",
                 object_id=assignment_id, object_repr=label, before=before, reason=reason)  # fmt: skip
    if user.is_staff and not user.is_superuser and not user.role_assignments.filter(role=Role.OPERATOR).exists():
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    permissions.forget_cached_roles(user)


_GRANT_FIELDS = ["user_id", "role", "organization_id", "include_subtree", "start_on", "end_on", "status",
                 "requested_by_id", "decided_by_id"]  # fmt: skip


@transaction.atomic
def role_grant_request(
    *,
    actor: Any,
    user: User,
    role: Role | str,
    organization: Organization,
    include_subtree: bool = False,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
    reason: str,
) -> RoleGrantRequest:
    """Ask for a sensitive role to be granted; it is in force only after ``role_grant_approve``."""
    if str(role) not in permissions.sensitive_roles():
        raise DomainError(_("This role needs no approval: grant it directly."), code=codes.NO_APPROVAL_NEEDED)
    if not permissions.may_request_grant(actor, str(role), organization, include_subtree, user):
        raise PermissionDenied(
            _("You may not grant this role on this body to this person."), code=codes.GRANT_FORBIDDEN
        )
    if not reason.strip():
        raise DomainError(_("Give a reason for granting this role."), code=codes.REASON_REQUIRED)
    if start_on and end_on and end_on < start_on:
        raise DomainError(_("The end date is before the start date."), code=codes.BAD_DATES)
    pending = RoleGrantRequest.objects.create(
        user=user, role=role, organization=organization, include_subtree=include_subtree, start_on=start_on,
        end_on=end_on, reason=reason.strip(), requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    audit_record(actor=actor, action="org.role_grant_request", obj=pending, after=snapshot(pending, _GRANT_FIELDS),
                 reason=reason.strip())  # fmt: skip
    return pending


def _grant_decidable(actor: Any, pk: int) -> RoleGrantRequest:
    pending = RoleGrantRequest.objects.select_for_update().select_related("user", "organization").get(pk=pk)
    if pending.status != GrantStatus.PENDING:
        raise DomainError(_("This request has already been decided."), code=codes.ALREADY_DECIDED)
    if not permissions.may_approve_grant(actor, pending):
        raise PermissionDenied(_("You may not decide on this request."), code=codes.APPROVE_FORBIDDEN)
    return pending


@transaction.atomic
def role_grant_approve(*, actor: Any, grant_request: RoleGrantRequest, note: str = "") -> RoleAssignment:
    """A second person (not the requester, not the grantee, who may grant the role) puts it in force."""
    pending = _grant_decidable(actor, grant_request.pk)
    before = snapshot(pending, _GRANT_FIELDS)
    pending.status, pending.decided_by, pending.decided_at = GrantStatus.APPROVED, actor, clock.now()
    pending.decision_note = note.strip()
    pending.save()
    audit_record(actor=actor, action="org.role_grant_approve", obj=pending, before=before,
                 after=snapshot(pending, _GRANT_FIELDS), reason=note.strip())  # fmt: skip
    return _role_assign(actor=actor, user=pending.user, role=pending.role, organization=pending.organization,
                        include_subtree=pending.include_subtree, start_on=pending.start_on, end_on=pending.end_on,
                        reason=pending.reason)  # fmt: skip


@transaction.atomic
def role_grant_reject(*, actor: Any, grant_request: RoleGrantRequest, note: str) -> RoleGrantRequest:
    pending = _grant_decidable(actor, grant_request.pk)
    if not note.strip():
        raise DomainError(_("Give a reason for rejecting the request."), code=codes.REASON_REQUIRED)
    before = snapshot(pending, _GRANT_FIELDS)
    pending.status, pending.decided_by, pending.decided_at = GrantStatus.REJECTED, actor, clock.now()
    pending.decision_note = note.strip()
    pending.save()
    audit_record(actor=actor, action="org.role_grant_reject", obj=pending, before=before,
                 after=snapshot(pending, _GRANT_FIELDS), reason=note.strip())  # fmt: skip
    return pending


def user_password_changed(*, actor: Any, user: User, via: str) -> None:
    """Note in the audit log that ``user``'s password was set or changed, by whom and where (never the hash)."""
    audit_record(actor=actor, action="org.user_password_change", obj=user, object_repr=user.get_username(),
                 after={"via": via, "usable": user.has_usable_password()})  # fmt: skip


def organizations_in(org_codes: Iterable[str]) -> dict[str, Organization]:
    return {o.code: o for o in Organization.objects.filter(code__in=list(org_codes))}


# Import of the organization file ----------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


_TRUE = {"1", "true", "yes", "x", "có", "co", ""}
_FALSE = {"0", "false", "no", "không", "khong"}


def organizations_import(*, actor: Any, rows: list[Any], reason: str = "") -> ImportReport:
    """Create or update bodies from file rows, all or nothing.

    Every row is checked first; if any row is wrong the report lists each bad row with its line and
    reason and nothing is written. Rows are matched on ``code``; parents may come later in the file.
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email, validate_slug

    from danvan.org.choices import UnitEra, UnitLevel

    permissions.require(actor, permissions.IMPORT_ORGANIZATIONS)
    report = ImportReport()
    err = report.errors.append
    kinds = {k.code: k for k in OrganizationKind.objects.all()}
    provinces = {u.code: u for u in AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE)}
    codes_in_file: dict[str, int] = {}
    parsed: list[dict[str, Any]] = []
    commune_codes = set()
    for row in rows:
        commune_code = parsing.whole_number(row.values.get("commune_code", ""))
        if commune_code is not None:
            commune_codes.add(commune_code)
    communes = {
        u.code: u
        for u in AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, code__in=commune_codes)
    }
    for row in rows:
        v = row.values
        code = v.get("code", "")
        try:
            validate_slug(code)
        except ValidationError:
            err(RowError(row.line, "code", _("The code must be letters, digits, '-' or '_' (no spaces).")))
        if code in codes_in_file:
            err(RowError(row.line, "code", _("Code %(code)s already appears on line %(line)s.")
                         % {"code": code, "line": codes_in_file[code]}))  # fmt: skip
        codes_in_file.setdefault(code, row.line)
        if not v.get("name"):
            err(RowError(row.line, "name", _("The name is empty.")))
        kind = kinds.get(v.get("kind", ""))
        if kind is None:
            err(RowError(row.line, "kind", _("Unknown kind of body: %(kind)s") % {"kind": v.get("kind", "")}))
        elif not kind.is_active:
            err(RowError(row.line, "kind", _("This kind of body is no longer in use.")))
        province_code = parsing.whole_number(v.get("province_code", ""))
        province = provinces.get(province_code) if province_code is not None else None
        unit = province
        if province is None:
            err(RowError(row.line, "province_code", _("No current province has code %(code)s.")
                         % {"code": v.get("province_code", "")}))  # fmt: skip
        if v.get("commune_code"):
            commune_code = parsing.whole_number(v["commune_code"])
            commune = communes.get(commune_code) if commune_code is not None else None
            if commune is None:
                err(RowError(row.line, "commune_code", _("No current commune has code %(code)s.")
                             % {"code": v["commune_code"]}))  # fmt: skip
            elif province is not None and commune.province_id != province.pk:
                err(RowError(row.line, "commune_code", _("Commune %(code)s is not in province %(province)s.")
                             % {"code": v["commune_code"], "province": province.name}))  # fmt: skip
            unit = commune
        if v.get("email"):
            try:
                validate_email(v["email"])
            except ValidationError:
                err(RowError(row.line, "email", _("Invalid email address.")))
        active = v.get("is_active", "").strip().lower()
        if active not in _TRUE | _FALSE:
            err(RowError(row.line, "is_active", _("Write 1 (active) or 0 (inactive).")))
        parsed.append(
            {
                "line": row.line,
                "code": code,
                "parent_code": v.get("parent_code", ""),
                "values": {
                    "name": v.get("name", "")[:255],
                    "short_name": v.get("short_name", "")[:120],
                    "kind": kind,
                    "unit": unit,
                    "email": v.get("email", ""),
                    "phone": v.get("phone", "")[:40],
                    "address": v.get("address", "")[:255],
                    "is_active": active not in _FALSE,
                },
            }
        )
    existing = organizations_in([p["code"] for p in parsed] + [p["parent_code"] for p in parsed if p["parent_code"]])
    for p in parsed:
        parent_code = p["parent_code"]
        if parent_code and parent_code not in codes_in_file and parent_code not in existing:
            err(RowError(p["line"], "parent_code", _("No body has code %(code)s.") % {"code": parent_code}))
        if parent_code == p["code"]:
            err(RowError(p["line"], "parent_code", _("A body cannot be its own parent.")))
        target = existing.get(p["code"])
        if target is not None and not permissions.user_may(actor, permissions.MANAGE_ORGANIZATION, target):
            err(RowError(p["line"], "code", _("You may not change body %(code)s.") % {"code": p["code"]}))
        parent = existing.get(parent_code)
        if parent is not None and not permissions.user_may(actor, permissions.MANAGE_ORGANIZATION, parent):
            err(
                RowError(
                    p["line"],
                    "parent_code",
                    _("You may not add bodies under %(code)s.") % {"code": parent_code},
                )
            )
        if not parent_code and not getattr(actor, "is_superuser", False) and (target is None or target.parent_id):
            # Operators work inside their tree; only a superuser adds a new top-level body.
            err(RowError(p["line"], "parent_code", _("Only a superuser may create a top-level body.")))
    order = _parents_first(parsed, report)
    if report.errors:
        report.errors.sort(key=lambda e: e.line)
        return report
    line = 0
    try:
        with transaction.atomic():
            by_code = dict(existing)
            for p in order:
                line = p["line"]
                values = dict(p["values"], parent=by_code.get(p["parent_code"]) if p["parent_code"] else None)
                current = by_code.get(p["code"])
                if current is None:
                    by_code[p["code"]] = organization_create(
                        actor=actor, code=p["code"], reason=reason, check_permission=False, **values
                    )
                    report.created += 1
                    continue
                before = snapshot(current)
                updated = organization_update(
                    organization=current, actor=actor, reason=reason, check_permission=False, **values
                )
                by_code[p["code"]] = updated
                if snapshot(updated) == before:
                    report.unchanged += 1
                else:
                    report.updated += 1
    except DomainError as exc:
        # e.g. a move that would put an existing body under its own descendant: nothing is kept.
        report.created = report.updated = report.unchanged = 0
        report.errors.append(RowError(line, "", str(exc.message)))
    return report


def _parents_first(parsed: list[dict[str, Any]], report: ImportReport) -> list[dict[str, Any]]:
    """Order rows so every parent in the file is written before its children; report cycles."""
    by_code = {p["code"]: p for p in parsed}
    ordered: list[dict[str, Any]] = []
    state: dict[str, str] = {}
    for start in parsed:
        chain = []
        node: dict[str, Any] | None = start
        while node is not None and state.get(node["code"]) is None:
            state[node["code"]] = "visiting"
            chain.append(node)
            node = by_code.get(node["parent_code"])
            if node is not None and state.get(node["code"]) == "visiting":
                report.errors.append(RowError(node["line"], "parent_code", _("The parent links form a loop.")))
                node = None
        for item in reversed(chain):
            state[item["code"]] = "done"
            ordered.append(item)
    return ordered
