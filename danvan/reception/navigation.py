"""What reception contributes to the page shell: its menu entries and home-page cards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.org.permissions import user_may
from danvan.reception import permissions
from danvan.reception import permissions as rp
from danvan.ui.registry import Area, HomeCard, MenuItem, register

# compliance: every staff page of compliance and reports marks the one entry as current.
_COMPLIANCE_PAGES = ("reception:compliance", "reception:register_export", "reception:register_print")

# Schedule (issue 15, items 1–2): the staff pages, for those who keep a body's schedule. (The public
# calendar's menu entry is the lead's to add: web's navigation test pins the public entries.)
_SCHEDULE_STAFF = ("reception:schedule_staff", "reception:schedule_rule", "reception:point_", "reception:duty_", "reception:sessions_generate",
                   "reception:session_ad_hoc", "reception:session_staff", "reception:session_cancel",
                   "reception:session_held", "reception:session_online")  # fmt: skip


def _works_on_tasks(user: object) -> bool:
    return user_may(user, permissions.WORK_TASKS) or user_may(user, permissions.CONCLUDE)


def _sees_compliance(user: object) -> bool:
    return user_may(user, rp.VIEW_COMPLIANCE)


def register_navigation() -> None:
    # For everyone: when and where heads receive citizens, and the dialogues with their commitments.
    register(
        MenuItem("reception.schedule_public", _("Citizen reception schedule"), "reception:schedule_public",
                 Area.PUBLIC, order=32),
        MenuItem("reception.dialogues_public", _("Dialogues with the people"), "reception:dialogues_public",
                 Area.PUBLIC, order=34),
    )  # fmt: skip
    # register: the register of citizen reception, for those who read it
    register(
        MenuItem("reception.register", _("Register of citizen reception"), "reception:register", Area.WORK, order=35,
                 action=permissions.VIEW_REGISTER, current_for=("reception:register", "reception:visit_")),
    )  # fmt: skip
    # compliance
    register(
        MenuItem("reception.compliance", _("Citizen reception"), "reception:compliance", Area.WORK, order=45,
                 action=rp.VIEW_COMPLIANCE, current_for=_COMPLIANCE_PAGES),
        HomeCard("reception.compliance", "reception/compliance/home_card.html", order=35, visible=_sees_compliance),
    )  # fmt: skip
    register(
        MenuItem("reception.schedule_staff", _("Reception schedule"), "reception:schedule_staff", Area.WORK,
                 order=50, action=permissions.MANAGE_SCHEDULE, current_for=_SCHEDULE_STAFF),
    )  # fmt: skip
    # conclusions: officers work on the tasks of the heads' notices. (The citizen's follow page is reached by
    # the link printed on the notice and sent by SMS, not from the menu.)
    register(
        MenuItem("reception.conclusion_tasks", _("Tasks of conclusions"), "reception:conclusion_tasks", Area.WORK,
                 order=45, visible=_works_on_tasks, current_for=("reception:conclusion_tasks", "reception:conclusion_new", "reception:conclusion_detail")),
    )  # fmt: skip
    _visit_cases_navigation()
    _dialogues()


# visit_cases --------------------------------------------------------------------------------------------


def _visit_for_case(*, case_id: int, user: object = None, **_facts: object) -> str:
    """The case's staff page links to the visit that brought it: "" when none did, when ``user`` (if
    given) may not read that visit, or when the visit is sealed and this case is not its tố cáo (a
    sibling PAKN/khiếu nại case must not lead its handler to a visit marked "sealed (tố cáo)")."""
    from django.urls import reverse

    from danvan.org import permissions
    from danvan.reception.permissions import VIEW_REGISTER
    from danvan.reception.selectors.crowds import visit_for_case

    link = visit_for_case(case_id)
    if link is None or (link.visit.sealed and link.track != "to_cao"):
        return ""
    if user is not None and not permissions.user_may(user, VIEW_REGISTER, link.visit):
        return ""
    return reverse("reception:visit_detail", args=[link.visit_id])


def _visit_cases_navigation() -> None:
    from django.utils.translation import gettext_lazy as _

    from danvan.reception.permissions import VIEW_REGISTER
    from danvan.ui.registry import Area, MenuItem, provide_link, register

    register(
        MenuItem("reception.crowd_warnings", _("Crowd warnings"), "reception:crowd_warnings", Area.WORK, order=64,
                 action=VIEW_REGISTER),
    )  # fmt: skip
    provide_link("reception.visit_for_case", _visit_for_case)


# dialogues --------------------------------------------------------------------------------------------

_DIALOGUE_PAGES = ("reception:dialogue_plan", "reception:dialogue_detail", "reception:dialogue_act",
                   "reception:dialogue_question_act")  # fmt: skip


def _dialogues() -> None:
    from danvan.reception.permissions import MANAGE_DIALOGUES, WORK_TASKS

    register(
        HomeCard("reception.dialogues", "reception/dialogues/home_card.html", order=40),
        MenuItem("reception.dialogues", _("Dialogues"), "reception:dialogue_list", Area.WORK, order=60,
                 action=MANAGE_DIALOGUES, current_for=_DIALOGUE_PAGES),
        MenuItem("reception.dialogue_commitments", _("Dialogue commitments"), "reception:dialogue_commitments",
                 Area.WORK, order=61, action=WORK_TASKS),
    )  # fmt: skip
