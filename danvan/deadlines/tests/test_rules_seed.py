"""The seed is the spec's tables, row by row: this test is a second, independent transcription."""

from __future__ import annotations

from enum import Enum

import pytest

from danvan.deadlines.rules import Complexity, Confidence, Kind, Modifiers, Reading, Regime, Unit
from danvan.deadlines.rules_seed import PROCEDURES, seed_rows, seed_rules

DAYS, WORKING = Unit.CALENDAR_DAY, Unit.WORKING_DAY
ALL = (Regime.R2014, Regime.R2025, Regime.R2026)
OLD = (Regime.R2014, Regime.R2025)
NEW = (Regime.R2026,)
ORD, CPX = Complexity.THUONG, Complexity.PHUC_TAP

# (procedure, step, regimes, complexity, remote) → (period, unit, confidence, words in the legal basis)
SPEC = [
    # §1.2–1.3 khiếu nại
    ("khieu_nai", "thoi_hieu", ALL, ORD, False, 90, DAYS, "V", "Điều 9"),
    ("khieu_nai", "thu_ly_lan_1", OLD, ORD, False, 10, DAYS, "V", "Điều 27"),
    ("khieu_nai", "thu_ly_lan_2", OLD, ORD, False, 10, DAYS, "V", "Điều 36"),
    ("khieu_nai", "thu_ly_lan_1", NEW, ORD, False, 7, WORKING, "S", "155/2026"),
    ("khieu_nai", "thu_ly_lan_2", NEW, ORD, False, 7, WORKING, "S", "155/2026"),
    ("khieu_nai", "giai_quyet_lan_1", ALL, ORD, False, 30, DAYS, "V", "Điều 28"),
    ("khieu_nai", "giai_quyet_lan_1", ALL, CPX, False, 45, DAYS, "V", "Điều 28"),
    ("khieu_nai", "giai_quyet_lan_1", ALL, ORD, True, 45, DAYS, "V", "Điều 28"),
    ("khieu_nai", "giai_quyet_lan_1", ALL, CPX, True, 60, DAYS, "V", "Điều 28"),
    ("khieu_nai", "gui_quyet_dinh_lan_1", ALL, ORD, False, 3, WORKING, "V", "Điều 32"),
    ("khieu_nai", "khieu_nai_lan_2", ALL, ORD, False, 30, DAYS, "V", "Điều 33"),
    ("khieu_nai", "khieu_nai_lan_2", ALL, ORD, True, 45, DAYS, "V", "Điều 33"),
    ("khieu_nai", "giai_quyet_lan_2", ALL, ORD, False, 45, DAYS, "V", "Điều 37"),
    ("khieu_nai", "giai_quyet_lan_2", ALL, CPX, False, 60, DAYS, "V", "Điều 37"),
    ("khieu_nai", "giai_quyet_lan_2", ALL, ORD, True, 60, DAYS, "V", "Điều 37"),
    ("khieu_nai", "giai_quyet_lan_2", ALL, CPX, True, 70, DAYS, "V", "Điều 37"),
    ("khieu_nai", "gui_quyet_dinh_lan_2", ALL, ORD, False, 7, DAYS, "V", "Điều 41"),
    ("khieu_nai", "hieu_luc_lan_1", ALL, ORD, False, 30, DAYS, "V", "Điều 44"),
    ("khieu_nai", "hieu_luc_lan_1", ALL, ORD, True, 45, DAYS, "V", "Điều 44"),
    ("khieu_nai", "hieu_luc_lan_2", ALL, ORD, False, 30, DAYS, "V", "Điều 44"),
    ("khieu_nai", "hieu_luc_lan_2", ALL, ORD, True, 45, DAYS, "V", "Điều 44"),
    ("khieu_nai", "cong_khai_thong_bao_hop", ALL, ORD, False, 3, WORKING, "V", "07/2013"),
    ("khieu_nai", "cong_khai_niem_yet", ALL, ORD, False, 15, DAYS, "V", "07/2013"),
    ("khieu_nai", "cung_cap_tai_lieu", ALL, ORD, False, 7, DAYS, "V", "Luật Khiếu nại"),
    ("khieu_nai", "thong_bao_doi_thoai", NEW, ORD, False, 5, DAYS, "S", "155/2026"),
    ("khieu_nai", "gui_quyet_dinh_tam_dinh_chi", NEW, ORD, False, 3, WORKING, "S", "Điều 28b"),
    # §1.2–1.3 khiếu nại quyết định kỷ luật
    ("khieu_nai_ky_luat", "thoi_hieu_lan_1", ALL, ORD, False, 15, DAYS, "V", "Điều 48"),
    ("khieu_nai_ky_luat", "thoi_hieu_lan_2", ALL, ORD, False, 10, DAYS, "V", "Điều 48"),
    ("khieu_nai_ky_luat", "thoi_hieu_lan_2_buoc_thoi_viec", ALL, ORD, False, 30, DAYS, "V", "Điều 48"),
    ("khieu_nai_ky_luat", "thu_ly", ALL, ORD, False, 10, DAYS, "V", "Điều 50"),
    ("khieu_nai_ky_luat", "giai_quyet", ALL, ORD, False, 30, DAYS, "V", "Điều 50"),
    ("khieu_nai_ky_luat", "giai_quyet", ALL, CPX, False, 45, DAYS, "V", "Điều 50"),
    # §2.1–2.3 tố cáo
    ("to_cao", "xu_ly_ban_dau", ALL, ORD, False, 7, WORKING, "V", "Điều 24"),
    ("to_cao", "chuyen_don", ALL, ORD, False, 5, WORKING, "V", "Điều 24"),
    ("to_cao", "thong_bao_thu_ly", ALL, ORD, False, 5, WORKING, "V", "Điều 29"),
    ("to_cao", "giai_quyet", ALL, ORD, False, 30, DAYS, "V", "Điều 30"),
    ("to_cao", "gui_ket_luan", ALL, ORD, False, 5, WORKING, "V", "Điều 35"),
    ("to_cao", "cong_khai_ket_luan", ALL, ORD, False, 7, WORKING, "V", "Điều 40"),
    ("to_cao", "gui_quyet_dinh_tam_dinh_chi", ALL, ORD, False, 5, WORKING, "V", "Điều 34"),
    ("to_cao", "yeu_cau_bao_cao_qua_han", ALL, ORD, False, 5, WORKING, "V", "Điều 38"),
    ("to_cao", "bao_cao_qua_han", ALL, ORD, False, 5, WORKING, "V", "Điều 38"),
    ("to_cao", "xem_xet_to_cao_tiep", ALL, ORD, False, 20, DAYS, "V", "Điều 37"),
    # §3.3 tiếp công dân
    ("tiep_cong_dan", "tra_loi", ALL, ORD, False, 10, WORKING, "V", "Điều 28 Luật Tiếp công dân"),
    # §4.1–4.2 phản ánh, kiến nghị
    ("pakn", "chuyen_ngoai_tham_quyen", ALL, ORD, False, 5, WORKING, "V", "20/2008"),
    ("pakn", "bct_chuyen_hanh_vi_can_bo", ALL, ORD, False, 2, WORKING, "V", "18/2018/TT-BCT"),
    ("pakn", "bct_bao_cao", ALL, ORD, False, 5, WORKING, "V", "18/2018/TT-BCT"),
    ("pakn", "bct_bao_cao", ALL, CPX, False, 10, WORKING, "V", "18/2018/TT-BCT"),
    ("pakn", "bct_bao_cao_truc_tuyen", ALL, ORD, False, 3, WORKING, "V", "18/2018/TT-BCT"),
    ("pakn", "xu_ly_don_tt05", ALL, ORD, False, 10, WORKING, "U", "05/2021/TT-TTCP"),
    ("pakn", "xac_nhan_tiep_nhan", ALL, ORD, False, 1, WORKING, "U", "nội bộ"),
    ("pakn", "chuyen_don", ALL, ORD, False, 5, WORKING, "U", "nội bộ"),
    ("pakn", "tra_loi", ALL, ORD, False, 10, WORKING, "U", "nội bộ"),
    ("pakn", "tra_loi", ALL, CPX, False, 15, WORKING, "U", "nội bộ"),
    ("pakn", "mo_lai_chua_xu_ly", ALL, ORD, False, 30, DAYS, "U", "nội bộ"),
    # §5 dân chủ ở cơ sở: publication and recognition
    ("dan_chu_co_so", "cong_khai", ALL, ORD, False, 5, WORKING, "V", "Điều 12"),
    ("dan_chu_co_so", "niem_yet", ALL, ORD, False, 30, DAYS, "V", "Điều 13"),
    ("dan_chu_co_so", "phat_thanh", ALL, ORD, False, 3, DAYS, "V", "Điều 13"),
    ("dan_chu_co_so", "thong_bao_phat_phieu", ALL, ORD, False, 2, DAYS, "V", "Điều 19"),
    ("dan_chu_co_so", "gui_bien_ban", ALL, ORD, False, 5, WORKING, "V", "Điều 20"),
    ("dan_chu_co_so", "cong_nhan", ALL, ORD, False, 5, WORKING, "V", "Điều 21"),
    # no period found in the text read: a placeholder operators correct (docs/democracy.md)
    ("dan_chu_co_so", "tra_loi_kien_nghi_ban_ttnd", ALL, ORD, False, 15, DAYS, "U", "Điều 39"),
]


