"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, register  # noqa: F401


def villages() -> None:
    """Villages and households (staff), the communes' public pages."""


def disclosures() -> None:
    """Disclosures (staff)."""


def decisions() -> None:
    """Community decisions (staff): those who put matters and those who recognise them."""
    from danvan.democracy.permissions import RECOGNISE, RUN_DECISIONS
    from danvan.org.permissions import user_may

    def runs_or_recognises(user: object) -> bool:
        return user_may(user, RUN_DECISIONS) or user_may(user, RECOGNISE)

    register(
        MenuItem("democracy.decisions", _("Community decisions"), "democracy:decisions_staff", Area.WORK, order=62,
                 visible=runs_or_recognises, current_for=("democracy:decision",)),
    )  # fmt: skip


def voting() -> None:
    """Online voting (the household's voting page is reached by its link, not the menu)."""


def boards() -> None:
    """People's boards (staff)."""


def conferences() -> None:
    """Yearly community conferences (staff)."""


def dashboards() -> None:
    """Figures and reports (staff)."""


PARTS = [villages, disclosures, decisions, voting, boards, conferences, dashboards]
