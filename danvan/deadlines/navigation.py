"""What deadlines contributes to the page shell: the rules and calendar entry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, MenuItem, register


def register_navigation() -> None:
    register(
        MenuItem(
            "deadlines.rules",
            _("Deadlines"),
            "deadlines:rule_list",
            Area.REFERENCE,
            order=30,
            action="deadlines.view_deadlinerule",
            current_for=("deadlines:",),
        )
    )
