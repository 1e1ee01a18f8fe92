"""What reception contributes to the page shell: its menu entries and home-page cards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.org.permissions import user_may
from danvan.reception import permissions
from danvan.ui.registry import Area, MenuItem, register


def _works_on_tasks(user: object) -> bool:
    return user_may(user, permissions.WORK_TASKS) or user_may(user, permissions.CONCLUDE)


def register_navigation() -> None:
    # conclusions: officers work on the tasks of the heads' notices. (The citizen's follow page is reached by
    # the link printed on the notice and sent by SMS, not from the menu.)
    register(
        MenuItem("reception.conclusion_tasks", _("Tasks of conclusions"), "reception:conclusion_tasks", Area.WORK,
                 order=45, visible=_works_on_tasks, current_for=("reception:conclusion_tasks", "reception:conclusion_new", "reception:conclusion_detail")),
    )  # fmt: skip
