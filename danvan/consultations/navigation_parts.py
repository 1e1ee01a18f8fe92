"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations


def drafts() -> None:
    """The public list of consultations; the staff list."""
    from django.utils.translation import gettext_lazy as _

    from danvan.consultations.permissions import ANSWER, KEY_IN, MANAGE, MODERATE, PUBLISH_SUMMARY
    from danvan.org.permissions import user_may
    from danvan.ui.registry import Area, MenuItem, register

    def works_on_consultations(user: object) -> bool:
        return any(user_may(user, a) for a in (MANAGE, MODERATE, KEY_IN, ANSWER, PUBLISH_SUMMARY))

    register(
        MenuItem("consultations.public", _("Comment on drafts"), "consultations:public_list", Area.PUBLIC, order=37,
                 current_for=("consultations:public_",)),
        MenuItem("consultations.staff", _("Consult the people"), "consultations:staff_list", Area.WORK, order=67,
                 visible=works_on_consultations, current_for=("consultations:staff_",)),
    )  # fmt: skip


def participation() -> None:
    """Moderation and keying in (staff)."""


def maps() -> None:
    """The map is reached from each consultation's page: no menu entry."""


def answers() -> None:
    """Answering views (staff)."""


def dashboards() -> None:
    """Figures (staff), the home card."""


PARTS = [drafts, participation, maps, answers, dashboards]
