"""What the site shell itself puts in the menu: home and the administration (notifications register
their own entry: notifications/navigation.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, register


def register_navigation() -> None:
    register(
        MenuItem("web.home", _("Home"), "web:home", Area.PUBLIC, order=10),
        MenuItem(
            "web.admin", _("Administration"), "admin:index", Area.REFERENCE, order=90,
            visible=lambda user: bool(getattr(user, "is_staff", False)),
        ),
        HomeCard("web.reception", "web/home_card_reception.html", order=20),
    )  # fmt: skip
