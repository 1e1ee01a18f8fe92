"""What satisfaction contributes to the page shell: one menu entry and its home-page card."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.org.choices import Role
from danvan.org.permissions import roles_of, user_may
from danvan.surveys import permissions as survey_permissions
from danvan.ui.registry import Area, HomeCard, Landing, MenuItem, provide_link, register, register_landing

# Every staff page of satisfaction marks the one entry as current.
_STAFF_PAGES = (
    "surveys:satisfaction_dashboard", "surveys:satisfaction_export", "surveys:survey_campaigns",
    "surveys:survey_paper_entry", "surveys:survey_flags",
)  # fmt: skip


def _sees_results(user: object) -> bool:
    return user_may(user, survey_permissions.VIEW_RESULTS)


def _heads(user: object) -> bool:
    return Role.HEAD in roles_of(user)


def _works_on_campaigns(user: object) -> bool:
    # Those who key in paper forms or review flags but may not see results land on the campaigns.
    return not _sees_results(user) and (
        user_may(user, survey_permissions.ENTER_PAPER) or user_may(user, survey_permissions.REVIEW_FLAGS)
    )


def _case_rating_link(*, case_id: int) -> str:
    from danvan.surveys.views.public import rating_link_for_case

    return rating_link_for_case(case_id)


def _case_rating_url(*, case_id: int) -> str:
    from danvan.surveys.views.public import rating_url

    return rating_url(case_id)


def register_navigation() -> None:
    # The case's private page shows its rating link, and its receipt the QR of it; cases may not import
    # surveys, so it asks for them by name (ui.registry.link).
    provide_link("surveys.case_rating", _case_rating_link)  # "" until the case's rating is open
    provide_link("surveys.case_rating_url", _case_rating_url)  # whatever the state, for a printed receipt
    register(
        MenuItem(
            "surveys.results", _("Satisfaction"), "surveys:satisfaction_dashboard", Area.WORK, order=40,
            action=survey_permissions.VIEW_RESULTS, current_for=_STAFF_PAGES,
        ),
        MenuItem(
            "surveys.campaigns", _("Satisfaction"), "surveys:survey_campaigns", Area.WORK, order=40,
            visible=_works_on_campaigns, current_for=_STAFF_PAGES,
        ),
        HomeCard("surveys.ranking", "surveys/home_card.html", order=30),
    )  # fmt: skip
    # A head lands on this dashboard after signing in (issue 14): their bodies at a glance.
    register_landing(Landing("surveys.dashboard", "surveys:satisfaction_dashboard", order=10,
                             action=survey_permissions.VIEW_RESULTS, visible=_heads))  # fmt: skip
