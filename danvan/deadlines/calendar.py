"""The working-day calendar of the Vietnamese civil service. Pure: no ORM, no request.

A day is a working day unless it is a Saturday or Sunday, a public holiday of Bộ luật Lao động
2019, Điều 112 (Tết Dương lịch, Tết Nguyên Đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh 2/9 with an
adjacent day, and 24/11 "Ngày Văn hóa Việt Nam" from 2026), or a day off that the Government swapped
for a working Saturday ("ngày làm bù"). The public holidays, their observed days and the official
swaps come from the ``holidays`` package; the operator's per-year overrides, read from the database
by ``selectors`` and passed in here as plain data, win over everything else.

The package knows the official swaps only for the years the Government has announced (up to 2026 in
``holidays`` 0.109). For later years its dates are computed by rule, so those years are "dự kiến"
(estimated) until an operator records the official announcement.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

import holidays
from holidays.countries.vietnam import VietnamStaticHolidays

from danvan.core.errors import DomainError

ONE_DAY = dt.timedelta(days=1)
SATURDAY = 5

# A long run of days off (Tết plus adjacent weekends plus swaps) is at most about ten days; a run
# of more than this many non-working days means the override table is broken, not a holiday.
MAX_DAYS_OFF_IN_A_ROW = 60

# The package tags holidays it could only estimate (lunar dates outside its tables) with this label.
_PACKAGE_ESTIMATED_MARK = "dự kiến"
# How the package names the two kinds of moved day; used only to label days on the calendar screen.
_PACKAGE_SUBSTITUTE_MARK = "thay cho"
_PACKAGE_OBSERVED_MARK = "nghỉ bù"


def _last_announced_package_year() -> int:
    # The last year whose official swaps (substitute days off, working Saturdays) the package
    # carries. Read from the package itself so that a newer ``holidays`` release moves it forward.
    return max(VietnamStaticHolidays.special_public_holidays)


LAST_ANNOUNCED_PACKAGE_YEAR = _last_announced_package_year()


class OverrideKind(StrEnum):
    """What an operator's override makes of a date."""

    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


class DayCategory(StrEnum):
    """Why a day is what it is; drives the labels of the calendar screen, not the counting."""

    WORKING_DAY = "working_day"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    OBSERVED_DAY_OFF = "observed_day_off"  # "nghỉ bù": a holiday that fell on a weekend, moved
    SUBSTITUTE_DAY_OFF = "substitute_day_off"  # a weekday off, paid back by a working Saturday
    WORKING_WEEKEND = "working_weekend"  # "ngày làm bù"
    OVERRIDE_DAY_OFF = "override_day_off"
    OVERRIDE_WORKING_DAY = "override_working_day"


class CalendarError(DomainError):
    """The calendar cannot answer (for example, the overrides leave no working day in sight)."""

    code = "calendar"


@dataclass(frozen=True)
class Override:
    """One operator decision for one date: a day off or a working day, with the document behind it."""

    on: dt.date
    kind: OverrideKind
    note: str = ""


@dataclass(frozen=True)
class DayInfo:
    """One date as the calendar sees it."""

    on: dt.date
    working: bool
    category: DayCategory
    label: str
    estimated: bool


@dataclass(frozen=True)
class _PackageYear:
    days_off: Mapping[dt.date, str]
    working_weekends: frozenset[dt.date]
    has_estimates: bool


@functools.lru_cache(maxsize=128)
def _package_year(year: int) -> _PackageYear:
    # A swap can pair a day off in one year with a working Saturday in the next (31/12/2018 was
    # paid back on 05/01/2019), so read the neighbours too and keep only this year's dates.
    source = holidays.country_holidays("VN", years=[year - 1, year, year + 1], language="vi")
    days_off = {day: str(name) for day, name in source.items() if day.year == year}
    working_weekends = frozenset(day for day in source.weekend_workdays if day.year == year)
    has_estimates = any(_PACKAGE_ESTIMATED_MARK in name for name in days_off.values())
    return _PackageYear(days_off=days_off, working_weekends=working_weekends, has_estimates=has_estimates)


def weekday_vi(day: dt.date) -> str:
    """The Vietnamese name of the day of the week ("Thứ Bảy", "Chủ nhật")."""
    return ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")[day.weekday()]


