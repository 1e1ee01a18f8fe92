"""Villages (thôn, tổ dân phố) and their households: created one by one or imported from a file.

Only what the law's counts and notices need is kept (Luật Thực hiện dân chủ ở cơ sở 2022, Art. 18, 21: the
household as the unit that decides; data minimisation): the household's code, its representative,
how to reach them and the member count — no ID numbers, no birth dates. A household that left is
marked not counted (``household_uncount``), never deleted: the records of past decisions count it.

Each village has its own body (kind ``thon``/``to_dan_pho``) under the commune's People's Committee,
made through org's service; a body of that kind and name already there is reused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import contacts, parsing, tabular
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.democracy import choices, errors
from danvan.democracy.models import Household, Village
from danvan.democracy.permissions import MANAGE_VILLAGES
from danvan.democracy.selectors.communes import commune_by_code, commune_committee
from danvan.org import permissions
from danvan.org import services as org_services
from danvan.org.models import AdministrativeUnit, Organization, OrganizationKind

VILLAGE_COLUMNS = ["commune_code", "village_code", "name", "kind"]
HOUSEHOLD_COLUMNS = ["commune_code", "village_code", "household_code", "representative_name", "phone", "email",
                     "members"]  # fmt: skip
MAX_MEMBERS = 100
_VILLAGE_FIELDS = ["code", "name", "kind", "is_active", "organization"]
_HOUSEHOLD_FIELDS = ["code", "representative_name", "phone", "email", "members", "is_active"]
_HOUSEHOLD_AUDITED = ["code", "representative_name", "members", "is_active"]
_KINDS = {
    "thon": choices.VillageKind.THON,
    "to dan pho": choices.VillageKind.TO_DAN_PHO,
    "to_dan_pho": choices.VillageKind.TO_DAN_PHO,
    "to dp": choices.VillageKind.TO_DAN_PHO,
    "tdp": choices.VillageKind.TO_DAN_PHO,
    "ban": choices.VillageKind.THON,
    "ap": choices.VillageKind.THON,
    "lang": choices.VillageKind.THON,
}


def kind_from_text(raw: str) -> str | None:
    """``thon`` / ``to_dan_pho`` from what a file says ("Thôn", "tổ dân phố", "to_dan_pho" …), or None."""
    text = raw.strip().lower()
    if text in choices.VillageKind.values:
        return text
    found = _KINDS.get(fold(raw))
    return str(found) if found else None


def _clean_code(raw: str) -> str:
    return raw.strip().lower()


def household_code(raw: str) -> str:
    """A household's code as stored: trimmed and upper-case, so ``t1-01`` and ``T1-01`` are one household
    (the vote's look-up ignores case; the unique key does not)."""
    return (raw or "").strip().upper()


def _audited(household: Household) -> dict[str, Any]:
    """What the audit keeps of a household: never its phone or email (the pages mask them to those who may
    not view households), only whether it has one."""
    return {**snapshot(household, _HOUSEHOLD_AUDITED), "has_phone": bool(household.phone),
            "has_email": bool(household.email)}  # fmt: skip


# One village, one household -------------------------------------------------------------------------


def _village_body(*, actor: Any, commune: AdministrativeUnit, committee: Organization, code: str, name: str,
                  kind: str, reason: str) -> Organization:  # fmt: skip
    """The village's body: one of that kind and name under the committee (the demo's and an earlier
    import's), else a new one made by org's service."""
    taken = Village.objects.values("organization_id")
    existing = (
        Organization.objects.filter(parent=committee, kind__code=kind, name=name)
        .exclude(pk__in=taken)
        .order_by("id")
        .first()
    )
    if existing is not None:
        return existing
    province_code = commune.province.code if commune.province else 0
    return org_services.organization_create(
        actor=actor, reason=reason, check_permission=False, code=f"{province_code}-{commune.code}-tdp-{code}"[:64],
        name=name, kind=OrganizationKind.objects.get(code=kind), unit=commune, parent=committee,
    )  # fmt: skip


def _committee_or_refuse(commune: AdministrativeUnit) -> Organization:
    committee = commune_committee(commune)
    if committee is None:
        raise DomainError(
            _("%(commune)s has no People's Committee in the system: villages are placed under it.")
            % {"commune": commune.name},
            code=errors.NO_COMMITTEE,
        )
    return committee


def _check_village_values(code: str, name: str, kind: str) -> None:
    problems: dict[str, str] = {}
    try:
        validate_slug(code)
    except Exception:
        problems["code"] = _("The code must be letters, digits, '-' or '_' (no spaces), e.g. tdp-1.")
    if not name.strip():
        problems["name"] = _("Write the village's name.")
    if kind not in choices.VillageKind.values:
        problems["kind"] = _("Choose thôn or tổ dân phố.")
    if problems:
        raise DomainError(next(iter(problems.values())), code=errors.REQUIRED if "name" in problems else
                          errors.BAD_VILLAGE_CODE if "code" in problems else errors.BAD_KIND, details=problems)  # fmt: skip


@transaction.atomic
def village_create(*, actor: Any, commune: AdministrativeUnit, code: str, name: str, kind: str,
                   reason: str = "") -> Village:  # fmt: skip
    """A new village of ``commune`` with its body under the commune's People's Committee."""
    committee = _committee_or_refuse(commune)
    permissions.require(actor, MANAGE_VILLAGES, committee)
    code, name = _clean_code(code), name.strip()
    _check_village_values(code, name, kind)
    if Village.objects.filter(commune=commune, code=code).exists():
        raise DomainError(_("Village code %(code)s is already used in this commune.") % {"code": code},
                          code=errors.DUPLICATE_CODE, details={"code": code})  # fmt: skip
    body = _village_body(actor=actor, commune=commune, committee=committee, code=code, name=name, kind=kind,
                         reason=reason)  # fmt: skip
    village = Village.objects.create(commune=commune, organization=body, code=code, name=name, kind=kind)
    audit_record(actor=actor, action="democracy.village_create", obj=village,
                 after=snapshot(village, _VILLAGE_FIELDS), reason=reason)  # fmt: skip
    return village


@transaction.atomic
def village_update(*, actor: Any, village: Village, name: str, kind: str, is_active: bool | None = None,
                   reason: str = "") -> Village:  # fmt: skip
    """Rename a village or change its kind (its body follows); the code stays (files match on it)."""
    row = Village.objects.select_for_update().select_related("organization").get(pk=village.pk)
    permissions.require(actor, MANAGE_VILLAGES, row)
    name = name.strip()
    _check_village_values(row.code, name, kind)
    before = snapshot(row, _VILLAGE_FIELDS)
    row.name, row.kind = name, kind
    if is_active is not None:
        row.is_active = is_active
    after = snapshot(row, _VILLAGE_FIELDS)
    if after == before:
        return row
    row.save()
    body = row.organization
    if body.name != name or body.kind.code != kind:
        org_services.organization_update(organization=body, actor=actor, reason=reason, check_permission=False,
                                         name=name, kind=OrganizationKind.objects.get(code=kind))  # fmt: skip
    audit_record(actor=actor, action="democracy.village_update", obj=row, before=before, after=after, reason=reason)
    return row


def _household_values(*, representative_name: str, phone: str, email: str, members: Any) -> dict[str, Any]:
    problems: dict[str, str] = {}
    codes: dict[str, str] = {}
    if not representative_name.strip():
        problems["representative_name"], codes["representative_name"] = _("Write the representative's name."), errors.REQUIRED  # fmt: skip
    phone_problem = contacts.phone_problem(phone or "")
    if phone_problem:
        problems["phone"], codes["phone"] = phone_problem, errors.BAD_PHONE
    email_problem = contacts.email_problem(email or "")
    if email_problem:
        problems["email"], codes["email"] = email_problem, errors.BAD_EMAIL
    number = members if isinstance(members, int) else parsing.whole_number(str(members or ""), low=1, high=MAX_MEMBERS)
    if number is None or not 1 <= number <= MAX_MEMBERS:
        problems["members"], codes["members"] = (
            _("Write the number of members, from 1 to %(max)s.") % {"max": MAX_MEMBERS}, errors.BAD_MEMBERS)  # fmt: skip
    if problems:
        first = next(iter(problems))
        raise DomainError(problems[first], code=codes[first], details=problems)
    return {"representative_name": representative_name.strip()[:200], "phone": contacts.phone_clean(phone or ""),
            "email": (email or "").strip(), "members": number}  # fmt: skip


@transaction.atomic
def household_create(*, actor: Any, village: Village, code: str, representative_name: str, phone: str = "",
                     email: str = "", members: Any = 1, reason: str = "") -> Household:  # fmt: skip
    permissions.require(actor, MANAGE_VILLAGES, village)
    code = household_code(code)
    if not code or len(code) > 40:
        raise DomainError(_("Write the household's code (at most 40 characters)."), code=errors.REQUIRED,
                          details={"code": "required"})  # fmt: skip
    values = _household_values(representative_name=representative_name, phone=phone, email=email, members=members)
    if Household.objects.filter(village=village, code__iexact=code).exists():
        raise DomainError(_("Household code %(code)s is already used in this village.") % {"code": code},
                          code=errors.DUPLICATE_CODE, details={"code": code})  # fmt: skip
    household = Household.objects.create(village=village, code=code, **values)
    audit_record(actor=actor, action="democracy.household_create", obj=household,
                 after=_audited(household), reason=reason)  # fmt: skip
    return household


@transaction.atomic
def household_update(*, actor: Any, household: Household, representative_name: str, phone: str = "",
                     email: str = "", members: Any = 1, reason: str = "") -> Household:  # fmt: skip
    row = Household.objects.select_for_update().select_related("village__organization").get(pk=household.pk)
    permissions.require(actor, MANAGE_VILLAGES, row)
    values = _household_values(representative_name=representative_name, phone=phone, email=email, members=members)
    before, audited_before = snapshot(row, _HOUSEHOLD_FIELDS), _audited(row)
    phone_before, email_before = row.phone, row.email
    for key, value in values.items():
        setattr(row, key, value)
    if snapshot(row, _HOUSEHOLD_FIELDS) != before:
        row.save()
        after = _audited(row)
        # a changed contact is marked as changed, never written out
        if row.phone != phone_before:
            after["phone_changed"] = True
        if row.email != email_before:
            after["email_changed"] = True
        audit_record(actor=actor, action="democracy.household_update", obj=row, before=audited_before, after=after,
                     reason=reason)  # fmt: skip
    return row


@transaction.atomic
def household_uncount(*, actor: Any, household: Household, reason: str) -> Household:
    """The household moved away or merged: it is no longer counted (kept, with the reason in the audit)."""
    row = Household.objects.select_for_update().select_related("village__organization").get(pk=household.pk)
    permissions.require(actor, MANAGE_VILLAGES, row)
    if not reason.strip():
        raise DomainError(_("Give the reason the household is no longer counted (moved away, merged…)."),
                          code=errors.REQUIRED, details={"reason": "required"})  # fmt: skip
    if not row.is_active:
        raise DomainError(_("This household is already not counted."), code=errors.BAD_STATE)
    before = snapshot(row, ["is_active"])
    row.is_active = False
    row.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="democracy.household_uncount", obj=row, before=before,
                 after=snapshot(row, ["is_active"]), reason=reason.strip())  # fmt: skip
    return row


