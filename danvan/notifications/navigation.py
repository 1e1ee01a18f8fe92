"""What notifications contributes to the page shell: the account menu's entry to one's messages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, MenuItem, register, signed_in


def register_navigation() -> None:
    register(
        MenuItem("notifications.list", _("Notifications"), "notifications:notification_list", Area.ACCOUNT, order=20,
                 visible=signed_in),
    )  # fmt: skip
