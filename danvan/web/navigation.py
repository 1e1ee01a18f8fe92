"""What the site shell itself puts in the menu: home, notifications (until they have an app of their
own) and the administration."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, register, signed_in


def register_navigation() -> None:
    register(
        MenuItem("web.home", _("Home"), "web:home", Area.PUBLIC, order=10),
        MenuItem("web.notifications", _("Notifications"), "web:notification_list", Area.ACCOUNT, order=20, visible=signed_in),
        MenuItem(
            "web.admin", _("Administration"), "admin:index", Area.REFERENCE, order=90,
            visible=lambda user: bool(getattr(user, "is_staff", False)),
        ),
        HomeCard("web.reception", "web/home_card_reception.html", order=20),
    )  # fmt: skip
