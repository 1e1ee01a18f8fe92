"""``deadline_compute`` reads the rules and the calendar the operators maintain."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.deadlines import selectors, services
from danvan.deadlines.models import DeadlineRule
from danvan.deadlines.rules import Modifiers, Pause

pytestmark = pytest.mark.django_db
D = dt.date


def test_deadline_compute_uses_the_seeded_rules():
    deadline = selectors.deadline_compute(procedure="khieu_nai", step="giai_quyet_lan_1", started_on=D(2026, 2, 5))
    assert deadline.due_on == D(2026, 3, 9)


def test_an_operators_correction_of_a_rule_is_used(operator):
    rule = DeadlineRule.objects.get(procedure="khieu_nai", step="thu_ly_lan_1", regime="R2026")
    services.deadline_rule_update(actor=operator, rule=rule, changes={"reading": "primary"}, reason="theo Luật 136")
    deadline = selectors.deadline_compute(procedure="khieu_nai", step="thu_ly_lan_1", started_on=D(2026, 7, 3))
    assert deadline.due_on == D(2026, 7, 14)  # 7 working days, no longer the earlier 10 calendar days


def test_calendar_overrides_and_announced_years_are_used(operator):
    before = selectors.deadline_compute(procedure="khieu_nai", step="giai_quyet_lan_1", started_on=D(2027, 1, 6))
    assert (before.due_on, before.estimated) == (D(2027, 2, 11), True)
    services.calendar_override_set(actor=operator, on=D(2027, 2, 11), kind="day_off", note="Thông báo giả định")
    services.calendar_year_announce(actor=operator, year=2027, announcement="Thông báo giả định")
    after = selectors.deadline_compute(procedure="khieu_nai", step="giai_quyet_lan_1", started_on=D(2027, 1, 6))
    assert (after.due_on, after.estimated) == (D(2027, 2, 12), False)


def test_computing_loads_in_three_queries_and_a_shared_context_in_none():
    with CaptureQueriesContext(connection) as queries:
        context = selectors.deadline_context_load()
    assert len(queries) == 3
    with CaptureQueriesContext(connection) as queries:
        for day in range(1, 20):
            selectors.deadline_compute(procedure="to_cao", step="giai_quyet", started_on=D(2026, 3, day),
                                       modifiers=Modifiers(), pauses=[Pause(D(2026, 3, 25), D(2026, 3, 30))],
                                       context=context)  # fmt: skip
    assert len(queries) == 0


def test_rules_are_grouped_by_procedure_in_the_seed_order():
    groups = selectors.rule_list_by_procedure()
    assert [procedure for procedure, _ in groups] == [
        "khieu_nai", "khieu_nai_ky_luat", "to_cao", "tiep_cong_dan", "pakn", "dan_chu_co_so",
    ]  # fmt: skip
    assert sum(len(rows) for _, rows in groups) == DeadlineRule.objects.count()


def test_calendar_year_view():
    view = selectors.calendar_year_view(2026)
    assert not view.estimated
    assert D(2026, 8, 22) in {day.on for day in view.days}
    # 365 days − 104 weekend days − 13 weekday days off (of the 14, Giỗ Tổ 26/04 is a Sunday)
    # + 1 working Saturday.
    assert view.working_days == 365 - 104 - 13 + 1
    assert selectors.calendar_year_view(2027).estimated
