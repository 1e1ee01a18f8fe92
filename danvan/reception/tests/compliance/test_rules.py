"""The pure rule of a duty that starts or ends during a month (rules.duty_sessions_required)."""

import datetime as dt

from danvan.reception.enums import HeadKind, Level
from danvan.reception.rules import duty_sessions_required, sessions_required
from danvan.reception.schedule_seed import ROWS

CHAIR, COMMUNE, PROVINCE = HeadKind.UBND_CHAIR, Level.COMMUNE, Level.PROVINCE
JUNE, JULY = dt.date(2026, 6, 1), dt.date(2026, 7, 1)


def owed(level: Level, month: dt.date, start: dt.date, end: dt.date | None) -> int:
    return duty_sessions_required(ROWS, CHAIR, level, month, duty_from=start, duty_to=end)


def test_a_whole_month_owes_what_the_table_says() -> None:
    assert owed(COMMUNE, JUNE, dt.date(2025, 1, 1), None) == sessions_required(ROWS, CHAIR, COMMUNE, JUNE) == 5
    assert owed(COMMUNE, JULY, dt.date(2025, 1, 1), None) == 2


def test_weekly_duty_owes_the_weeks_whose_monday_it_covers() -> None:
    # June 2026's Mondays: 1, 8, 15, 22, 29. A chair leaving on 14/6 owes two; the successor from 15/6, three.
    assert owed(COMMUNE, JUNE, dt.date(2025, 1, 1), dt.date(2026, 6, 14)) == 2
    assert owed(COMMUNE, JUNE, dt.date(2026, 6, 15), None) == 3
    assert owed(COMMUNE, JUNE, dt.date(2026, 6, 2), dt.date(2026, 6, 7)) == 0  # no Monday inside


def test_monthly_duty_is_owed_in_full_by_the_head_in_office_on_the_15th() -> None:
    assert owed(COMMUNE, JULY, dt.date(2025, 1, 1), dt.date(2026, 7, 14)) == 0
    assert owed(COMMUNE, JULY, dt.date(2026, 7, 15), None) == 2
    assert owed(PROVINCE, JULY, dt.date(2026, 7, 10), dt.date(2026, 7, 20)) == 1
    assert owed(PROVINCE, JULY, dt.date(2026, 7, 16), None) == 0


def test_a_duty_outside_the_month_owes_nothing() -> None:
    assert owed(COMMUNE, JULY, dt.date(2026, 8, 1), None) == 0
    assert owed(COMMUNE, JULY, dt.date(2025, 1, 1), dt.date(2026, 6, 30)) == 0
