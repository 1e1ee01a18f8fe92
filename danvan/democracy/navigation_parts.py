"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, register


def villages() -> None:
    """Villages and households (staff), the communes' public pages."""


def disclosures() -> None:
    """Disclosures (staff)."""


def decisions() -> None:
    """Community decisions (staff)."""


def voting() -> None:
    """Online voting (the household's voting page is reached by its link, not the menu)."""


def boards() -> None:
    """People's boards (staff)."""


def conferences() -> None:
    """Yearly community conferences (staff)."""


def dashboards() -> None:
    """Figures and reports (staff)."""
    from danvan.democracy.permissions import VIEW_DASHBOARD
    from danvan.org.permissions import user_may

    def sees(user: object) -> bool:
        return user_may(user, VIEW_DASHBOARD)

    pages = ("democracy:dashboard", "democracy:dashboard_commune", "democracy:dashboard_export")
    register(
        MenuItem("democracy.dashboard", _("Grassroots democracy: figures"), "democracy:dashboard", Area.WORK,
                 order=47, action=VIEW_DASHBOARD, current_for=pages),
        HomeCard("democracy.dashboard", "democracy/dashboards/home_card.html", order=37, visible=sees),
    )  # fmt: skip


PARTS = [villages, disclosures, decisions, voting, boards, conferences, dashboards]
