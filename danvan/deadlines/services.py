"""Every change to the deadline data: one audited, atomic function per action an operator takes.

The admin, the operator screens and any command call these, so they all check, validate and audit
the same way. Permission is asked through ``core.reference_data.may_edit_reference_data`` (staff flag plus a permission
that ``org``'s backend answers from the roles alone; see docs/deadlines.md): deadlines may not import
``danvan.org``. ``actor=None`` means the system itself (a migration or a
maintenance command run by someone with shell access) and is audited as "system".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.reference_data import may_edit_reference_data
from danvan.deadlines import errors as codes
from danvan.deadlines.calendar import OverrideKind
from danvan.deadlines.models import CalendarOverride, CalendarYear, DeadlineRule
from danvan.deadlines.rules import InvalidRule

# Calendar data outside this range is a typing mistake, not a schedule.
FIRST_YEAR, LAST_YEAR = 2000, 2100

# What an operator may change in a rule row. The key (procedure, step, regime, conditions) is not
# editable: a different key is a different rule and belongs in a migration.
RULE_EDITABLE_FIELDS = (
    "label",
    "kind",
    "period",
    "unit",
    "trigger",
    "legal_basis",
    "source",
    "confidence",
    "alt_period",
    "alt_unit",
    "alt_legal_basis",
    "alt_confidence",
    "reading",
    "extension_period",
    "max_extensions_normal",
    "max_extensions_complex",
    "max_extensions_especially_complex",
    "extension_legal_basis",
    "on_transfer",
    "warn_percent",
    "statutory",
    "effective_from",
    "note",
)


RULE_PROBLEM_MESSAGES = {
    "requirement_with_days": gettext_lazy("a requirement has no period in days"),
    "period_required": gettext_lazy("a period and its unit are required"),
    "unit_not_days": gettext_lazy("the unit must be calendar days or working days"),
    "negative_period": gettext_lazy("the period cannot be negative"),
    "alt_incomplete": gettext_lazy("the other reading needs both a period and a unit"),
    "alt_on_requirement": gettext_lazy("a requirement has no other reading"),
    "alt_unit_not_days": gettext_lazy("the other reading must be counted in calendar or working days"),
    "alt_negative_period": gettext_lazy("the other reading's period cannot be negative"),
    "alt_basis_required": gettext_lazy("the other reading needs its legal basis"),
    "no_alternative": gettext_lazy("there is no other reading to apply"),
    "negative_extensions": gettext_lazy("the number of extensions cannot be negative"),
    "extension_period_required": gettext_lazy("extensions need a positive extension period"),
    "extension_not_within": gettext_lazy("only a period to act within can be extended"),
    "bad_warn_percent": gettext_lazy("the reminder must fall between 1 and 99 percent of the period"),
    "legal_basis_required": gettext_lazy("the legal basis is required"),
}


def _invalid(problems: list[str]) -> DomainError:
    return DomainError(
        _("This rule does not hold together: %(problems)s") % {"problems": "; ".join(problems)},
        code=codes.INVALID_RULE,
        details={"problems": problems},
    )


def _require(actor: Any, permission: str) -> None:
    if actor is None:
        return
    if not may_edit_reference_data(actor, permission):
        raise PermissionDenied(_("You may not change the deadline data."))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give a reason or the document behind this change."), code=codes.REASON_REQUIRED)
    return reason


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            _("The year must be between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code=codes.BAD_YEAR,
        )


@transaction.atomic
def calendar_override_set(
    *, actor: Any, on: dt.date, kind: OverrideKind | str, note: str, reason: str = ""
) -> CalendarOverride:
    """Make ``on`` a day off or a working day, whatever the package says; replaces an earlier override."""
    _require(actor, "deadlines.add_calendaroverride")
    _check_year(on.year)
    try:
        kind = OverrideKind(kind)
    except ValueError:
        raise DomainError(_("Unknown kind of day."), code=codes.BAD_KIND) from None
    note = note.strip()
    if not note:
        raise DomainError(_("Name the announcement behind this day."), code=codes.NOTE_REQUIRED)
    existing = CalendarOverride.objects.select_for_update().filter(on=on).first()
    before = snapshot(existing, ["on", "kind", "note"]) if existing else None
    override = existing or CalendarOverride(on=on)
    override.kind, override.note = kind.value, note
    override.save()
    after = snapshot(override, ["on", "kind", "note"])
    if before != after:
        audit_record(actor=actor, action="deadlines.calendar_override_set", obj=override, before=before,
                     after=after, reason=(reason or "").strip() or note)  # fmt: skip
    return override


@transaction.atomic
def calendar_override_remove(*, actor: Any, on: dt.date, reason: str) -> None:
    """Drop the override of ``on``: the day goes back to what the ``holidays`` package says."""
    _require(actor, "deadlines.delete_calendaroverride")
    reason = _reason(reason)
    override = CalendarOverride.objects.select_for_update().filter(on=on).first()
    if override is None:
        raise NotFound(_("There is no override for this date."))
    before = snapshot(override, ["on", "kind", "note"])
    override_id, label = str(override.pk), str(override)
    override.delete()
    audit_record(actor=actor, action="deadlines.calendar_override_remove", object_type="deadlines.calendaroverride",
                 object_id=override_id, object_repr=label, before=before, reason=reason)  # fmt: skip


@transaction.atomic
def calendar_year_announce(*, actor: Any, year: int, announcement: str, reason: str = "") -> CalendarYear:
    """Record that the Government has announced ``year``'s days off: it stops being "dự kiến"."""
    _require(actor, "deadlines.add_calendaryear")
    _check_year(year)
    announcement = announcement.strip()
    if not announcement:
        raise DomainError(_("Name the announcement of this year's days off."), code=codes.ANNOUNCEMENT_REQUIRED)
    existing = CalendarYear.objects.select_for_update().filter(year=year).first()
    before = snapshot(existing, ["year", "announcement"]) if existing else None
    record = existing or CalendarYear(year=year)
    record.announcement = announcement
    record.save()
    after = snapshot(record, ["year", "announcement"])
    if before != after:
        audit_record(actor=actor, action="deadlines.calendar_year_announce", obj=record, before=before,
                     after=after, reason=(reason or "").strip() or announcement)  # fmt: skip
    return record


