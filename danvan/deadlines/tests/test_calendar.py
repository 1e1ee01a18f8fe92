"""The civil-service calendar: weekends, public holidays, swaps, working Saturdays, overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.deadlines.calendar import (
    LAST_ANNOUNCED_PACKAGE_YEAR,
    CalendarError,
    DayCategory,
    Override,
    OverrideKind,
    WorkingCalendar,
    weekday_vi,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 1, 1), False),  # Tết Dương lịch
        (D(2026, 1, 2), True),
        (D(2026, 2, 13), True),  # the Friday before Tết 2026
        (D(2026, 2, 16), False),  # Giao thừa
        (D(2026, 2, 17), False),  # Mùng một
        (D(2026, 2, 20), False),  # Mùng bốn
        (D(2026, 2, 23), True),  # back to work
        (D(2026, 4, 26), False),  # Giỗ Tổ on a Sunday …
        (D(2026, 4, 27), False),  # … taken on Monday (nghỉ bù)
        (D(2026, 4, 28), True),
        (D(2026, 4, 30), False),
        (D(2026, 5, 1), False),
        (D(2026, 5, 4), True),
        (D(2026, 8, 22), True),  # working Saturday (làm bù) …
        (D(2026, 8, 29), False),  # … an ordinary Saturday
        (D(2026, 8, 31), False),  # … paid back with Monday 31/8
        (D(2026, 9, 1), False),  # the day adjacent to Quốc khánh
        (D(2026, 9, 2), False),
        (D(2026, 9, 3), True),
        (D(2026, 11, 24), False),  # Ngày Văn hóa Việt Nam, from 2026
        (D(2025, 11, 24), True),  # not yet a holiday in 2025
        (D(2025, 4, 26), True),  # working Saturday 2025
        (D(2025, 5, 2), False),  # its substitute day off
        (D(2024, 5, 4), True),  # working Saturday 2024
        (D(2024, 4, 29), False),
        (D(2027, 2, 4), False),  # Tết 2027 (estimated): 29 Tết …
        (D(2027, 2, 10), False),  # … to Mùng năm
        (D(2027, 2, 11), True),
        (D(2027, 5, 3), False),  # 1/5/2027 is a Saturday: nghỉ bù on Monday
        (D(2027, 9, 3), False),
        (D(2026, 12, 31), True),
        (D(2027, 1, 1), False),
    ],
)
def test_is_working_day_follows_the_civil_service_schedule(calendar, day, working):
    assert calendar.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2026, 4, 24), 10, D(2026, 5, 13)),  # spec §9.4: across Giỗ Tổ, 30/4 and 1/5
        (D(2026, 8, 17), 7, D(2026, 8, 25)),  # spec §9.4: Saturday 22/08/2026 counts
        (D(2026, 2, 13), 1, D(2026, 2, 23)),  # across Tết 2026
        (D(2026, 2, 13), 5, D(2026, 2, 27)),
        (D(2027, 2, 3), 1, D(2027, 2, 11)),  # across Tết 2027
        (D(2026, 8, 28), 1, D(2026, 9, 3)),  # across 31/8–2/9/2026
        (D(2026, 12, 30), 2, D(2027, 1, 4)),  # across the year end
        (D(2026, 4, 30), 1, D(2026, 5, 4)),  # from a holiday
        (D(2026, 3, 31), 1, D(2026, 4, 1)),  # across a month end
        (D(2026, 8, 21), 1, D(2026, 8, 22)),  # Friday → working Saturday
        (D(2026, 5, 13), 0, D(2026, 5, 13)),
        (D(2026, 5, 13), -10, D(2026, 4, 24)),  # backwards
    ],
)
def test_add_working_days(calendar, start, count, expected):
    assert calendar.add_working_days(start, count) == expected


def test_working_days_between_counts_the_half_open_interval(calendar):
    assert calendar.working_days_between(D(2026, 4, 24), D(2026, 5, 13)) == 10
    assert calendar.working_days_between(D(2026, 8, 17), D(2026, 8, 25)) == 7
    assert calendar.working_days_between(D(2026, 5, 13), D(2026, 5, 13)) == 0
    assert calendar.working_days_between(D(2026, 5, 13), D(2026, 5, 1)) == 0


def test_next_and_previous_working_day_skip_tet(calendar):
    assert calendar.next_working_day(D(2026, 2, 13)) == D(2026, 2, 23)
    assert calendar.previous_working_day(D(2026, 2, 23)) == D(2026, 2, 13)
    assert calendar.on_or_after(D(2026, 2, 23)) == D(2026, 2, 23)
    assert calendar.on_or_after(D(2026, 2, 17)) == D(2026, 2, 23)
    assert calendar.on_or_before(D(2026, 2, 17)) == D(2026, 2, 13)


def test_years_after_the_last_announced_one_are_estimated(calendar):
    assert LAST_ANNOUNCED_PACKAGE_YEAR == 2026  # holidays 0.109; a newer package moves this
    assert not calendar.is_estimated(2025)
    assert not calendar.is_estimated(2026)
    assert calendar.is_estimated(2027)
    assert calendar.estimated_years(D(2026, 12, 1), D(2027, 1, 10)) == [2027]


def test_an_announced_year_is_no_longer_estimated():
    calendar = WorkingCalendar(announced_years=[2027])
    assert not calendar.is_estimated(2027)
    assert calendar.is_estimated(2028)


def test_overrides_win_over_the_package_both_ways():
    calendar = WorkingCalendar(
        [
            Override(D(2027, 1, 2), OverrideKind.WORKING_DAY, "làm bù"),  # a Saturday
            Override(D(2027, 2, 12), OverrideKind.DAY_OFF, "nghỉ thêm sau Tết"),  # a Friday
            Override(D(2027, 2, 10), OverrideKind.WORKING_DAY, "không nghỉ mùng năm"),  # a package holiday
        ]
    )
    assert calendar.is_working_day(D(2027, 1, 2))
    assert not calendar.is_working_day(D(2027, 2, 12))
    assert calendar.is_working_day(D(2027, 2, 10))
    assert calendar.add_working_days(D(2027, 2, 3), 1) == D(2027, 2, 10)
    assert calendar.add_working_days(D(2027, 2, 10), 2) == D(2027, 2, 15)


def test_day_info_labels_each_kind_of_day(calendar):
    assert calendar.day(D(2026, 2, 17)).category is DayCategory.HOLIDAY
    assert calendar.day(D(2026, 4, 27)).category is DayCategory.OBSERVED_DAY_OFF
    assert calendar.day(D(2026, 8, 31)).category is DayCategory.SUBSTITUTE_DAY_OFF
    assert "22/08/2026" in calendar.day(D(2026, 8, 31)).label
    assert calendar.day(D(2026, 8, 22)).category is DayCategory.WORKING_WEEKEND
    assert calendar.day(D(2026, 8, 29)).category is DayCategory.WEEKEND
    assert calendar.day(D(2026, 8, 28)).category is DayCategory.WORKING_DAY
    assert calendar.day(D(2027, 2, 6)).estimated
    assert not calendar.day(D(2026, 2, 17)).estimated


def test_notable_days_of_2026_list_holidays_swaps_and_the_working_saturday(calendar):
    days = {info.on: info for info in calendar.notable_days(2026)}
    assert len([info for info in days.values() if not info.working]) == 14  # spec §9.4
    assert days[D(2026, 8, 22)].working
    assert D(2026, 3, 2) not in days


def test_notable_days_include_overrides():
    calendar = WorkingCalendar([Override(D(2027, 3, 8), OverrideKind.DAY_OFF, "Thông báo 1/TB")])
    info = {day.on: day for day in calendar.notable_days(2027)}[D(2027, 3, 8)]
    assert (info.category, info.label, info.working) == (DayCategory.OVERRIDE_DAY_OFF, "Thông báo 1/TB", False)


def test_a_calendar_without_working_days_fails_loudly_instead_of_looping():
    start = D(2030, 1, 1)
    overrides = [Override(start + dt.timedelta(days=i), OverrideKind.DAY_OFF) for i in range(1, 200)]
    with pytest.raises(CalendarError):
        WorkingCalendar(overrides).next_working_day(start)


def test_weekday_names_are_vietnamese():
    assert weekday_vi(D(2026, 3, 7)) == "Thứ Bảy"
    assert weekday_vi(D(2026, 3, 8)) == "Chủ nhật"
    assert weekday_vi(D(2026, 3, 9)) == "Thứ Hai"
