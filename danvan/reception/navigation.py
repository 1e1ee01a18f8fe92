"""What reception contributes to the page shell: its menu entries and home-page cards."""

from __future__ import annotations


def register_navigation() -> None:
    _visit_cases_navigation()


# visit_cases --------------------------------------------------------------------------------------------


def _visit_for_case(*, case_id: int, user: object = None, **_facts: object) -> str:
    """The case's staff page links to the visit that brought it: "" when none did, or when ``user`` (if
    given) may not work on that visit."""
    from django.urls import reverse

    from danvan.org import permissions
    from danvan.reception.permissions import REGISTER_VISIT
    from danvan.reception.selectors.crowds import visit_for_case

    link = visit_for_case(case_id)
    if link is None or (user is not None and not permissions.user_may(user, REGISTER_VISIT, link.visit)):
        return ""
    return reverse("reception:visit_cases_new", args=[link.visit_id])


def _visit_cases_navigation() -> None:
    from django.utils.translation import gettext_lazy as _

    from danvan.reception.permissions import VIEW_REGISTER
    from danvan.ui.registry import Area, MenuItem, provide_link, register

    register(
        MenuItem("reception.crowd_warnings", _("Crowd warnings"), "reception:crowd_warnings", Area.WORK, order=64,
                 action=VIEW_REGISTER),
    )  # fmt: skip
    provide_link("reception.visit_for_case", _visit_for_case)