@pytest.mark.parametrize(
    ("procedure", "step", "regimes", "complexity", "remote", "period", "unit", "mark", "basis"), SPEC
)
def test_every_spec_row_is_seeded(rule_book, procedure, step, regimes, complexity, remote, period, unit, mark, basis):
    for regime in regimes:
        rule = rule_book.find(procedure, step, regime, Modifiers(complexity, remote_area=remote))
        assert (rule.period, rule.unit, rule.confidence) == (period, unit, Confidence(mark)), regime
        assert basis in rule.legal_basis


def test_no_seeded_step_is_missing_from_the_transcription(rule_book):
    transcribed = {(row[0], row[1]) for row in SPEC}
    requirements = {(rule.procedure, rule.step) for rule in rule_book if rule.kind is Kind.REQUIREMENT}
    assert {(rule.procedure, rule.step) for rule in rule_book} - requirements == transcribed
    assert requirements == {("khieu_nai", "cong_khai_dai_chung"), ("to_cao", "quyet_dinh_gia_han")}


def test_the_law_and_its_guidance_are_both_stored_where_they_differ(rule_book):
    # Spec §0.2 and §1.3: "ngày" in the Law, "ngày làm việc" in the guidance; stricter by default.
    for step in ("thu_ly_lan_1", "thu_ly_lan_2"):
        old = rule_book.find("khieu_nai", step, Regime.R2014, Modifiers())
        assert (old.alt_period, old.alt_unit, old.reading) == (10, WORKING, Reading.STRICTER)
        assert "07/2013/TT-TTCP" in old.alt_legal_basis
        new = rule_book.find("khieu_nai", step, Regime.R2026, Modifiers())
        assert (new.alt_period, new.alt_unit, new.alt_confidence) == (10, DAYS, Confidence.UNVERIFIED)
    assert rule_book.find("khieu_nai", "gui_quyet_dinh_lan_2", Regime.R2014, Modifiers()).alt_unit is WORKING
    assert rule_book.find("khieu_nai", "cung_cap_tai_lieu", Regime.R2014, Modifiers()).alt_unit is WORKING


