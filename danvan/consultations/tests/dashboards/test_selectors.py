"""The figures on the hand-built world (tests/dashboards/world.py): exact counts per place, per body and
per consultation, the rates and their "—", the scope per reader, the sorting, and the query count."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.consultations import choices
from danvan.consultations.selectors import dashboards as sel
from danvan.consultations.tests import factories as f
from danvan.consultations.tests.dashboards.world import DashWorld
from danvan.core.errors import NotFound
from danvan.org.choices import UnitLevel
from danvan.org.tests.factories import HUE, KIM_LONG, PHU_XUAN, make_user

pytestmark = pytest.mark.django_db
Y2026 = sel.Period.year(2026)

PHU_XUAN_COUNTS = {
    "consultations": 3, "opened": 3, "closed": 2, "published": 2,
    "status_open": 1, "status_closed": 0, "status_published": 2, "status_withdrawn": 0,
    "participants": 6, "households": 3,
    "channel_platform": 6, "channel_dialogue": 0, "channel_meeting": 12, "channel_ballot": 5,
    "channel_box_hotline": 0, "channel_front": 0, "channel_social_network": 0, "channel_targeted_dialogue": 0,
    "people_all_channels": 23,
    "comments": 7, "comments_answered": 5, "comments_keyed": 2, "comments_hidden": 1,
    "statements": 2, "votes": 3, "votes_counted": 10,
    "summaries_due": 2, "summaries_on_time": 1, "summaries_late": 1, "summaries_overdue": 0,
}  # fmt: skip


def _places(report: sel.ProvinceReport) -> list[str]:
    return [p.unit.name for p in report.places]


def test_the_figures_of_a_commune_exactly(world: DashWorld) -> None:
    report = sel.province_report(world.d.dan_van, province_code=HUE, period=Y2026)
    assert _places(report) == ["Thành phố Huế", "Phường Kim Long", "Phường Phú Xuân"]
    phu_xuan = report.place(UnitLevel.COMMUNE, PHU_XUAN)
    assert phu_xuan.figures.counts == PHU_XUAN_COUNTS
    assert [r.consultation.code for r in phu_xuan.consultations] == ["cho", "ten-duong", "via-he"]
    rates = phu_xuan.figures.rates
    assert (rates["views_answered"].numerator, rates["views_answered"].denominator) == (5, 7)
    assert rates["views_answered"].percent == Decimal("71.4")
    assert rates["summaries_on_time"].percent == Decimal("50.0")
    assert rates["households_share"].percent == Decimal("50.0")


def test_each_consultation_and_the_summaries_on_time(world: DashWorld) -> None:
    report = sel.province_report(world.d.dan_van, province_code=HUE, period=Y2026)
    by_code = {r.consultation.code: r.figures for p in report.places for r in p.consultations}
    assert set(by_code) == {"cho", "via-he", "ten-duong", "kim-long", "tinh"}  # no draft, no 2025
    assert by_code["via-he"].count("summaries_on_time") == 1 and by_code["via-he"].count("summaries_late") == 0
    assert by_code["ten-duong"].count("summaries_late") == 1
    assert by_code["kim-long"].count("summaries_overdue") == 1
    assert by_code["cho"].count("summaries_due") == 0  # not decided: nothing due
    assert by_code["cho"].rate("summaries_on_time").percent is None
    assert by_code["cho"].count("comments_answered") == 3 and by_code["cho"].count("comments") == 5


def test_households_are_counted_by_participant_kind_exactly(world: DashWorld) -> None:
    """A participant is a household's by its kind (no participant names its household): one placed in a
    village without being a household (a keyed-in view from a meeting, a resident, a device) is not one."""
    f.participant(world.a, kind=choices.ParticipantKind.KEYED, village=world.d.village,
                  channel=choices.Channel.MEETING)  # fmt: skip
    f.participant(world.a, kind=choices.ParticipantKind.RESIDENT, village=world.d.village)
    f.participant(world.b, kind=choices.ParticipantKind.DEVICE, village=world.d.village)
    report = sel.province_report(world.d.dan_van, province_code=HUE, period=Y2026)
    by_code = {r.consultation.code: r.figures for p in report.places for r in p.consultations}
    assert [(by_code[code].count("participants"), by_code[code].count("households")) for code in ("cho", "via-he")] == [
        (7, 2), (2, 1)]  # fmt: skip
    phu_xuan = report.place(UnitLevel.COMMUNE, PHU_XUAN).figures
    assert (phu_xuan.count("participants"), phu_xuan.count("households")) == (9, 3)
    assert (phu_xuan.rate("households_share").numerator, phu_xuan.rate("households_share").denominator) == (3, 9)
    assert report.total.count("households") == 3


def test_a_zero_denominator_is_no_rate(world: DashWorld) -> None:
    report = sel.province_report(world.d.dan_van, province_code=HUE, period=Y2026)
    kim_long = report.place(UnitLevel.COMMUNE, KIM_LONG)
    assert kim_long.figures.count("comments") == 0
    assert kim_long.figures.rate("views_answered").percent is None  # "—", never 0 % or 100 %
    assert kim_long.figures.rate("summaries_on_time").percent == Decimal("0.0")  # 0 of 1: a real 0 %
    level = report.place(UnitLevel.PROVINCE, HUE)
    assert level.figures.count("participants") == 4 and level.figures.count("consultations") == 1
    assert level.figures.rate("views_answered").percent is None


def test_the_province_total_is_summed_and_its_rates_computed_from_the_sums(world: DashWorld) -> None:
    report = sel.province_report(world.d.dan_van, province_code=HUE, period=Y2026)
    total = report.total
    assert total.count("consultations") == 5 and total.count("participants") == 12
    assert total.rate("views_answered").percent == Decimal("71.4")
    assert (total.rate("summaries_on_time").numerator, total.rate("summaries_on_time").denominator) == (1, 3)
    assert total.rate("summaries_on_time").percent == Decimal("33.3")
    assert [b.organization.name for b in report.bodies] == [
        "UBND Phường Kim Long", "UBND Phường Phú Xuân", "UBND thành phố Huế"]  # fmt: skip


def test_another_year(world: DashWorld) -> None:
    report = sel.province_report(world.d.dan_van, province_code=HUE, period=sel.Period.year(2025))
    phu_xuan = report.place(UnitLevel.COMMUNE, PHU_XUAN)
    assert [r.consultation.code for r in phu_xuan.consultations] == ["nam-truoc"]
    assert phu_xuan.figures.count("participants") == 1
    assert phu_xuan.figures.rate("summaries_on_time").percent == Decimal("100.0")


def test_rounding_is_half_up_to_one_decimal() -> None:
    figures = sel.Figures()
    figures.counts.update(comments=16, comments_answered=1)
    assert figures.rate("views_answered").percent == Decimal("6.3")  # 6.25
    figures.counts.update(comments=8, comments_answered=1)
    assert figures.rate("views_answered").percent_float == 12.5


def test_the_scope_follows_the_org_tree(world: DashWorld) -> None:
    d = world.d
    kim_long = sel.province_report(d.other_chair, province_code=HUE, period=Y2026)
    assert _places(kim_long) == ["Phường Kim Long"]
    assert kim_long.total.count("consultations") == 1
    chair = sel.province_report(d.chair, province_code=HUE, period=Y2026)
    assert _places(chair) == ["Phường Phú Xuân"] and chair.total.counts == PHU_XUAN_COUNTS
    # The ward's Front officer reads the Front's own consultations (none), not the People's Committee's.
    front = sel.province_report(d.front_officer, province_code=HUE, period=Y2026)
    assert _places(front) == ["Phường Phú Xuân"] and front.total.count("consultations") == 0
    with pytest.raises(NotFound):
        sel.place_report(d.other_chair, level=UnitLevel.COMMUNE, code=PHU_XUAN, period=Y2026)
    for user in (d.handler, d.village_head, make_user(username="dan"), None):
        assert sel.visible_provinces(user) == []
        with pytest.raises(NotFound):
            sel.province_report(user, province_code=HUE, period=Y2026)
    assert [p.code for p in sel.visible_provinces(d.dan_van)] == [HUE]


def test_sorting_the_places(world: DashWorld) -> None:
    report = sel.province_report(world.d.dan_van, province_code=HUE, period=Y2026)
    names = [r.unit.name for r in sel.sorted_places(report.places, "views_answered", descending=True)]
    assert names == ["Phường Phú Xuân", "Phường Kim Long", "Thành phố Huế"]  # the "—" last, by name
    names = [r.unit.name for r in sel.sorted_places(report.places, "participants", descending=True)]
    assert names == ["Phường Phú Xuân", "Thành phố Huế", "Phường Kim Long"]
    names = [r.unit.name for r in sel.sorted_places(report.places, "summaries_on_time")]
    assert names == ["Phường Kim Long", "Phường Phú Xuân", "Thành phố Huế"]


def test_the_queries_do_not_grow_with_places_or_consultations(world: DashWorld, django_assert_max_num_queries) -> None:
    d = world.d
    with django_assert_max_num_queries(9):
        sel.province_report(d.dan_van, province_code=HUE, period=Y2026)
    for i in range(6):  # more consultations, each with participants, comments, statements and votes
        c = f.consultation(d, organization=d.other, place=d.other_commune, code=f"them-{i}")
        p = f.participant(c)
        f.comment(c, group=f.comment_group(c, answer=choices.Answer.ACCEPTED))
        f.statement(c, "Thêm").votes.create(participant=p, value=-1)
    with django_assert_max_num_queries(9):
        report = sel.province_report(d.dan_van, province_code=HUE, period=Y2026)
    assert report.place(UnitLevel.COMMUNE, KIM_LONG).figures.count("votes") == 6
