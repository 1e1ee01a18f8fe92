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


PARTS = (dvk, commitments, training, evaluation)
