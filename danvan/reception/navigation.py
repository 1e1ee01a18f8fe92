"""What reception contributes to the page shell: its menu entries and home-page cards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.org.permissions import user_may
from danvan.reception import permissions
from danvan.ui.registry import Area, MenuItem, register


def _works_on_tasks(user: object) -> bool:
    return user_may(user, permissions.WORK_TASKS) or user_may(user, permissions.CONCLUDE)


def register_navigation() -> None:
    # conclusions: the citizen follows a notice by code; officers work on the tasks of the heads' notices.
    register(
        MenuItem("reception.conclusion_follow", _("Follow a notice of conclusions"), "reception:conclusion_follow",
                 Area.PUBLIC, order=35),
        MenuItem("reception.conclusion_tasks", _("Tasks of conclusions"), "reception:conclusion_tasks", Area.WORK,
                 order=45, visible=_works_on_tasks, current_for=("reception:conclusion_tasks", "reception:conclusion_new", "reception:conclusion_detail")),
    )  # fmt: skip
