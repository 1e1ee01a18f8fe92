"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations


def dvk() -> None:
    """The public gallery of models; the staff list."""


def commitments() -> None:
    """A cadre's own commitments; a head's review; the units that are late."""


def training() -> None:
    """Courses and coverage."""


def evaluation() -> None:
    """The yearly evaluations and the methodology."""
    from django.utils.translation import gettext_lazy as _

    from danvan.emulation.permissions import VIEW_EVALUATIONS
    from danvan.ui.registry import Area, MenuItem, register

    register(MenuItem("emulation.evaluation", _("Yearly dân vận evaluation"), "emulation:evaluation_dashboard",
                      Area.WORK, order=72, action=VIEW_EVALUATIONS, current_for=("emulation:evaluation_",)))  # fmt: skip


PARTS = (dvk, commitments, training, evaluation)
