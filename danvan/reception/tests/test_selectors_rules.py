import datetime as dt

import pytest

from danvan.reception.enums import HeadKind, Level
from danvan.reception.rules import sessions_required
from danvan.reception.schedule_seed import ROWS
from danvan.reception.selectors.rules import frequency_table


@pytest.mark.django_db
def test_the_seeded_table_reads_back_as_the_seed() -> None:
    assert sorted(frequency_table(), key=repr) == sorted(ROWS, key=repr)


@pytest.mark.django_db
def test_an_operators_correction_is_what_the_rules_apply() -> None:
    from danvan.reception.models import ScheduleRule

    ScheduleRule.objects.filter(head_kind="ubnd_chair", level="commune", regime="R2026").update(count=3)
    assert sessions_required(frequency_table(), HeadKind.UBND_CHAIR, Level.COMMUNE, dt.date(2026, 9, 1)) == 3
