"""The administrative map as loaded from vietnam-provinces (loaded once per session in conftest)."""

import pytest

from danvan.core.models import AuditEvent
from danvan.org import services
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, UnitSuccession

pytestmark = pytest.mark.django_db


def count(era: str, level: str, division_type: str | None = None) -> int:
    units = AdministrativeUnit.objects.filter(era=era, level=level)
    return units.filter(division_type=division_type).count() if division_type else units.count()


def test_current_map_has_34_provinces_and_3321_communes_by_kind():
    assert count(UnitEra.CURRENT, UnitLevel.PROVINCE) == 34
    assert count(UnitEra.CURRENT, UnitLevel.COMMUNE) == 3321
    assert count(UnitEra.CURRENT, UnitLevel.COMMUNE, "xã") == 2621
    assert count(UnitEra.CURRENT, UnitLevel.COMMUNE, "phường") == 687
    assert count(UnitEra.CURRENT, UnitLevel.COMMUNE, "đặc khu") == 13
    assert count(UnitEra.CURRENT, UnitLevel.DISTRICT) == 0


def test_legacy_map_has_63_provinces_696_districts_10051_wards():
    assert count(UnitEra.LEGACY, UnitLevel.PROVINCE) == 63
    assert count(UnitEra.LEGACY, UnitLevel.DISTRICT) == 696
    assert count(UnitEra.LEGACY, UnitLevel.COMMUNE) == 10051


def test_the_13_dac_khu_are_the_ones_the_law_names():
    names = set(
        AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, division_type="đặc khu").values_list(
            "short_name", flat=True
        )
    )
    assert names == {
        "Kiên Hải", "Phú Quốc", "Thổ Châu", "Cát Hải", "Bạch Long Vĩ", "Vân Đồn", "Cô Tô", "Côn Đảo", "Hoàng Sa",
        "Trường Sa", "Phú Quý", "Lý Sơn", "Cồn Cỏ",
    }  # fmt: skip


def test_units_carry_validity_dates_around_1_july_2025():
    an_khanh = AdministrativeUnit.objects.get(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, short_name="An Khánh",
                                              province__code=79)  # fmt: skip
    thao_dien = AdministrativeUnit.objects.get(era=UnitEra.LEGACY, level=UnitLevel.COMMUNE, short_name="Thảo Điền")
    assert str(an_khanh.valid_from) == "2025-07-01" and an_khanh.valid_to is None
    assert thao_dien.valid_from is None and str(thao_dien.valid_to) == "2025-06-30"
    import datetime as dt

    assert thao_dien.is_valid_on(dt.date(2025, 6, 30)) and not thao_dien.is_valid_on(dt.date(2025, 7, 1))


def test_an_old_ward_maps_to_its_current_unit_and_split_wards_are_flagged():
    thao_dien = AdministrativeUnit.objects.get(era=UnitEra.LEGACY, level=UnitLevel.COMMUNE, short_name="Thảo Điền")
    (succession,) = UnitSuccession.objects.filter(predecessor=thao_dien).select_related("successor")
    assert succession.successor.name == "Phường An Khánh"
    assert succession.successor.province is not None and succession.successor.province.code == 79
    split = UnitSuccession.objects.filter(is_partial=True).values("predecessor").distinct().count()
    assert split > 0
    # Every partial old ward really does have several successors, or is flagged by the source itself.
    old_16 = AdministrativeUnit.objects.get(era=UnitEra.LEGACY, level=UnitLevel.COMMUNE, code=16)
    assert UnitSuccession.objects.filter(predecessor=old_16).count() == 2


def test_old_provinces_map_to_the_merged_province():
    brvt = AdministrativeUnit.objects.get(era=UnitEra.LEGACY, level=UnitLevel.PROVINCE, code=77)
    successors = list(UnitSuccession.objects.filter(predecessor=brvt).values_list("successor__code", flat=True))
    assert successors == [79]  # Bà Rịa - Vũng Tàu → Thành phố Hồ Chí Minh


def test_a_second_load_changes_nothing_and_writes_no_audit_event():
    before = AuditEvent.objects.count()
    report = services.units_load()
    assert (report.created, report.updated, report.successions_created, report.successions_removed) == (0, 0, 0, 0)
    assert report.unchanged == 14165
    assert not report.changed
    assert AuditEvent.objects.count() == before


def test_a_load_repairs_a_changed_name_and_keeps_operator_attributes():
    unit = AdministrativeUnit.objects.get(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, code=19753)
    AdministrativeUnit.objects.filter(pk=unit.pk).update(name="Tên sai", is_remote_area=True)
    report = services.units_load()
    unit.refresh_from_db()
    assert report.updated == 1 and unit.name == "Phường Phú Xuân" and unit.is_remote_area is True
    assert AuditEvent.objects.filter(action="org.units_load").exists()


def test_load_units_command_prints_the_counts(capsys):
    from django.core.management import call_command

    call_command("load_units")
    out = capsys.readouterr().out
    assert "Xã/phường/đặc khu (từ 1/7/2025): 3.321" in out
    assert "Không có thay đổi." in out