@transaction.atomic
def household_recount(*, actor: Any, household: Household, reason: str) -> Household:
    """Undo ``household_uncount`` (a mistake, or the household came back)."""
    row = Household.objects.select_for_update().select_related("village__organization").get(pk=household.pk)
    permissions.require(actor, MANAGE_VILLAGES, row)
    if not reason.strip():
        raise DomainError(_("Give the reason the household is counted again."), code=errors.REQUIRED,
                          details={"reason": "required"})  # fmt: skip
    if row.is_active:
        raise DomainError(_("This household is already counted."), code=errors.BAD_STATE)
    row.is_active = True
    row.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="democracy.household_recount", obj=row, before={"is_active": False},
                 after={"is_active": True}, reason=reason.strip())  # fmt: skip
    return row


# The two files ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    code: str
    message: str


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "dry_run": self.dry_run, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged,
                "errors": [{"line": e.line, "column": e.column, "code": e.code, "message": e.message}
                           for e in self.errors]}  # fmt: skip


MAX_IMPORT_BYTES = 5 * 1024 * 1024


def file_rows(name: str, data: bytes, *, which: str) -> list[Any]:
    """The rows of a villages or households file (``tabular.FileError`` when it cannot be read as a whole).
    A column not listed is refused: a file with ID numbers or birth dates is not taken in."""
    columns = VILLAGE_COLUMNS if which == "villages" else HOUSEHOLD_COLUMNS
    if len(data) > MAX_IMPORT_BYTES:
        raise tabular.FileError(_("The file is larger than 5 MB."))
    required = [c for c in columns if c not in ("phone", "email")]
    return tabular.read_file(name, data, columns=columns, required=required)


