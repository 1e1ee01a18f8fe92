"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, register  # noqa: F401


def villages() -> None:
    """Villages and households (staff), the communes' public pages."""


def disclosures() -> None:
    """Disclosures (staff)."""


def decisions() -> None:
    """Community decisions (staff)."""


def voting() -> None:
    """Online voting (the household's voting page is reached by its link, not the menu)."""


def boards() -> None:
    """People's boards (staff): the Front's boards, and the addressed bodies' recommendations to answer."""
    from danvan.democracy.permissions import ANSWER_RECOMMENDATIONS, MANAGE_BOARDS

    register(
        MenuItem(key="democracy.boards", label=_("People's boards"), url_name="democracy:board_list",
                 area=Area.WORK, order=64, action=MANAGE_BOARDS, current_for=("democracy:board_",)),
        MenuItem(key="democracy.recommendations", label=_("Boards' recommendations"),
                 url_name="democracy:recommendation_inbox", area=Area.WORK, order=65, action=ANSWER_RECOMMENDATIONS,
                 current_for=("democracy:recommendation_",)),
    )  # fmt: skip


def conferences() -> None:
    """Yearly community conferences (staff)."""


def dashboards() -> None:
    """Figures and reports (staff)."""


PARTS = [villages, disclosures, decisions, voting, boards, conferences, dashboards]
