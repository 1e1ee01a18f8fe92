"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations


def drafts() -> None:
    """The public list of consultations; the staff list."""


def participation() -> None:
    """Moderation and keying in (staff)."""


def maps() -> None:
    """The map is reached from each consultation's page: no menu entry."""


def answers() -> None:
    """Answering views (staff)."""


def dashboards() -> None:
    """Figures (staff), the home card."""
    from django.utils.translation import gettext_lazy as _

    from danvan.consultations.permissions import VIEW_DASHBOARD
    from danvan.org.permissions import user_may
    from danvan.ui.registry import Area, HomeCard, MenuItem, register

    def sees(user: object) -> bool:
        return user_may(user, VIEW_DASHBOARD)

    register(
        MenuItem("consultations.dashboard", _("Consultations: figures"), "consultations:dashboard", Area.WORK,
                 order=48, action=VIEW_DASHBOARD, current_for=("consultations:dashboard",)),
        HomeCard("consultations.dashboard", "consultations/dashboards/home_card.html", order=38, visible=sees),
    )  # fmt: skip


PARTS = [drafts, participation, maps, answers, dashboards]
