"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, register


def villages() -> None:
    """Villages and households (staff), the communes' public pages."""
    from danvan.democracy.permissions import MANAGE_VILLAGES, VIEW_HOUSEHOLDS
    from danvan.org.permissions import user_may

    def _works_on_villages(user: object) -> bool:
        return user_may(user, MANAGE_VILLAGES) or user_may(user, VIEW_HOUSEHOLDS)

    register(
        MenuItem("democracy.communes", _("Grassroots democracy"), "democracy:communes", Area.PUBLIC, order=36,
                 current_for=("democracy:communes", "democracy:commune")),
        MenuItem("democracy.villages", _("Villages and households"), "democracy:village_list", Area.WORK, order=60,
                 visible=_works_on_villages, current_for=("democracy:village_", "democracy:household_")),
    )  # fmt: skip


def disclosures() -> None:
    """Disclosures (staff)."""
    from danvan.democracy.permissions import PUBLISH

    register(MenuItem(key="democracy.disclosures", label=_("Disclosures (dân biết)"), url_name="democracy:disclosure_list",
                      area=Area.WORK, action=PUBLISH, order=60, current_for=("democracy:disclosure_",)))  # fmt: skip


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
    from danvan.democracy.permissions import RUN_DECISIONS

    register(
        MenuItem("democracy.voting", _("Online votes"), "democracy:voting_list", Area.WORK, order=64,
                 action=RUN_DECISIONS, current_for=("democracy:voting_",)),
    )  # fmt: skip


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
    from danvan.democracy.permissions import HOLD_CONFERENCES

    register(
        MenuItem("democracy.conferences", _("Community conferences"), "democracy:conference_list", Area.WORK,
                 order=66, action=HOLD_CONFERENCES, current_for=("democracy:conference_",)),
    )  # fmt: skip


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
