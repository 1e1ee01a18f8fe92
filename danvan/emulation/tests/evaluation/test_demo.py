"""The demo: the last ended year's evaluation of the first communes' People's Committees, drawing on the
demo's cases (answered in that year here), one confirmed then changed with its reason; seeded once."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.clock import VIETNAM
from danvan.emulation import demo_evaluation
from danvan.emulation.models import UnitEvaluation

pytestmark = pytest.mark.django_db


def test_the_demo_evaluates_last_year_from_the_demos_cases_once(frozen_clock):
    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.org.demo import demo_seed

    frozen_clock.move_to(dt.datetime(2025, 6, 10, 9, 0, tzinfo=VIETNAM))
    demo_seed(46)
    demo_cases_seed(46)
    answered = demo_answered_cases_seed()
    assert answered
    frozen_clock.move_to(dt.datetime(2026, 2, 5, 9, 0, tzinfo=VIETNAM))
    lines = demo_evaluation.seed("127.0.0.1:8000")
    assert lines[0].startswith("Đánh giá công tác dân vận năm 2025 của 3 UBND")
    rows = UnitEvaluation.objects.filter(year=2025).select_related("organization").order_by("organization__code")
    assert rows.filter(status="proposed").count() == 2
    first = [e for e in rows if e.organization_id == rows.first().organization_id]
    assert [(e.version, e.status) for e in sorted(first, key=lambda e: e.version)] == [
        (1, "superseded"), (2, "confirmed")]  # fmt: skip
    changed = max(first, key=lambda e: e.version)
    assert changed.reason == demo_evaluation.CHANGE_REASON
    line = next(x for x in changed.lines if x["key"] == "cases_on_time")
    assert line["figure"] is not None and line["figure"]["denominator"] == len(answered)
    assert lines[1].endswith(f"/van-hanh/thi-dua/danh-gia/{changed.pk}/")
    before = list(UnitEvaluation.objects.order_by("pk").values_list("pk", "version", "status", "grade", "computed_at"))
    assert demo_evaluation.seed("127.0.0.1:8000") == lines
    assert (
        list(UnitEvaluation.objects.order_by("pk").values_list("pk", "version", "status", "grade", "computed_at"))
        == before
    )
