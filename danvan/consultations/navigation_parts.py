"""One function per part registering its menu entries (each part edits only its own function)."""

from __future__ import annotations


def drafts() -> None:
    """The public list of consultations; the staff list."""


def participation() -> None:
    """Moderation and keying in (staff)."""


def maps() -> None:
    """The map is reached from each consultation's page: no menu entry."""


def answers() -> None:
    """Answering views (staff)."""


def dashboards() -> None:
    """Figures (staff), the home card."""


PARTS = [drafts, participation, maps, answers, dashboards]
