"""Merging a duplicate: a petition found to repeat another is closed as its duplicate, linked both ways.

The same matter sent twice (the web form and then the counter, or by neighbours about the same broken
road) is handled once (Thông tư 05/2021/TT-TTCP on the handling of petitions: a petition repeating one
being handled is not handled again [U: the clause to be checked]). The duplicate is closed
(``transitions``: before the work on it starts), ``duplicate_of`` points to the original and the original
lists it (``Case.duplicates``); both timelines say so; the petitioner of the duplicate is told in plain
words (``messages/merged.txt``).

Not reversible in the app, on purpose: a closed case reopened would restart a legal clock from a date the
law does not know. A merge made by mistake is put right by entering the petition again (its files and
timeline stay on the closed case), which the petitioner is told to ask for.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Track
from danvan.cases.models import Case
from danvan.cases.services.common import record
from danvan.cases.services.handling import _move
from danvan.cases.transitions import Action
from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.org import permissions


def _original(actor: Any, code: str) -> Case:
    """The case ``code`` names, if ``actor`` handles it; otherwise one refusal, whether it exists or not."""
    case = Case.objects.filter(tracking_code="".join(code.split()).upper()).first()
    may = case is not None and permissions.user_may(actor, case_permissions.HANDLE, case)
    if (
        case is None
        or not may
        or (case.is_to_cao and not permissions.user_may(actor, case_permissions.VIEW_TO_CAO, case))
    ):
        raise DomainError(_("No case with this code among the cases you handle."), code=codes.DUPLICATE_UNKNOWN)
    return case


def case_merge_duplicate(*, case: Case, actor: Any, original: str, note: str = "") -> Case:
    """Close ``case`` as a duplicate of the case whose tracking code is ``original``."""
    permissions.require(actor, case_permissions.HANDLE, case)  # before anything is said of the other case
    target = _original(actor, original)
    if target.pk == case.pk:
        raise DomainError(_("A case cannot be a duplicate of itself."), code=codes.DUPLICATE_SELF)
    if target.duplicate_of_id is not None:
        raise DomainError(
            _("That case is itself a duplicate: merge into the case it duplicates."), code=codes.DUPLICATE_CHAIN
        )
    if target.track != case.track:
        raise DomainError(
            _("That case is on another legal track: classify this one first."), code=codes.DUPLICATE_TRACK
        )

    def change(c: Case) -> None:
        if c.duplicates.exists():
            raise DomainError(_("Other cases were merged into this one: it cannot become a duplicate."),
                              code=codes.DUPLICATE_HAS_DUPLICATES)  # fmt: skip
        c.duplicate_of = target
        c.closed_at = clock.now()

    # The petitioner reads this note: the other case is named only for feedback (a complaint's or a
    # denunciation's existence is not another petitioner's to know; the staff timeline names it).
    if case.track == Track.PAKN:
        said = _("The petition repeats case %(code)s and is handled together with it.") % {"code": target.tracking_code}
    else:
        said = _("The petition repeats a case already received and is handled together with it.")
    with transaction.atomic():
        merged = _move(case, actor=actor, action=Action.MERGE_DUPLICATE, permission=case_permissions.HANDLE,
                       change=change, note=" ".join(filter(None, [said, note.strip()])), notify="merged",
                       data={"original": target.pk})  # fmt: skip
        locked = Case.objects.select_for_update().get(pk=target.pk)
        record(locked, actor=actor, action="duplicate_merged", before=None, from_status=locked.status,
               note=_("Case %(code)s was closed as a duplicate of this one.") % {"code": merged.tracking_code},
               data={"duplicate": merged.pk, "code": merged.tracking_code})  # fmt: skip
    return merged