@transaction.atomic
def calendar_year_withdraw(*, actor: Any, year: int, reason: str) -> None:
    """Undo ``calendar_year_announce``: the year is an estimate again."""
    _require(actor, "deadlines.delete_calendaryear")
    reason = _reason(reason)
    record = CalendarYear.objects.select_for_update().filter(year=year).first()
    if record is None:
        raise NotFound(_("This year has not been marked as announced."))
    before = snapshot(record, ["year", "announcement"])
    record_id = str(record.pk)
    record.delete()
    audit_record(actor=actor, action="deadlines.calendar_year_withdraw", object_type="deadlines.calendaryear",
                 object_id=record_id, object_repr=str(year), before=before, reason=reason)  # fmt: skip


@transaction.atomic
def deadline_rule_update(*, actor: Any, rule: DeadlineRule, changes: dict[str, Any], reason: str) -> DeadlineRule:
    """Change the period, unit, legal basis, confidence … of one rule row, after checking that the
    row still makes sense; the old and new values go to the audit log."""
    _require(actor, "deadlines.change_deadlinerule")
    reason = _reason(reason)
    unknown = set(changes) - set(RULE_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            code=codes.FIELD_NOT_EDITABLE,
        )
    stored = DeadlineRule.objects.select_for_update().filter(pk=rule.pk).first()
    if stored is None:
        raise NotFound(_("This rule does not exist."))
    before = snapshot(stored, list(RULE_EDITABLE_FIELDS))
    for name, value in changes.items():
        setattr(stored, name, "" if value is None and name in {"unit", "alt_unit", "alt_confidence"} else value)
    try:
        stored.full_clean()
    except ValidationError as error:
        raise _invalid(error.messages) from None
    try:
        stored.to_rule()
    except InvalidRule as error:
        raise _invalid([str(RULE_PROBLEM_MESSAGES.get(code, code)) for code in error.problems]) from None
    after = snapshot(stored, list(RULE_EDITABLE_FIELDS))
    if before == after:
        return stored
    stored.save()
    changed = sorted(name for name in RULE_EDITABLE_FIELDS if before[name] != after[name])
    audit_record(
        actor=actor,
        action="deadlines.rule_update",
        obj=stored,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
        reason=reason,
    )
    return stored
