"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations


def dvk() -> None:
    """The public gallery of models; the staff list."""


def commitments() -> None:
    """A cadre's own commitments; a head's review; the units that are late."""


def training() -> None:
    """Courses and coverage."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation import permissions as ep
    from danvan.ui.registry import Area, MenuItem, register

    register(MenuItem("emulation.training_courses", _("Training courses"), "emulation:training_courses", Area.WORK,
                      order=72, action=ep.TRAINING_MANAGE,
                      current_for=("emulation:training_course", "emulation:training_session", "emulation:training_enrol",
                                   "emulation:training_attendance", "emulation:training_certif")))  # fmt: skip
    register(MenuItem("emulation.training_coverage", _("Training coverage"), "emulation:training_coverage",
                      Area.WORK, order=73, action=ep.TRAINING_VIEW_COVERAGE,
                      current_for=("emulation:training_not_trained",)))  # fmt: skip


def evaluation() -> None:
    """The yearly evaluations and the methodology."""


PARTS = (dvk, commitments, training, evaluation)
