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

    def yearend_review_closed(self, day: dt.date) -> bool:
        """Has the year-end review closed by ``day``? Only then is every commitment's year-end assessment
        due (the yearly evaluation measures completion from that day on)."""
        return day > self.yearend_closes_on

    def open_reminder_window(self, today: dt.date) -> ReminderWindow | None:
        """The window a reminder sweep on ``today`` is about (registration first), or None."""
        if self.registration_open(today):
            return ReminderWindow.REGISTRATION
        for period in (Period.MIDYEAR, Period.YEAREND):
            if self.review_open(period, today):
                return ReminderWindow(period.value)
        return None

    def ordered(self) -> bool:
        """The windows are in the year, in sequence, each opening before it closes (``year_settings_problems``)."""
        return "windows" not in year_settings_problems(self, limit=LIMIT_RANGE[0])


# The per-person limit a year's row may set: seed 004 summarises Chỉ thị 05 as "một đến hai việc làm cụ
# thể" (one or two concrete things). The row's ``max_per_person`` is the year's choice inside this range.
LIMIT_RANGE = (1, 2)


def year_settings_problems(windows: Windows, *, limit: int) -> list[str]:
    """What is wrong with a year's settings (empty: nothing): ``windows`` (the registration, mid-year
    and year-end windows follow one another without overlapping, each opens before it closes, all open
    inside the year; the year-end review may close in the next January) and ``limit`` (in ``LIMIT_RANGE``)."""
    problems = []
    w = windows
    opens_in_year = all(d.year == w.year for d in (w.registration_opens_on, w.registration_closes_on,
                                                    w.midyear_opens_on, w.midyear_closes_on, w.yearend_opens_on))  # fmt: skip
    in_sequence = (w.registration_opens_on <= w.registration_closes_on < w.midyear_opens_on <= w.midyear_closes_on
                   < w.yearend_opens_on <= w.yearend_closes_on)  # fmt: skip
    closes_in_time = w.yearend_closes_on <= dt.date(w.year + 1, 1, 31)
    if not (opens_in_year and in_sequence and closes_in_time):
        problems.append("windows")
    if not LIMIT_RANGE[0] <= limit <= LIMIT_RANGE[1]:
        problems.append("limit")
    return problems


def year_settings_frozen(windows: Windows, today: dt.date) -> bool:
    """A year's settings are frozen once its registration has opened (cadres rely on them)."""
    return today >= windows.registration_opens_on


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
    if windows.yearend_review_closed(today) and figures.reviewed_yearend < figures.registered:
        reasons.append("no_yearend_review")
    return reasons
