"""The commitments part's pure rules: windows, the limit, the deadline, the rates and lateness."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from danvan.emulation.rules import commitments as rules

W = rules.Windows(2026, dt.date(2026, 1, 1), dt.date(2026, 3, 31), dt.date(2026, 6, 1), dt.date(2026, 7, 15),
                  dt.date(2026, 11, 1), dt.date(2026, 12, 20))  # fmt: skip


def test_the_windows_open_and_close_on_their_days():
    assert W.registration_open(dt.date(2026, 3, 31)) and not W.registration_open(dt.date(2026, 4, 1))
    assert W.open_reminder_window(dt.date(2026, 1, 1)) is rules.ReminderWindow.REGISTRATION
    assert W.open_reminder_window(dt.date(2026, 7, 15)) is rules.ReminderWindow.MIDYEAR
    assert W.open_reminder_window(dt.date(2026, 7, 16)) is None
    assert W.open_reminder_window(dt.date(2026, 12, 20)) is rules.ReminderWindow.YEAREND
    assert W.ordered()


def test_the_limit_allows_up_to_it():
    assert rules.may_register_another(already=1, limit=2)
    assert not rules.may_register_another(already=2, limit=2)


def test_the_deadline_is_inside_the_year():
    assert rules.due_within_year(dt.date(2026, 12, 31), 2026)
    assert not rules.due_within_year(dt.date(2027, 1, 1), 2026)


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_a_rate_is_a_share_or_not_measured(num, den):
    value = rules.rate(min(num, den), den)
    if den == 0:
        assert value is None
    else:
        assert value is not None and 0.0 <= value <= 100.0


def _figures(**kw):
    base = {"expected": 3, "with_commitment": 3, "registered": 4, "reviewed_midyear": 4, "reviewed_yearend": 4,
            "assessed_completed": 0}  # fmt: skip
    return rules.UnitFigures(**(base | kw))


def test_a_unit_is_late_only_after_each_window_closed():
    missing = _figures(with_commitment=2, reviewed_midyear=3)
    assert rules.late_reasons(missing, W, dt.date(2026, 3, 31)) == []
    assert rules.late_reasons(missing, W, dt.date(2026, 4, 1)) == ["no_commitment"]
    assert rules.late_reasons(missing, W, dt.date(2026, 7, 16)) == ["no_commitment", "no_midyear_review"]
    assert rules.late_reasons(_figures(reviewed_yearend=3), W, dt.date(2026, 12, 21)) == ["no_yearend_review"]
    assert rules.late_reasons(_figures(), W, dt.date(2026, 12, 31)) == []


counts = st.integers(0, 50)


@given(counts, counts, counts, counts, counts, st.integers(0, 400), st.integers(1, 60))
def test_once_late_a_unit_stays_late_for_the_same_reason(expected, people, registered, mid, end, day, later):
    figures = rules.UnitFigures(expected=expected, with_commitment=min(people, expected), registered=registered,
                                reviewed_midyear=min(mid, registered), reviewed_yearend=min(end, registered),
                                assessed_completed=0)  # fmt: skip
    today = dt.date(2026, 1, 1) + dt.timedelta(days=day)
    now = set(rules.late_reasons(figures, W, today))
    assert now <= set(rules.late_reasons(figures, W, today + dt.timedelta(days=later)))
    complete = rules.UnitFigures(expected, expected, registered, registered, registered, 0)
    assert rules.late_reasons(complete, W, today) == []
