"""The short in-app texts officers read on their notifications page: assigned, transferred, reminded,
escalated. A few plain lines, in Vietnamese (they go to other people than the one who acted), with the
case's code, kind, body and deadline, never the petitioner's name, contact or words (Luật Tố cáo 2018,
Điều 56); the page links each to the case. The email letters of the same moments stay in ``messaging``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from danvan.cases.choices import Track


@dataclass(frozen=True)
class StaffText:
    subject: str
    body: str


def _due(case: Any) -> str:
    if case.due_on is None:
        return _("No legal deadline is running.")
    return _("Legal deadline: %(date)s.") % {"date": formats.date_format(case.due_on, "SHORT_DATE_FORMAT")}


def in_app(template: str, case: Any, **facts: Any) -> StaffText | None:
    """The text of ``template`` for ``case``; ``None`` for a moment without one."""
    with translation.override("vi"):
        return _text(template, case, facts)


def _text(template: str, case: Any, facts: dict[str, Any]) -> StaffText | None:
    values = {
        "code": case.tracking_code,
        "kind": Track(case.track).label,
        "body": case.handling_organization.name if case.handling_organization else "",
        "actor": str(facts.get("actor") or ""),
        "from_body": str(facts.get("from_body") or ""),
        "reason": str(facts.get("reason") or "").strip().rstrip("."),
    }
    if template == "assigned":
        return StaffText(
            _("Case %(code)s is assigned to you") % values,
            " ".join([_("%(actor)s assigned you case %(code)s (%(kind)s).") % values, _due(case)]),
        )
    if template == "transferred_in":
        return StaffText(
            _("Case %(code)s was transferred to %(body)s") % values,
            " ".join([
                _("%(from_body)s transferred case %(code)s (%(kind)s) to your body. Reason: %(reason)s.") % values,
                _due(case), _("Assign it to a handler."),
            ]),
        )  # fmt: skip
    if template == "reminder_handler":
        return StaffText(
            _("Case %(code)s is due soon") % values,
            " ".join([_("Case %(code)s (%(kind)s) is due soon.") % values, _due(case)]),
        )
    if template == "escalation_overdue":
        return StaffText(
            _("Case %(code)s is overdue") % values,
            " ".join([
                _("Case %(code)s (%(kind)s), handled by %(body)s, is past its legal deadline.") % values, _due(case),
                _("Please see that it is resolved at once."),
            ]),
        )  # fmt: skip
    return None
