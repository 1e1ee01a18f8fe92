"""The seeded table in the database is the seed, and every row converts to a usable pure rule."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from danvan.deadlines.models import CalendarOverride, DeadlineRule
from danvan.deadlines.rules_seed import seed_rows

pytestmark = pytest.mark.django_db


def test_migration_seeds_every_row_of_the_seed():
    rows = seed_rows()
    assert DeadlineRule.objects.count() == len(rows)
    stored = {(r.procedure, r.step, r.regime, r.complex_case, r.remote_area): r for r in DeadlineRule.objects.all()}
    for row in rows:
        rule = stored[(row["procedure"], row["step"], row["regime"], row["complex_case"], row["remote_area"])]
        for name, value in row.items():
            assert getattr(rule, name) == value, (rule, name)


def test_every_stored_row_converts_to_a_pure_rule_that_round_trips():
    for row in DeadlineRule.objects.all():
        rule = row.to_rule()
        assert (rule.procedure, rule.step, rule.regime.value, rule.pk) == (row.procedure, row.step, row.regime, row.pk)


def test_the_rule_key_is_unique():
    row = DeadlineRule.objects.get(procedure="to_cao", step="giai_quyet", regime="R2025")
    row.pk = None
    with pytest.raises(IntegrityError):
        row.save()


def test_one_override_per_date():
    import datetime as dt

    CalendarOverride.objects.create(on=dt.date(2027, 1, 2), kind="working_day", note="x")
    with pytest.raises(IntegrityError):
        CalendarOverride.objects.create(on=dt.date(2027, 1, 2), kind="day_off", note="y")


def test_display_helpers_for_the_rules_screen():
    row = DeadlineRule.objects.get(procedure="to_cao", step="giai_quyet", regime="R2025")
    assert row.period_display().startswith("30 ")
    assert "2" in row.extensions_display()
    grave = DeadlineRule.objects.get(procedure="khieu_nai", step="giai_quyet_lan_1", regime="R2025",
                                     complex_case="yes", remote_area="yes")  # fmt: skip
    assert len(grave.conditions_display()) == 2
    acceptance = DeadlineRule.objects.get(procedure="khieu_nai", step="thu_ly_lan_1", regime="R2014")
    assert acceptance.alt_display().startswith("10 ")
