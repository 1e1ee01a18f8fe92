"""The demo: the yearly evaluation of the communes' People's Committees the demo's cases went to — the
current year once its window is open (1 December), otherwise the last one with the link to the current
year's figures to date; one confirmed then changed with its reason; seeded once."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.clock import VIETNAM
from danvan.emulation import demo_evaluation
from danvan.emulation.models import UnitEvaluation

pytestmark = pytest.mark.django_db


def _seed_cases():
    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.org.demo import demo_seed

    demo_seed(46)
    demo_cases_seed(46)
    answered = demo_answered_cases_seed()
    assert answered
    return answered


def _changed(year: int) -> UnitEvaluation:
    rows = list(UnitEvaluation.objects.filter(year=year).select_related("organization").order_by("version"))
    # The demo's cases all go to Phú Xuân's People's Committee: that unit is the one evaluated.
    assert {e.organization.code for e in rows} == {"46-19753-ubnd"}
    assert [(e.version, e.status) for e in rows] == [(1, "superseded"), (2, "confirmed")]
    return rows[-1]


def test_from_1_december_the_demo_evaluates_the_current_year_from_its_cases_once(frozen_clock):
    frozen_clock.move_to(dt.datetime(2026, 6, 10, 9, 0, tzinfo=VIETNAM))
    answered = _seed_cases()
    frozen_clock.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=VIETNAM))
    lines = demo_evaluation.seed("127.0.0.1:8000")
    assert lines[0] == ("Đánh giá công tác dân vận năm 2026 (Ủy ban nhân dân Phường Phú Xuân; danvan): "
                        "http://127.0.0.1:8000/van-hanh/thi-dua/danh-gia/?year=2026")  # fmt: skip
    changed = _changed(2026)
    assert changed.measured_on == dt.date(2026, 12, 1)
    line = next(x for x in changed.lines if x["key"] == "cases_on_time")
    assert line["figure"] is not None and line["figure"]["denominator"] == len(answered)
    assert changed.reason in (demo_evaluation.CHANGE_REASON, demo_evaluation.RAISE_REASON)
    assert lines[1].startswith("Kết quả đánh giá của Ủy ban nhân dân Phường Phú Xuân")
    assert lines[2].startswith("Phương pháp đánh giá (chỉ tiêu, trọng số, ngưỡng điểm, ngày mở đánh giá; bảng chung cả "
                               "nước, quantri sửa): http://127.0.0.1:8000/")  # fmt: skip
    assert f"/van-hanh/thi-dua/danh-gia/{changed.pk}/ — số liệu tính đến ngày 01/12/2026: " in lines[1]
    assert f"đơn giải quyết đúng hạn {line['figure']['numerator']}/{len(answered)}" in lines[1]
    assert lines[3].startswith("  (Năm 2026 được đánh giá từ ngày 01/12/2026, trước khi hết năm")
    before = list(UnitEvaluation.objects.order_by("pk").values_list("pk", "version", "status", "grade", "computed_at"))
    assert demo_evaluation.seed("127.0.0.1:8000") == lines
    assert (
        list(UnitEvaluation.objects.order_by("pk").values_list("pk", "version", "status", "grade", "computed_at"))
        == before
    )


def test_before_the_window_opens_the_demo_evaluates_last_year_and_links_the_year_to_date(frozen_clock):
    frozen_clock.move_to(dt.datetime(2025, 6, 10, 9, 0, tzinfo=VIETNAM))
    answered = _seed_cases()
    frozen_clock.move_to(dt.datetime(2026, 11, 30, 9, 0, tzinfo=VIETNAM))
    lines = demo_evaluation.seed("127.0.0.1:8000")
    assert lines[0].startswith("Đánh giá công tác dân vận năm 2025 (Ủy ban nhân dân Phường Phú Xuân; danvan)")
    changed = _changed(2025)
    line = next(x for x in changed.lines if x["key"] == "cases_on_time")
    assert line["figure"] is not None and line["figure"]["denominator"] == len(answered)
    assert lines[-1] == ("Số liệu năm 2026 đến nay (tạm tính, chưa phải kết quả đề xuất; mở đánh giá từ ngày "
                         "01/12/2026): http://127.0.0.1:8000/van-hanh/thi-dua/danh-gia/?year=2026")  # fmt: skip
    assert not UnitEvaluation.objects.filter(year=2026).exists()