class _Rollback(Exception):
    pass


def _communes_checked(actor: Any, rows: list[Any], report: ImportReport) -> dict[int, tuple[AdministrativeUnit, Organization]]:  # fmt: skip
    """Each row's commune: current, with a People's Committee, in the actor's reach; errors on column commune_code."""
    found: dict[int, tuple[AdministrativeUnit, Organization]] = {}
    for row in rows:
        raw = row.values.get("commune_code", "")
        number = parsing.whole_number(raw)
        commune = commune_by_code(number) if number is not None else None
        if commune is None:
            report.errors.append(RowError(row.line, "commune_code", errors.UNKNOWN_COMMUNE,
                                          _("No current commune has code %(code)s.") % {"code": raw}))  # fmt: skip
            continue
        if commune.code in found:
            continue
        committee = commune_committee(commune)
        if committee is None:
            report.errors.append(RowError(row.line, "commune_code", errors.NO_COMMITTEE,
                _("%(commune)s has no People's Committee in the system.") % {"commune": commune.name}))  # fmt: skip
            continue
        found[commune.code] = (commune, committee)
    return found


def _finish(report: ImportReport, dry_run: bool, write: Any) -> ImportReport:
    report.dry_run = dry_run
    if report.errors:
        report.errors.sort(key=lambda e: (e.line, e.column))
        return report
    try:
        with transaction.atomic():
            write()
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    except DomainError as exc:
        report.created = report.updated = report.unchanged = 0
        report.errors.append(RowError(0, "", exc.code, str(exc.message)))
    return report