def test_denunciation_extensions_follow_article_30(rule_book):
    rule = rule_book.find("to_cao", "giai_quyet", Regime.R2025, Modifiers())
    assert rule.extension_period == 30
    assert [rule.max_extensions(c) for c in Complexity] == [0, 1, 2]
    initial = rule_book.find("to_cao", "xu_ly_ban_dau", Regime.R2025, Modifiers())
    assert initial.period + initial.extension_period * initial.max_extensions(Complexity.THUONG) == 10


def test_internal_targets_are_not_presented_as_law(rule_book):
    internal = {(rule.procedure, rule.step) for rule in rule_book if not rule.statutory}
    assert internal == {("pakn", "xac_nhan_tiep_nhan"), ("pakn", "chuyen_don"), ("pakn", "tra_loi"),
                        ("pakn", "mo_lai_chua_xu_ly")}  # fmt: skip


def test_rows_carried_into_r2026_say_so(rule_book):
    carried = rule_book.find("khieu_nai", "giai_quyet_lan_1", Regime.R2026, Modifiers())
    assert "136/2025" in carried.note
    assert "136/2025" not in rule_book.find("khieu_nai", "giai_quyet_lan_1", Regime.R2025, Modifiers()).note


def test_seed_keys_are_unique_and_every_procedure_is_known():
    rows = seed_rows()
    keys = [(r["procedure"], r["step"], r["regime"], r["complex_case"], r["remote_area"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert {row["procedure"] for row in rows} == set(PROCEDURES)
    # Stored as plain values, so the migration never depends on the enums' import path.
    assert not [value for row in rows for value in row.values() if isinstance(value, Enum)]
    assert {row["unit"] for row in rows} == {"calendar_day", "working_day", "occurrence", ""}
    assert len(seed_rules()) == len(rows)
