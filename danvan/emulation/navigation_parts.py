"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations


def dvk() -> None:
    """The public gallery of models; the staff list (for the units' officers and the evaluators)."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.permissions import DVK_SCORE, DVK_VIEW
    from danvan.org.permissions import user_may
    from danvan.ui.registry import Area, MenuItem, register

    def works_on_models(user: object) -> bool:
        return user_may(user, DVK_VIEW) or user_may(user, DVK_SCORE)

    register(
        MenuItem("emulation.dvk_gallery", _("Dân vận khéo"), "emulation:dvk_gallery", Area.PUBLIC, order=38,
                 current_for=("emulation:dvk_gallery", "emulation:dvk_places", "emulation:dvk_story")),
        MenuItem("emulation.dvk_models", _("Dân vận khéo models"), "emulation:dvk_list", Area.WORK, order=70,
                 visible=works_on_models,
                 current_for=("emulation:dvk_list", "emulation:dvk_register", "emulation:dvk_detail",
                              "emulation:dvk_edit", "emulation:dvk_step", "emulation:dvk_report",
                              "emulation:dvk_score", "emulation:dvk_exemplar")),
    )  # fmt: skip


def commitments() -> None:
    """A cadre's own commitments; a head's review; the units that are late."""


def training() -> None:
    """Courses and coverage."""


def evaluation() -> None:
    """The yearly evaluations and the methodology."""


PARTS = (dvk, commitments, training, evaluation)
