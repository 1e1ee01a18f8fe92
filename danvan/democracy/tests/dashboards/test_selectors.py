"""The province's communes, their figures summed from every part, the rates derived once, and the scope."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.core.errors import NotFound
from danvan.democracy.selectors import dashboards as sel
from danvan.democracy.tests.dashboards.helpers import install
from danvan.democracy.tests.factories import DemocracyWorld
from danvan.org.choices import Role
from danvan.org.tests.factories import HUE, officer

pytestmark = pytest.mark.django_db


def _names(report: sel.ProvinceReport) -> list[str]:
    return [row.commune.name for row in report.communes]


def test_the_province_sums_its_communes_and_derives_each_rate_once(world: DemocracyWorld) -> None:
    report = sel.province_report(world.dan_van, province_code=HUE, year=2026)
    assert (report.province.code, report.year) == (HUE, 2026)
    assert _names(report) == ["Phường Kim Long", "Phường Phú Xuân"]
    kim_long, phu_xuan = (row.figures for row in report.communes)
    total = report.total
    assert total.parts["disclosures"] == {"disclosures": 7, "on_time": 4, "late": 1, "overdue_unpublished": 1,
                                          "channels_complete": 3, "channels_incomplete": 1}  # fmt: skip
    assert total.parts["boards"]["answered_on_time"] == 1 and total.parts["conferences"] == {
        "villages": 3, "conferences_held": 1}  # fmt: skip
    rates = {name: (r.numerator, r.denominator, r.percent) for name, r in phu_xuan.rates.items()}
    assert rates == {
        "disclosures_on_time": (3, 4, Decimal("75.0")),
        "disclosure_channels_complete": (3, 4, Decimal("75.0")),
        "decisions_recognised_on_time": (2, 3, Decimal("66.7")),
        "records_sent_on_time": (3, 3, Decimal("100.0")),
        "recommendations_answered_on_time": (1, 3, Decimal("33.3")),
        "online_turnout": (1, 16, Decimal("6.3")),  # 6.25 rounded half up, as the page's floatformat
        "conferences_held": (1, 2, Decimal("50.0")),
    }
    # Kim Long: a zero denominator is no rate ("—"), never 0 % and never 100 %.
    assert {name: r.percent for name, r in kim_long.rates.items()} == {
        "disclosures_on_time": Decimal("50.0"), "disclosure_channels_complete": None,
        "decisions_recognised_on_time": None, "records_sent_on_time": None,
        "recommendations_answered_on_time": None, "online_turnout": None, "conferences_held": Decimal("0.0"),
    }  # fmt: skip
    assert [(r.numerator, r.denominator, r.percent) for r in total.headline.values()] == [
        (4, 6, Decimal("66.7")), (2, 3, Decimal("66.7")), (1, 3, Decimal("33.3"))]  # fmt: skip


def test_each_part_is_asked_once_for_every_commune(
    dworld: DemocracyWorld, monkeypatch, django_assert_max_num_queries
) -> None:
    calls: list = []
    install(monkeypatch, dworld, calls=calls)
    ids = sorted([dworld.commune.pk, dworld.other_commune.pk])
    with django_assert_max_num_queries(3):
        sel.province_report(dworld.dan_van, province_code=HUE, year=2026)
    assert calls == [(part, ids, 2026) for part in ("disclosures", "decisions", "voting", "boards", "conferences")]


def test_another_year_is_its_own(world: DemocracyWorld) -> None:
    report = sel.province_report(world.dan_van, province_code=HUE, year=2025)
    assert [r.percent for r in report.total.headline.values()] == [None, None, None]


def test_a_ward_chair_sees_only_the_ward(world: DemocracyWorld) -> None:
    assert _names(sel.province_report(world.chair, province_code=HUE, year=2026)) == ["Phường Phú Xuân"]
    assert _names(sel.province_report(world.other_chair, province_code=HUE, year=2026)) == ["Phường Kim Long"]
    assert _names(sel.province_report(world.front_officer, province_code=HUE, year=2026)) == ["Phường Phú Xuân"]
    total = sel.province_report(world.chair, province_code=HUE, year=2026).total
    assert total.rate("disclosures_on_time").percent == Decimal("75.0")  # Kim Long's are not added in
    with pytest.raises(NotFound):
        sel.commune_report(world.other_chair, commune_code=world.commune.code, year=2026)
    assert sel.commune_report(world.chair, commune_code=world.commune.code, year=2026).commune == world.commune


def test_who_sees_nothing(world: DemocracyWorld) -> None:
    for user in (world.handler, world.village_head, world.village2_head):  # no VIEW_DASHBOARD role
        assert list(sel.visible_communes(user)) == []
        with pytest.raises(NotFound):
            sel.province_report(user, province_code=HUE, year=2026)
    with pytest.raises(NotFound):
        sel.province_report(world.dan_van, province_code=1, year=2026)  # Hà Nội: none of theirs
    # A dân vận officer of the province without the subtree reads no commune.
    alone = officer("danvan-tinh", Role.DAN_VAN_OFFICER, world.tinh)
    assert list(sel.visible_communes(alone)) == []
    assert sel.visible_provinces(world.dan_van)[0].code == HUE


def test_sorting_puts_communes_without_a_rate_last(world: DemocracyWorld) -> None:
    rows = sel.province_report(world.dan_van, province_code=HUE, year=2026).communes
    by = sel.sorted_rows
    assert [r.commune.name for r in by(rows, "disclosures_on_time")] == ["Phường Kim Long", "Phường Phú Xuân"]
    assert [r.commune.name for r in by(rows, "disclosures_on_time", descending=True)] == [
        "Phường Phú Xuân", "Phường Kim Long"]  # fmt: skip
    for descending in (False, True):
        got = by(rows, "decisions_recognised_on_time", descending=descending)
        assert [r.commune.name for r in got] == ["Phường Phú Xuân", "Phường Kim Long"]
    assert [r.commune.name for r in by(rows, "name", descending=True)] == ["Phường Phú Xuân", "Phường Kim Long"]


def test_years_run_from_the_law(world: DemocracyWorld) -> None:
    assert sel.year_choices() == [2026, 2025, 2024, 2023]
    assert sel.default_year() == 2026