def villages_import(*, actor: Any, rows: list[Any], dry_run: bool = False, reason: str = "") -> ImportReport:
    """Create or update villages from file rows (commune_code, village_code, name, kind), all or nothing.

    Matched on (commune, village_code); a row the same as the stored village changes nothing. Every bad
    row is reported with its line and column; then nothing is stored. ``dry_run`` checks and counts only.
    """
    permissions.require(actor, MANAGE_VILLAGES)
    report = ImportReport()
    err = report.errors.append
    communes = _communes_checked(actor, rows, report)
    seen: dict[tuple[int, str], int] = {}
    parsed: list[dict[str, Any]] = []
    for row in rows:
        v = row.values
        code = _clean_code(v.get("village_code", ""))
        try:
            validate_slug(code)
        except Exception:
            err(RowError(row.line, "village_code", errors.BAD_VILLAGE_CODE,
                         _("The village code must be letters, digits, '-' or '_' (no spaces), e.g. tdp-1.")))  # fmt: skip
        name = v.get("name", "").strip()
        if not name:
            err(RowError(row.line, "name", errors.REQUIRED, _("The name is empty.")))
        kind = kind_from_text(v.get("kind", ""))
        if kind is None:
            err(RowError(row.line, "kind", errors.BAD_KIND,
                         _("Write thon or to_dan_pho (thôn or tổ dân phố), not %(kind)s.") % {"kind": v.get("kind", "")}))  # fmt: skip
        number = parsing.whole_number(v.get("commune_code", ""))
        entry = communes.get(number) if number is not None else None
        if entry is None:
            continue
        commune, committee = entry
        key = (commune.code, code)
        if code and key in seen:
            err(RowError(row.line, "village_code", errors.DUPLICATE_CODE,
                         _("Village %(code)s already appears on line %(line)s.") % {"code": code, "line": seen[key]}))  # fmt: skip
            continue
        seen[key] = row.line
        current = Village.objects.filter(commune=commune, code=code).select_related("organization").first()
        if not permissions.user_may(actor, MANAGE_VILLAGES, current if current is not None else committee):
            err(RowError(row.line, "commune_code", errors.FORBIDDEN,
                         _("You may not manage the villages of %(commune)s.") % {"commune": commune.name}))  # fmt: skip
            continue
        parsed.append({"commune": commune, "current": current, "code": code, "name": name[:200], "kind": kind})

    def write() -> None:
        for p in parsed:
            current = p["current"]
            if current is None:
                village_create(actor=actor, commune=p["commune"], code=p["code"], name=p["name"], kind=p["kind"],
                               reason=reason)  # fmt: skip
                report.created += 1
            elif current.name == p["name"] and current.kind == p["kind"]:
                report.unchanged += 1
            else:
                village_update(actor=actor, village=current, name=p["name"], kind=p["kind"], reason=reason)
                report.updated += 1

    return _finish(report, dry_run, write)


