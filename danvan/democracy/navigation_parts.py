"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, register  # noqa: F401


def villages() -> None:
    """Villages and households (staff), the communes' public pages."""


def disclosures() -> None:
    """Disclosures (staff)."""
    from danvan.democracy.permissions import PUBLISH

    register(MenuItem(key="democracy.disclosures", label=_("Disclosures (dân biết)"), url_name="democracy:disclosure_list",
                      area=Area.WORK, action=PUBLISH, order=60, current_for=("democracy:disclosure_",)))  # fmt: skip


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


PARTS = [villages, disclosures, decisions, voting, boards, conferences, dashboards]
