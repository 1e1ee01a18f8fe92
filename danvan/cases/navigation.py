"""What cases contributes to the page shell: its menu entries and its home-page card."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.cases import permissions as case_permissions
from danvan.ui.registry import Area, HomeCard, Landing, MenuItem, register, register_landing, signed_in


def register_navigation() -> None:
    register(
        MenuItem("cases.submit", _("Send a petition"), "cases:case_submit", Area.PUBLIC, order=20),
        MenuItem("cases.lookup", _("Look up a petition"), "cases:case_lookup", Area.PUBLIC, order=30),
        MenuItem("cases.feed", _("Public feedback"), "cases:feed_list", Area.PUBLIC, order=25),
        MenuItem("cases.mine", _("My petitions"), "cases:my_cases", Area.ACCOUNT, order=10, visible=signed_in),
        MenuItem(
            "cases.inbox", _("Cases"), "cases:case_inbox", Area.WORK, order=10,
            action=case_permissions.VIEW,
        ),
        MenuItem(
            "cases.report", _("Report"), "cases:case_report", Area.WORK, order=20,
            action=case_permissions.VIEW,
        ),
        MenuItem(
            "cases.counter", _("Counter entry of a petition"), "cases:case_counter", Area.WORK, order=30,
            action=case_permissions.COUNTER_INTAKE,
        ),
        HomeCard("cases.petitions", "cases/home_card.html", order=10),
        HomeCard("cases.feed", "cases/feed_home_card.html", order=15),
    )  # fmt: skip
    # After signing in: officers who read cases land on the inbox, a counter clerk on the counter
    # (heads land on their dashboard first: surveys registers it with a smaller order).
    register_landing(Landing("cases.inbox", "cases:case_inbox", order=20, action=case_permissions.VIEW))
    register_landing(Landing("cases.counter", "cases:case_counter", order=30, action=case_permissions.COUNTER_INTAKE))