def households_import(*, actor: Any, rows: list[Any], dry_run: bool = False, reason: str = "") -> ImportReport:
    """Create or update households from file rows, all or nothing (like ``villages_import``).

    A household missing from the file is left alone: leaving is marked by ``household_uncount``.
    """
    permissions.require(actor, MANAGE_VILLAGES)
    report = ImportReport()
    err = report.errors.append
    communes = _communes_checked(actor, rows, report)
    villages: dict[tuple[int, str], Village | None] = {}
    seen: dict[tuple[int, str, str], int] = {}
    parsed: list[dict[str, Any]] = []
    for row in rows:
        v = row.values
        number = parsing.whole_number(v.get("commune_code", ""))
        entry = communes.get(number) if number is not None else None
        code = household_code(v.get("household_code", ""))
        if not code or len(code) > 40:
            err(RowError(row.line, "household_code", errors.REQUIRED,
                         _("Write the household's code (at most 40 characters).")))  # fmt: skip
        try:
            values = _household_values(representative_name=v.get("representative_name", ""), phone=v.get("phone", ""),
                                       email=v.get("email", ""), members=v.get("members", ""))  # fmt: skip
        except DomainError as exc:
            codes = {"representative_name": errors.REQUIRED, "phone": errors.BAD_PHONE, "email": errors.BAD_EMAIL,
                     "members": errors.BAD_MEMBERS}  # fmt: skip
            for column, message in exc.details.items():
                err(RowError(row.line, column, codes[column], str(message)))
            values = None
        if entry is None:
            continue
        commune, _committee = entry
        village_code = _clean_code(v.get("village_code", ""))
        vkey = (commune.code, village_code)
        if vkey not in villages:
            villages[vkey] = Village.objects.filter(commune=commune, code=village_code).select_related(
                "organization").first()  # fmt: skip
        village = villages[vkey]
        if village is None:
            err(RowError(row.line, "village_code", errors.UNKNOWN_VILLAGE,
                         _("%(commune)s has no village with code %(code)s: import the villages first.")
                         % {"commune": commune.name, "code": v.get("village_code", "")}))  # fmt: skip
            continue
        if not permissions.user_may(actor, MANAGE_VILLAGES, village):
            err(RowError(row.line, "village_code", errors.FORBIDDEN,
                         _("You may not manage the households of %(village)s.") % {"village": village.name}))  # fmt: skip
            continue
        hkey = (commune.code, village_code, code)
        if code and hkey in seen:
            err(RowError(row.line, "household_code", errors.DUPLICATE_CODE,
                         _("Household %(code)s already appears on line %(line)s.") % {"code": code, "line": seen[hkey]}))  # fmt: skip
            continue
        seen[hkey] = row.line
        if values is not None and code:
            parsed.append({"village": village, "code": code, "values": values})

    def write() -> None:
        for p in parsed:
            current = Household.objects.filter(village=p["village"], code__iexact=p["code"]).order_by("id").first()
            if current is None:
                household_create(actor=actor, village=p["village"], code=p["code"], reason=reason, **p["values"])
                report.created += 1
                continue
            before = snapshot(current, _HOUSEHOLD_FIELDS)
            updated = household_update(actor=actor, household=current, reason=reason, **p["values"])
            if snapshot(updated, _HOUSEHOLD_FIELDS) == before:
                report.unchanged += 1
            else:
                report.updated += 1

    return _finish(report, dry_run, write)
