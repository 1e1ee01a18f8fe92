"""Chỉ thị 05's yearly commitments as pure rules (no Django): the windows of a year, the per-person limit,
the deadline inside the year, the review periods, and the arithmetic of a unit's completion and lateness.

The numbers (how many commitments, the windows' dates) are never constants here: they come from the
year's row (``CommitmentYear``), which holds its source; these functions only compare."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Period(StrEnum):
    """The two self-reviews of a year."""

    MIDYEAR = "midyear"
    YEAREND = "yearend"


class Rating(StrEnum):
    """The three-step scale of both the self-rating and the head's assessment."""

    COMPLETED = "completed"
    PARTLY = "partly"
    NOT_COMPLETED = "not_completed"


class ReminderWindow(StrEnum):
    """What a reminder is about: no commitment yet, or no review of a period yet."""

    REGISTRATION = "registration"
    MIDYEAR = "midyear"
    YEAREND = "yearend"


@dataclass(frozen=True)
class Windows:
    """A year's dates (from its ``CommitmentYear`` row)."""

    year: int
    registration_opens_on: dt.date
    registration_closes_on: dt.date
    midyear_opens_on: dt.date
    midyear_closes_on: dt.date
    yearend_opens_on: dt.date
    yearend_closes_on: dt.date

    def registration_open(self, today: dt.date) -> bool:
        return self.registration_opens_on <= today <= self.registration_closes_on

    def review_open(self, period: Period, today: dt.date) -> bool:
        opens, closes = self.review_dates(period)
        return opens <= today <= closes

    def review_dates(self, period: Period) -> tuple[dt.date, dt.date]:
        if period is Period.MIDYEAR:
            return self.midyear_opens_on, self.midyear_closes_on
        return self.yearend_opens_on, self.yearend_closes_on

    def open_reminder_window(self, today: dt.date) -> ReminderWindow | None:
        """The window a reminder sweep on ``today`` is about (registration first), or None."""
        if self.registration_open(today):
            return ReminderWindow.REGISTRATION
        for period in (Period.MIDYEAR, Period.YEAREND):
            if self.review_open(period, today):
                return ReminderWindow(period.value)
        return None

    def ordered(self) -> bool:
        """The windows are in the year, each opens before it closes, and reviews follow registration."""
        inside = all(d.year == self.year for d in (self.registration_opens_on, self.registration_closes_on,
                                                   self.midyear_opens_on, self.midyear_closes_on,
                                                   self.yearend_opens_on))  # fmt: skip
        return (
            inside
            and self.registration_opens_on <= self.registration_closes_on
            and self.midyear_opens_on <= self.midyear_closes_on
            and self.yearend_opens_on <= self.yearend_closes_on
            and self.registration_opens_on <= self.midyear_opens_on <= self.yearend_opens_on
        )


def may_register_another(*, already: int, limit: int) -> bool:
    """One more commitment is allowed while the person has fewer than the year's limit."""
    return already < limit


def due_within_year(due_on: dt.date, year: int) -> bool:
    """A commitment's deadline falls inside its year."""
    return due_on.year == year


def rate(numerator: int, denominator: int) -> float | None:
    """A share in percent (one decimal), or None when there is nothing to divide by ("not measured")."""
    if denominator <= 0:
        return None
    return round(100.0 * numerator / denominator, 1)


@dataclass(frozen=True)
class UnitFigures:
    """One unit's counts for a year."""

    expected: int  # cadres expected to register (staff with a role in the body)
    with_commitment: int  # of them, those with at least one commitment
    registered: int  # commitments registered
    reviewed_midyear: int  # commitments with a mid-year self-review
    reviewed_yearend: int  # commitments with a year-end self-review
    assessed_completed: int  # commitments the head assessed "completed" at year end


def late_reasons(figures: UnitFigures, windows: Windows, today: dt.date) -> list[str]:
    """Why a unit is late on ``today`` (empty: it is not): someone has no commitment after registration
    closed, or a commitment has no review after that review's window closed."""
    reasons: list[str] = []
    if today > windows.registration_closes_on and figures.with_commitment < figures.expected:
        reasons.append("no_commitment")
    if today > windows.midyear_closes_on and figures.reviewed_midyear < figures.registered:
        reasons.append("no_midyear_review")
    if today > windows.yearend_closes_on and figures.reviewed_yearend < figures.registered:
        reasons.append("no_yearend_review")
    return reasons
