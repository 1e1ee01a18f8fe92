"""What the site shell itself puts in the menu: home and the administration (notifications register
their own entry: notifications/navigation.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.ui.registry import Area, HomeCard, MenuItem, provide_link, register


def _case_rating_link(*, case_id: int) -> str:
    from danvan.web.surveys_public import rating_link_for_case

    return rating_link_for_case(case_id)


def _case_rating_url(*, case_id: int) -> str:
    from danvan.web.surveys_public import rating_url

    return rating_url(case_id)


def register_navigation() -> None:
    register(
        MenuItem("web.home", _("Home"), "web:home", Area.PUBLIC, order=10),
        MenuItem(
            "web.admin", _("Administration"), "admin:index", Area.REFERENCE, order=90,
            visible=lambda user: bool(getattr(user, "is_staff", False)),
        ),
        HomeCard("web.reception", "web/home_card_reception.html", order=20),
    )  # fmt: skip
    # The rating pages are still the shell's (until surveys owns its pages): the case's private page
    # shows its rating link, and its receipt the QR of it, through these names (ui.registry.link).
    provide_link("surveys.case_rating", _case_rating_link)  # "" until the case's rating is open
    provide_link("surveys.case_rating_url", _case_rating_url)  # whatever the state, for a printed receipt
