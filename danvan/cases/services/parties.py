"""The petitioners of a group case and their representatives."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import permissions as case_permissions
from danvan.cases import rules
from danvan.cases.models import Case, CaseParty
from danvan.cases.services.common import case_state, record
from danvan.core import contacts
from danvan.core.errors import DomainError
from danvan.core.text import contains_html
from danvan.files import sealing
from danvan.org import permissions


def _party_problem(person: dict[str, Any]) -> str | None:
    """Why one petitioner cannot be recorded: a phone the contact rule refuses (the same rule as the
    citizen's form, REST and Open311), or a name or address longer than its column."""
    problem = contacts.phone_problem(str(person.get("phone", "")))
    if problem is not None:
        return problem
    for field in ("name", "address"):
        limit = getattr(CaseParty._meta.get_field(field), "max_length", None) or 0
        if len(str(person.get(field, "")).strip()) > limit:
            return _("At most %(n)s characters.") % {"n": limit}
    return None


def case_parties_set(*, case: Case, actor: Any, parties: list[dict[str, Any]]) -> list[CaseParty]:
    """Replace the list of petitioners; the number of representatives must fit the group's size."""
    people = [p for p in parties if str(p.get("name", "")).strip()]
    if not people:
        raise DomainError(_("List at least one petitioner."), code=codes.NO_PARTIES)
    for person in people:
        problem = _party_problem(person)
        if problem is not None:
            text = _("%(name)s: %(problem)s") % {"name": str(person["name"]).strip()[:60], "problem": problem}
            raise DomainError(text, code=codes.INVALID_PARTY, details={"people": text})
    if any(contains_html(str(v)) for p in people for v in p.values() if isinstance(v, str)):
        raise DomainError(_("Please write plain text: HTML code is not accepted."), code=codes.HTML)
    representatives = sum(1 for p in people if p.get("is_representative"))
    low, high = rules.representatives_allowed(len(people))
    if not low <= representatives <= high:
        raise DomainError(
            _("%(people)s petitioners must name between %(low)s and %(high)s representatives.")
            % {"people": len(people), "low": low, "high": high},
            code=codes.REPRESENTATIVES,
        )
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        permissions.require(actor, case_permissions.HANDLE, locked)
        before = case_state(locked)
        locked.parties.all().delete()
        created = []
        for p in people:
            details = {k: str(p.get(k, "")).strip() for k in ("name", "address")}
            details["phone"] = contacts.phone_clean(str(p.get("phone", "")))
            if locked.is_to_cao:
                created.append(CaseParty.objects.create(case=locked, sealed=sealing.seal_json(details),
                                                        is_representative=bool(p.get("is_representative"))))  # fmt: skip
            else:
                created.append(CaseParty.objects.create(case=locked, is_representative=bool(p.get("is_representative")),
                                                        **details))  # fmt: skip
        locked.people_count = len(people)
        locked.save(update_fields=["people_count", "updated_at"])
        record(locked, actor=actor, action="parties_set", before=before, from_status=locked.status,
               data={"people": len(people), "representatives": representatives})  # fmt: skip
    case.refresh_from_db()
    return created
