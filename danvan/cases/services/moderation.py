"""Moderation of the public page: a handler takes a public report off it (personal data the automatic
redaction missed, offensive wording, not a public matter, a duplicate, another reason), shows it again, or
corrects its public title and text, at any time, answered or not.

Who: whoever handles cases of the report's body (``HANDLE``, scoped to the body's units: its handlers and
heads), as every other step. When: on a report on the public track (``publicity.on_public_track``: public
feedback the citizen did not withhold, not withdrawn); taking it off only while it is shown, showing it
again only while it is off. Each is a staff-only timeline event and an audit entry; the citizen's private
page says that it is off and why (the reason's label, never the staff note).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import permissions as case_permissions
from danvan.cases import publicity
from danvan.cases.choices import PublicHideReason
from danvan.cases.models import Case
from danvan.cases.services.common import case_state, public_text_changed, record
from danvan.cases.services.handling import _required
from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.org import permissions

NOTE_LIMIT = 2000


def hide_possible(case: Case) -> bool:
    """Shown on the public page now: it may be taken off."""
    return publicity.is_public(track=case.track, status=case.status, publish_wanted=case.publish_wanted,
                               hidden=case.public_hidden_at is not None)  # fmt: skip


def show_possible(case: Case) -> bool:
    """Taken off the public page, and public again once shown."""
    return case.public_hidden_at is not None and correct_possible(case)


def correct_possible(case: Case) -> bool:
    """On the public track, shown or taken off: its public text may be corrected."""
    return publicity.on_public_track(track=case.track, status=case.status, publish_wanted=case.publish_wanted)


def _step(case: Case, *, actor: Any, possible: Callable[[Case], bool], refusal: Callable[[Case], DomainError],
          change: Callable[[Case], dict[str, Any]], action: str, note: str, reason: str = "") -> Case:  # fmt: skip
    """Lock, check the right then the state, change, record (timeline: staff only; audit), in one transaction."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        permissions.require(actor, case_permissions.HANDLE, locked)
        if not possible(locked):
            raise refusal(locked)
        before = case_state(locked)
        data = change(locked)
        locked.save()
        record(locked, actor=actor, action=action, before=before, from_status=locked.status, note=note,
               public=False, data=data, reason=reason)  # fmt: skip
    case.refresh_from_db()
    return case


def _not_on_track(case: Case) -> DomainError:
    return DomainError(_("This case is not public feedback: it is not on the public page."),
                       code=codes.NOT_ON_PUBLIC_TRACK)  # fmt: skip


def case_public_hide(*, case: Case, actor: Any, reason: str, note: str = "") -> Case:
    """Take the report off the public page (the feed, the map, its page and its photos) with a reason;
    ``note`` (required for "another reason") is for staff only."""
    note = note.strip()

    def refusal(c: Case) -> DomainError:
        if correct_possible(c):
            return DomainError(_("This report is already off the public page."), code=codes.PUBLIC_ALREADY_HIDDEN)
        return _not_on_track(c)

    def change(c: Case) -> dict[str, Any]:
        if reason not in PublicHideReason.values:
            raise DomainError(_("Choose why the report is taken off the public page."), code=codes.BAD_REASON)
        if reason == PublicHideReason.OTHER:
            _required(note, _("the reason"))
        elif note:
            _required(note, _("the note"))  # plain text only
        c.public_hidden_at, c.public_hidden_reason = clock.now(), reason
        return {"reason": reason}

    label = str(PublicHideReason(reason).label) if reason in PublicHideReason.values else ""
    return _step(case, actor=actor, possible=hide_possible, refusal=refusal, change=change, action="public_hide",
                 note=" — ".join(filter(None, [label, note[:NOTE_LIMIT]])))  # fmt: skip


def case_public_show(*, case: Case, actor: Any, note: str = "") -> Case:
    """Show a report taken off the public page again."""
    note = note.strip()

    def refusal(c: Case) -> DomainError:
        if correct_possible(c):
            return DomainError(_("This report is already on the public page."), code=codes.PUBLIC_NOT_HIDDEN)
        return _not_on_track(c)

    def change(c: Case) -> dict[str, Any]:
        if note:
            _required(note, _("the note"))
        hidden = c.public_hidden_reason
        c.public_hidden_at, c.public_hidden_reason = None, ""
        return {"was_hidden_for": hidden}

    return _step(case, actor=actor, possible=show_possible, refusal=refusal, change=change, action="public_show",
                 note=note[:NOTE_LIMIT])  # fmt: skip


def case_public_correct(*, case: Case, actor: Any, public_title: str, public_text: str) -> Case:
    """Correct the report's public title and text. The automatic redaction runs on them again (a floor: the
    handler may remove more, never bring the citizen's own name or contact back)."""

    def change(c: Case) -> dict[str, Any]:
        title = _required(public_title, _("the public title"))
        text = _required(public_text, _("the public text"))
        identity = [c.contact_name, c.contact_phone, c.contact_email, c.contact_address, ""]
        c.public_title = publicity.public_text(" ".join(title.split()), identity)[:200]
        c.public_text = publicity.public_text(text, identity)[:10_000]
        public_text_changed(c)
        return {"title_length": len(c.public_title), "text_length": len(c.public_text)}

    return _step(case, actor=actor, possible=correct_possible, refusal=_not_on_track, change=change,
                 action="public_correct", note="", reason="public title and text corrected")  # fmt: skip
