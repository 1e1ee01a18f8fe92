"""The evaluation's ``commendations`` indicator reads this part's yearly figures."""

from __future__ import annotations

from danvan.emulation.selectors import evaluation_indicators as ind
from danvan.emulation.tests.commendation.factories import decide, reviewed


def test_the_evaluation_counts_the_commendations_decided_in_the_year(w) -> None:
    decide(w, reviewed(w))
    got = ind.measure(["commendations"], [w.ward.pk, w.other.pk], 2026)["commendations"]
    assert (got[w.ward.pk].figure.value, got[w.ward.pk].figure.numerator) == (1.0, 1)
    assert got[w.ward.pk].figure.link == "/van-hanh/thi-dua/khen-thuong/?nam=2026&trang_thai=decided"
    assert got[w.other.pk].figure.value == 0.0
    assert ind.measure(["commendations"], [w.ward.pk], 2025)["commendations"][w.ward.pk].figure.value == 0.0
