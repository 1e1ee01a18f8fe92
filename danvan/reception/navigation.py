"""What reception contributes to the page shell: its menu entries and home-page cards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.reception import permissions as reception_permissions
from danvan.ui.registry import Area, MenuItem, register


def register_navigation() -> None:
    register(
        MenuItem("reception.register", _("Register of citizen reception"), "reception:register", Area.WORK, order=35,
                 action=reception_permissions.VIEW_REGISTER, current_for=("reception:register", "reception:visit_")),
    )  # fmt: skip
