"""What org contributes to the page shell: the place look-up, bodies and units, and its home card."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.org import permissions
from danvan.ui.registry import Area, HomeCard, MenuItem, register, set_action_check


def register_navigation() -> None:
    # Org owns the roles, so it installs the one check every menu entry is decided by.
    set_action_check(permissions.user_may)
    register(
        MenuItem("org.place_resolve", _("Look up a place"), "org:place_resolve", Area.PUBLIC, order=40),
        MenuItem(
            "org.organizations", _("Bodies"), "org:organization_list", Area.REFERENCE, order=10,
            action=permissions.VIEW_ORGANIZATION,
        ),
        MenuItem(
            "org.units", _("Administrative units"), "org:unit_list", Area.REFERENCE, order=20,
            action=permissions.BROWSE_UNITS,
        ),
        HomeCard("org.place_resolve", "org/home_card.html", order=40),
    )  # fmt: skip
