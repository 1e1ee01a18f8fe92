"""The place resolver: pure tests on a small hand-built map, then the acceptance examples on the real one.

Expected codes in the database tests were looked up in vietnam-provinces 2026.9.0 (GSO codes of the
current units); a change of package data that moves a ward makes them fail, on purpose.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from danvan.core.text import fold
from danvan.org.resolver import (
    PROVINCE_ALIASES,
    PlaceIndex,
    Resolution,
    Succession,
    UnitEntry,
    name_key,
    resolve,
)
from danvan.org.resolver_data import place_index, place_index_clear, place_resolve

# A small map -----------------------------------------------------------------------------------
# Keys are arbitrary ids; codes are the real ones where the place is real.

_UNITS: list[tuple[int, str, str, int, str, str, int | None, int | None]] = [
    # key, era, level, code, name, division_type, parent_key, province_key
    (1, "2025", "province", 1, "Thành phố Hà Nội", "thành phố trung ương", None, None),
    (2, "2025", "province", 79, "Thành phố Hồ Chí Minh", "thành phố trung ương", None, None),
    (3, "2025", "province", 46, "Thành phố Huế", "thành phố trung ương", None, None),
    (4, "2025", "province", 80, "Tỉnh Tây Ninh", "tỉnh", None, None),
    (5, "2025", "province", 82, "Tỉnh Đồng Tháp", "tỉnh", None, None),
    (6, "2025", "province", 91, "Tỉnh An Giang", "tỉnh", None, None),
    (11, "legacy", "province", 1, "Thành phố Hà Nội", "thành phố trung ương", None, None),
    (12, "legacy", "province", 79, "Thành phố Hồ Chí Minh", "thành phố trung ương", None, None),
    (13, "legacy", "province", 77, "Tỉnh Bà Rịa - Vũng Tàu", "tỉnh", None, None),
    (14, "legacy", "province", 46, "Thành phố Huế", "thành phố trung ương", None, None),
    (15, "legacy", "province", 80, "Tỉnh Long An", "tỉnh", None, None),
    (16, "legacy", "province", 82, "Tỉnh Tiền Giang", "tỉnh", None, None),
    (17, "legacy", "province", 91, "Tỉnh Kiên Giang", "tỉnh", None, None),
    (21, "legacy", "district", 2, "Quận Hoàn Kiếm", "quận", 11, 11),
    (22, "legacy", "district", 769, "Thành phố Thủ Đức", "thành phố", 12, 12),
    (23, "legacy", "district", 760, "Quận 1", "quận", 12, 12),
    (24, "legacy", "district", 747, "Thành phố Vũng Tàu", "thành phố", 13, 13),
    (25, "legacy", "district", 474, "Quận Thuận Hóa", "quận", 14, 14),
    (26, "legacy", "district", 800, "Huyện Châu Thành", "huyện", 15, 15),
    (27, "legacy", "district", 820, "Huyện Châu Thành", "huyện", 16, 16),
    (28, "legacy", "district", 911, "Thành phố Phú Quốc", "thành phố", 17, 17),
    (31, "legacy", "commune", 70, "Phường Hàng Trống", "phường", 21, 11),
    (32, "legacy", "commune", 67, "Phường Chương Dương", "phường", 21, 11),
    (33, "legacy", "commune", 27088, "Phường Thảo Điền", "phường", 22, 12),
    (34, "legacy", "commune", 27094, "Phường An Khánh", "phường", 22, 12),
    (35, "legacy", "commune", 26743, "Phường Bến Thành", "phường", 23, 12),
    (36, "legacy", "commune", 26506, "Phường 1", "phường", 24, 13),
    (37, "legacy", "commune", 19800, "Phường 1", "phường", 25, 14),
    (38, "legacy", "commune", 27700, "Xã Tân Hòa", "xã", 26, 15),
    (39, "legacy", "commune", 28300, "Xã Tân Hòa", "xã", 27, 16),
    (40, "legacy", "commune", 19786, "Phường Phú Hội", "phường", 25, 14),
    (41, "legacy", "commune", 26770, "Phường 14", "phường", 23, 12),
    (42, "legacy", "commune", 31078, "Phường Dương Đông", "phường", 28, 17),
    (43, "legacy", "commune", 31105, "Xã Thổ Châu", "xã", 28, 17),
    (44, "legacy", "commune", 19249, "Thị trấn Kiến Giang", "thị trấn", 25, 14),  # folds like Kiên Giang
    (18, "legacy", "province", 17, "Tỉnh Hoà Bình", "tỉnh", None, None),  # old-style tone placement
    (64, "2025", "commune", 25600, "Xã Hòa Bình", "xã", 4, 4),
    (51, "2025", "commune", 70, "Phường Hoàn Kiếm", "phường", 1, 1),
    (52, "2025", "commune", 82, "Phường Cửa Nam", "phường", 1, 1),
    (53, "2025", "commune", 97, "Phường Hồng Hà", "phường", 1, 1),
    (54, "2025", "commune", 10237, "Xã Chương Dương", "xã", 1, 1),
    (55, "2025", "commune", 27094, "Phường An Khánh", "phường", 2, 2),
    (56, "2025", "commune", 26824, "Phường Thủ Đức", "phường", 2, 2),
    (57, "2025", "commune", 26743, "Phường Bến Thành", "phường", 2, 2),
    (58, "2025", "commune", 26506, "Phường Vũng Tàu", "phường", 2, 2),
    (59, "2025", "commune", 19789, "Phường Thuận Hóa", "phường", 3, 3),
    (60, "2025", "commune", 25531, "Xã Tân Hòa", "xã", 4, 4),
    (61, "2025", "commune", 28800, "Xã Tân Phú", "xã", 5, 5),
    (62, "2025", "commune", 31078, "Đặc khu Phú Quốc", "đặc khu", 6, 6),
    (63, "2025", "commune", 31105, "Đặc khu Thổ Châu", "đặc khu", 6, 6),
]
_SUCCESSIONS = [
    (11, 1, False),
    (12, 2, False),
    (13, 2, False),
    (14, 3, False),
    (15, 4, False),
    (16, 5, False),
    (17, 6, False),
    (31, 51, True),  # Hàng Trống was split between Hoàn Kiếm and Cửa Nam
    (31, 52, True),
    (32, 53, False),
    (33, 55, False),
    (34, 55, False),
    (35, 57, False),
    (36, 58, False),
    (37, 59, False),
    (38, 60, False),
    (39, 61, False),
    (40, 59, False),
    # 41 (Phường 14) has no row, like the 28 such wards in the package
    (42, 62, False),
    (43, 63, False),
    (44, 59, False),
    (18, 1, False),  # not the real successor (Phú Thọ); the small map has no Phú Thọ
]


def _short(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@functools.cache
def _small_index() -> PlaceIndex:
    units = [
        UnitEntry(key, era, level, code, name, _short(name), dtype, parent, province, fold(_short(name)))
        for key, era, level, code, name, dtype, parent, province in _UNITS
    ]
    return PlaceIndex(units, [Succession(*row) for row in _SUCCESSIONS])


@pytest.fixture
def index() -> PlaceIndex:
    return _small_index()


def _codes(resolution: Resolution) -> list[int]:
    return [m.code for m in resolution.units]


# Prefixes, abbreviations, separators -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Phường Thảo Điền, TP Thủ Đức, TP HCM",
        "p thao dien, thu duc, tphcm",
        "P.Thảo Điền, Tp.Thủ Đức, Tp.HCM",
        "Phường Thảo Điền - Thành phố Thủ Đức - Thành phố Hồ Chí Minh",
        "Phường Thảo Điền\nTP Thủ Đức\nTP.HCM",
        "PHƯỜNG THẢO ĐIỀN; THỦ ĐỨC; SÀI GÒN",
        "Thảo Điền Thủ Đức HCM",
        "TP HCM, TP Thủ Đức, P. Thảo Điền",
        "Thảo Điền",
    ],
)
def test_old_ward_written_any_way_resolves_to_its_successor(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status == "exact"
    assert result.kind == "legacy_commune"
    assert _codes(result) == [27094]
    assert result.province == "Thành phố Hồ Chí Minh"
    assert result.units[0].via == "Phường Thảo Điền (cũ), Thành phố Thủ Đức, Thành phố Hồ Chí Minh"
    assert result.message.startswith("Phường Thảo Điền (cũ) nay thuộc Phường An Khánh, Thành phố Hồ Chí Minh")


def test_street_and_unknown_district_are_skipped_with_a_note(index: PlaceIndex) -> None:
    result = resolve("123 Trần Não, P. Thảo Điền, Q.2, TP.HCM", index)
    assert _codes(result) == [27094]
    assert "Q.2" in result.message  # Quận 2 ended in 2021: not on the 30/6/2025 map
    assert "Trần Não" not in result.message
    assert result.unmatched == ["123 Trần Não", "Q.2"]


@pytest.mark.parametrize("text", ["Số 12 phố Huế", "12 Đường Hà Nội", "Thôn An Khánh", "Ấp Tân Hòa"])
def test_streets_and_villages_named_after_places_are_not_read_as_places(index: PlaceIndex, text: str) -> None:
    assert resolve(text, index).status == "not_found"


def test_a_province_after_a_street_needs_a_ward_before_it(index: PlaceIndex) -> None:
    result = resolve("12 Đường Hà Nội P Thảo Điền TPHCM", index)
    assert _codes(result) == [27094]


@pytest.mark.parametrize(
    "text", ["Phường 1, TP Vũng Tàu", "P.1, Vũng Tàu", "Phường 01, Thành phố Vũng Tàu, BRVT", "F1 TP Vũng Tàu"]
)
def test_numbered_wards_accept_abbreviations_and_leading_zeros(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status == "exact"
    assert _codes(result) == [26506]


def test_numbered_ward_without_context_is_ambiguous_with_each_province(index: PlaceIndex) -> None:
    result = resolve("Phường 1", index)
    assert result.status == "ambiguous"
    assert result.units == []
    assert {(m.code, m.province_name) for m in result.candidates} == {
        (26506, "Thành phố Hồ Chí Minh"),
        (19789, "Thành phố Huế"),
    }
    assert "tỉnh, thành phố" in result.message


def test_name_key_folds_diacritics_numbers_and_glued_prefixes() -> None:
    assert name_key("Phường 01") == name_key("phuong 1") == "phuong 1"
    assert name_key("Q2") == name_key("Q.02") == "q 2"
    assert name_key("Tp.HCM") == "tp hcm"


# Province aliases ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("HN", 1, "province"),
        ("Hà Nội", 1, "province"),
        ("TP Hà Nội", 1, "province"),
        ("TP HCM", 79, "province"),
        ("Tp.HCM", 79, "province"),
        ("TPHCM", 79, "province"),
        ("HCM", 79, "province"),
        ("Sài Gòn", 79, "province"),
        ("SG", 79, "province"),
        ("Huế", 46, "province"),
        ("TT Huế", 46, "legacy_province"),
        ("Thừa Thiên Huế", 46, "legacy_province"),
        ("Tỉnh Thừa Thiên - Huế", 46, "legacy_province"),
        ("BRVT", 79, "legacy_province"),
        ("Bà Rịa - Vũng Tàu", 79, "legacy_province"),
        ("Tỉnh Bà Rịa – Vũng Tàu", 79, "legacy_province"),
        ("Kiên Giang", 91, "legacy_province"),
    ],
)
def test_province_aliases_and_old_provinces(index: PlaceIndex, text: str, code: int, kind: str) -> None:
    result = resolve(text, index)
    assert result.status == "exact"
    assert result.kind == kind
    assert _codes(result) == [code]
    assert result.units[0].level == "province"


def test_diacritics_as_written_separate_names_that_fold_alike(index: PlaceIndex) -> None:
    assert resolve("Kiên Giang", index).kind == "legacy_province"
    assert resolve("Thị trấn Kiến Giang", index).kind == "legacy_commune"
    # A province's own name alone is the province (issue 18: "nghe an" alone is Nghệ An); the town
    # of the same folded name is named as an alternative, in the message too.
    unaccented = resolve("kien giang", index)
    assert unaccented.status == "exact"
    assert _codes(unaccented) == [91]
    assert [m.code for m in unaccented.alternatives] == [19789]
    assert "Lưu ý" in unaccented.message


def test_tone_mark_placement_does_not_pick_a_side(index: PlaceIndex) -> None:
    new_style, old_style = resolve("Hòa Bình", index), resolve("Hoà Bình", index)
    assert new_style.status == old_style.status == "exact"
    assert _codes(new_style) == _codes(old_style) == [1]
    assert {m.code for m in new_style.alternatives} == {m.code for m in old_style.alternatives} == {25600}
    assert resolve("Tỉnh Hòa Bình", index).kind == "legacy_province"
    assert resolve("Xã Hoà Bình", index).kind == "commune"


def test_dn_is_not_an_alias_because_it_may_be_da_nang_or_dong_nai(index: PlaceIndex) -> None:
    assert "dn" not in index.aliases
    assert resolve("ĐN", index).status == "not_found"


def test_alias_table_keys_are_distinct_once_folded() -> None:
    keys = [name_key(alias) for alias in PROVINCE_ALIASES]
    assert len(keys) == len(set(keys))


# Old districts, split wards, current names -----------------------------------------------------


@pytest.mark.parametrize("text", ["Quận Hoàn Kiếm, Hà Nội", "q hoan kiem hn", "Q.Hoàn Kiếm - HN", "Q. Hoàn Kiếm"])
def test_old_district_gives_every_current_unit_that_took_its_wards(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status == "multiple"
    assert result.kind == "legacy_district"
    # Hoàn Kiếm and Cửa Nam got only pieces of Hàng Trống; Hồng Hà got all of Chương Dương.
    assert [(m.code, m.is_partial) for m in result.units] == [(70, True), (82, True), (97, False)]
    assert "cấp huyện đã bỏ" in result.message


def test_split_old_ward_lists_its_successors_flagged_partial(index: PlaceIndex) -> None:
    result = resolve("Phường Hàng Trống, Quận Hoàn Kiếm, Hà Nội", index)
    assert result.status == "multiple"
    assert result.kind == "legacy_commune"
    assert [(m.code, m.is_partial) for m in result.units] == [(70, True), (82, True)]
    assert "đã được chia cho 2 đơn vị" in result.message


@pytest.mark.parametrize("text", ["Phường An Khánh, TP Hồ Chí Minh", "phuong an khanh", "P. An Khánh, HCM"])
def test_current_name_resolves_directly(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status == "exact"
    assert result.kind == "commune"
    assert _codes(result) == [27094]
    assert result.units[0].via == "tên hiện nay"


@pytest.mark.parametrize("text", ["xa Phu Quoc", "Đặc khu Phú Quốc", "ĐK Phú Quốc, An Giang"])
def test_dac_khu_resolves_even_when_written_as_xa(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert _codes(result) == [31078]
    assert result.province == "Tỉnh An Giang"


def test_old_district_of_an_old_province_moves_to_the_new_province(index: PlaceIndex) -> None:
    result = resolve("TP Phú Quốc, Kiên Giang", index)
    assert result.status == "multiple"
    assert _codes(result) == [31078, 31105]
    assert result.province_code == 91
    assert _codes(resolve("Xã Thổ Châu, Phú Quốc, Kiên Giang", index)) == [31105]


def test_current_name_wins_over_an_old_ward_of_the_same_name_but_says_so(index: PlaceIndex) -> None:
    result = resolve("Chương Dương, Hà Nội", index)
    assert result.status == "exact"
    assert _codes(result) == [10237]
    assert [m.code for m in result.alternatives] == [97]
    assert "Phường Chương Dương (cũ)" in result.message


@pytest.mark.parametrize("text", ["Phường Chương Dương, Hà Nội", "Chương Dương, Q. Hoàn Kiếm"])
def test_type_or_old_district_selects_the_old_ward(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert _codes(result) == [97]
    assert result.kind == "legacy_commune"


# Ambiguity and failure -------------------------------------------------------------------------


def test_same_name_in_several_provinces_is_ambiguous(index: PlaceIndex) -> None:
    result = resolve("xã Tân Hòa", index)
    assert result.status == "ambiguous"
    assert result.province is None
    assert {(m.code, m.province_name) for m in result.candidates} == {
        (25531, "Tỉnh Tây Ninh"),
        (28800, "Tỉnh Đồng Tháp"),
    }
    assert result.candidates[0].via == "tên hiện nay"  # the current name is listed first


@pytest.mark.parametrize("text", ["xã Tân Hòa, Tây Ninh", "Thôn An Khánh, Xã Tân Hòa, Tây Ninh", "X. Tân Hòa, Long An"])
def test_province_removes_the_ambiguity(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status == "exact"
    assert _codes(result) == [25531]


def test_district_or_ward_of_the_same_name_is_ambiguous(index: PlaceIndex) -> None:
    result = resolve("Thủ Đức, TP HCM", index)
    assert result.status == "ambiguous"
    assert {m.code for m in result.candidates} == {26824, 27094}
    assert result.province_code == 79


def test_parts_that_contradict_each_other_are_reported(index: PlaceIndex) -> None:
    result = resolve("Phường Thảo Điền, Quận 1, TP HCM", index)
    assert result.status == "ambiguous"
    assert {m.code for m in result.candidates} == {27094, 26743}
    assert "không cùng chỉ một nơi" in result.message


def test_old_ward_missing_from_the_conversion_table_offers_its_old_district(index: PlaceIndex) -> None:
    result = resolve("Phường 14, Quận 1, TP HCM", index)
    assert result.status == "ambiguous"
    assert [m.code for m in result.candidates] == [26743]
    assert "không có trong bảng chuyển đổi" in result.message


@pytest.mark.parametrize(
    "text", ["", "   ", "Blah blah", "123 Lê Lợi", "!!!", "Phường", "Q.", "Phường Không Có", ",,,", "- -"]
)
def test_unknown_places_are_not_found_without_error(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status == "not_found"
    assert result.units == [] and result.candidates == []
    assert not result.is_found
    assert result.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_resolve_never_raises(text: str) -> None:
    assert resolve(text, _small_index()).status in {"exact", "multiple", "ambiguous", "not_found"}


def test_a_typo_is_tolerated_and_marked(index: PlaceIndex) -> None:
    result = resolve("Thao Dienn, HCM", index)
    assert _codes(result) == [27094]
    assert "gần đúng" in result.units[0].via
    assert resolve("Thao Xyzzy, HCM", index).kind == "province"  # too far: only the province is known


# The real map ----------------------------------------------------------------------------------


@pytest.mark.django_db
class TestRealMap:
    def resolve(self, text: str) -> Resolution:
        return place_resolve(text)

    @pytest.mark.parametrize(
        "text",
        [
            "Phường Thảo Điền, TP Thủ Đức, TP HCM",
            "p thao dien, thu duc, tphcm",
            "123 Trần Não, P. Thảo Điền, Q.2, TP.HCM",
            "Phường An Khánh, TP Hồ Chí Minh",
        ],
    )
    def test_thao_dien_is_now_an_khanh(self, text: str) -> None:
        result = self.resolve(text)
        assert result.status == "exact"
        # Phường An Khánh, Thành phố Hồ Chí Minh: 27094 in the package (not 26794)
        assert [(m.code, m.province_code) for m in result.units] == [(27094, 79)]

    @pytest.mark.parametrize(
        ("text", "codes"),
        [
            # Quận Hoàn Kiếm's 18 wards went to Hoàn Kiếm, Cửa Nam, Hồng Hà, and pieces to Ba Đình and
            # Văn Miếu - Quốc Tử Giám.
            ("Quận Hoàn Kiếm, Hà Nội", {4, 70, 82, 97, 226}),
            ("q hoan kiem hn", {4, 70, 82, 97, 226}),
            ("Q.Ba Đình, HN", {4, 8, 25, 70, 97, 190, 199, 226}),
        ],
    )
    def test_old_hanoi_district_lists_the_current_wards(self, text: str, codes: set[int]) -> None:
        result = self.resolve(text)
        assert result.status == "multiple"
        assert result.kind == "legacy_district"
        assert {m.code for m in result.units} == codes
        assert result.province_code == 1

    def test_phu_quoc_is_a_dac_khu_of_an_giang(self) -> None:
        result = self.resolve("xa Phu Quoc")
        assert [(m.code, m.name, m.province_code) for m in result.units] == [(31078, "Đặc khu Phú Quốc", 91)]

    def test_phuong_1_without_province_is_ambiguous(self) -> None:
        result = self.resolve("Phường 1")
        assert result.status == "ambiguous"
        assert len(result.candidates) >= 20
        assert len({m.province_code for m in result.candidates}) >= 5
        assert all(m.province_name for m in result.candidates)

    def test_xa_tan_hoa_without_province_is_ambiguous(self) -> None:
        result = self.resolve("xã Tân Hòa")
        assert result.status == "ambiguous"
        # the four current Xã Tân Hòa: Tây Ninh, Đồng Tháp, Vĩnh Long, Cần Thơ
        assert {25531, 28702, 29371, 31342} <= {m.code for m in result.candidates}

    def test_split_old_ward_gives_partial_candidates(self) -> None:
        result = self.resolve("Phường Kim Mã, Quận Ba Đình, Hà Nội")
        assert result.status == "multiple"
        assert [(m.code, m.is_partial) for m in result.units] == [(4, True), (8, True), (25, True)]

    @pytest.mark.parametrize("text", ["Phường Không Tồn Tại Xyz", "asdfgh", "ĐN"])
    def test_unknown_is_not_found(self, text: str) -> None:
        assert self.resolve(text).status == "not_found"

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("HN", 1),
            ("Hà Nội", 1),
            ("TP HCM", 79),
            ("Tp.HCM", 79),
            ("TPHCM", 79),
            ("HCM", 79),
            ("SG", 79),
            ("Huế", 46),
            ("TT Huế", 46),
            ("Thừa Thiên Huế", 46),
            ("BRVT", 79),
            ("HP", 31),
            ("Quảng Nam", 48),
            ("Kiên Giang", 91),
        ],
    )
    def test_province_alias(self, text: str, code: int) -> None:
        result = self.resolve(text)
        assert result.status == "exact"
        assert [m.code for m in result.units] == [code]

    def test_every_alias_names_a_province_in_the_data(self) -> None:
        assert set(place_index().aliases) == {name_key(a) for a in PROVINCE_ALIASES}

    def test_sai_gon_and_vung_tau_alone_are_ambiguous_but_in_ho_chi_minh_city(self) -> None:
        # Phường Sài Gòn and Phường Vũng Tàu are current wards of Hồ Chí Minh City too.
        for text in ("Sài Gòn", "Vũng Tàu"):
            result = self.resolve(text)
            assert result.status == "ambiguous"
            assert result.province_code == 79

    @pytest.mark.parametrize(
        ("text", "code", "province_code"),
        [
            ("Phường Phú Hội, Thuận Hóa, TT Huế", 19789, 46),  # → Phường Thuận Hóa
            ("Phường Vỹ Dạ, Quận Thuận Hóa, Thừa Thiên Huế", 19777, 46),
            ("Phường Thạch Thang, Q. Hải Châu, Đà Nẵng", 20242, 48),  # → Phường Hải Châu
            ("Phường Minh An, TP Hội An, Quảng Nam", 20410, 48),  # → Phường Hội An
            ("Phường Vĩnh Thanh Vân, TP Rạch Giá, Kiên Giang", 30742, 91),  # → Phường Rạch Giá
            ("Xã Thổ Châu, Phú Quốc, Kiên Giang", 31105, 91),  # → Đặc khu Thổ Châu
            ("Phường 1, TP Vũng Tàu, Bà Rịa - Vũng Tàu", 26506, 79),  # → Phường Vũng Tàu
            ("P.1, Vũng Tàu, BRVT", 26506, 79),
            ("F.7, Q. Bình Thạnh, Tp.HCM", 26944, 79),  # → Phường Gia Định
            ("Phường Chương Dương, Quận Hoàn Kiếm, Hà Nội", 97, 1),  # → Phường Hồng Hà
            ("Chương Dương, Hà Nội", 10237, 1),  # the current Xã Chương Dương wins over the old phường
        ],
    )
    def test_old_and_new_places_across_provinces(self, text: str, code: int, province_code: int) -> None:
        result = self.resolve(text)
        assert result.status == "exact", result.message
        assert [(m.code, m.province_code) for m in result.units] == [(code, province_code)]

    def test_old_district_of_kien_giang(self) -> None:
        result = self.resolve("TP Phú Quốc, Kiên Giang")
        assert [m.code for m in result.units] == [31078, 31105]

    def test_ward_missing_from_conversion_table_offers_district_successors(self) -> None:
        # Phường 14, Quận Bình Thạnh is in the package's old list but not in its conversion table.
        result = self.resolve("Phường 14, Quận Bình Thạnh, TP HCM")
        assert result.status == "ambiguous"
        assert {26905, 26944} <= {m.code for m in result.candidates}


@pytest.mark.django_db
def test_place_index_is_built_in_two_queries_and_cached(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    place_index_clear()
    with django_assert_num_queries(4):  # version check (2) + units + successions
        first = place_index()
    with django_assert_num_queries(2):  # version check only
        assert place_index() is first
    assert len(first.units) == 14165
    place_index_clear()
    assert place_index() is not first


@pytest.mark.django_db
def test_between_two_table_checks_only_the_shared_token_is_read(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    from django.core.cache import cache
    from django.test import override_settings

    from danvan.org.resolver_data import UNITS_TOKEN_KEY

    with override_settings(DANVAN_PLACE_INDEX_CHECK_SECONDS=60):
        place_index_clear()
        first = place_index()
        with django_assert_num_queries(0):  # within the minute: the cache's token alone
            assert place_index() is first
        cache.set(UNITS_TOKEN_KEY, "bumped by a load in another process", timeout=None)  # seen at once:
        with django_assert_num_queries(4):  # the tables checked again, the index rebuilt
            assert place_index() is not first
    with django_assert_num_queries(2):  # the tests' setting, 0: every call checks the tables
        place_index()
    cache.delete(UNITS_TOKEN_KEY)  # the next test starts from the index it would have built
    place_index_clear()