class WorkingCalendar:
    """Answers "is this a working day?" and counts working days.

    ``overrides`` maps dates to the operator's decisions; ``announced_years`` are the years whose
    official schedule the operator has confirmed, so they are no longer estimates.
    """

    def __init__(
        self,
        overrides: Mapping[dt.date, Override] | Iterable[Override] = (),
        announced_years: Iterable[int] = (),
    ) -> None:
        if isinstance(overrides, Mapping):
            self._overrides: dict[dt.date, Override] = dict(overrides)
        else:
            self._overrides = {override.on: override for override in overrides}
        self._announced_years = frozenset(announced_years)

    # Single days ---------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override.kind == OverrideKind.WORKING_DAY
        package = _package_year(day.year)
        if day in package.days_off:
            return False
        if day.weekday() >= SATURDAY:
            return day in package.working_weekends
        return True

    def day(self, day: dt.date) -> DayInfo:
        """The date with its category and a Vietnamese label for the calendar screen."""
        estimated = self.is_estimated(day.year)
        override = self._overrides.get(day)
        if override is not None:
            if override.kind == OverrideKind.WORKING_DAY:
                return DayInfo(day, True, DayCategory.OVERRIDE_WORKING_DAY, override.note, estimated)
            return DayInfo(day, False, DayCategory.OVERRIDE_DAY_OFF, override.note, estimated)
        package = _package_year(day.year)
        name = package.days_off.get(day)
        if name is not None:
            if _PACKAGE_SUBSTITUTE_MARK in name:
                category = DayCategory.SUBSTITUTE_DAY_OFF
            elif _PACKAGE_OBSERVED_MARK in name:
                category = DayCategory.OBSERVED_DAY_OFF
            else:
                category = DayCategory.HOLIDAY
            return DayInfo(day, False, category, name, estimated)
        if day.weekday() >= SATURDAY:
            if day in package.working_weekends:
                return DayInfo(day, True, DayCategory.WORKING_WEEKEND, "Ngày làm bù", estimated)
            return DayInfo(day, False, DayCategory.WEEKEND, weekday_vi(day), estimated)
        return DayInfo(day, True, DayCategory.WORKING_DAY, weekday_vi(day), estimated)

    def notable_days(self, year: int) -> list[DayInfo]:
        """Every date of ``year`` that is not an ordinary weekday or weekend, in date order."""
        package = _package_year(year)
        dates = set(package.days_off) | set(package.working_weekends)
        dates |= {day for day in self._overrides if day.year == year}
        infos = [self.day(day) for day in sorted(dates)]
        return [info for info in infos if info.category not in (DayCategory.WORKING_DAY, DayCategory.WEEKEND)]

    # Estimates -----------------------------------------------------------------------------------

    def is_estimated(self, year: int) -> bool:
        """True when the year's days off are the package's computation, not an announced schedule."""
        if year in self._announced_years:
            return False
        return year > LAST_ANNOUNCED_PACKAGE_YEAR or _package_year(year).has_estimates

    def estimated_years(self, first: dt.date, last: dt.date) -> list[int]:
        low, high = sorted((first, last))
        return [year for year in range(low.year, high.year + 1) if self.is_estimated(year)]

    # Moving around -------------------------------------------------------------------------------

    def _walk(self, day: dt.date, step: dt.timedelta) -> Iterator[dt.date]:
        for _ in range(MAX_DAYS_OFF_IN_A_ROW):
            day += step
            yield day
        raise CalendarError(
            f"no working day within {MAX_DAYS_OFF_IN_A_ROW} days of {day:%d/%m/%Y}: check the overrides",
            code="no_working_day",
        )

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        for candidate in self._walk(day, ONE_DAY):
            if self.is_working_day(candidate):
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        for candidate in self._walk(day, -ONE_DAY):
            if self.is_working_day(candidate):
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next one (BLDS 2015, Điều 148 khoản 5)."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def on_or_before(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the working day before it."""
        return day if self.is_working_day(day) else self.previous_working_day(day)

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start``; ``start`` itself is never counted.

        ``count`` = 0 gives ``start``. Negative counts go backwards: -3 is the third working day
        before ``start``.
        """
        day = start
        if count >= 0:
            for _ in range(count):
                day = self.next_working_day(day)
        else:
            for _ in range(-count):
                day = self.previous_working_day(day)
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie in (start, end]; 0 when ``end`` is not after ``start``."""
        count = 0
        day = start + ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count
