"""Noisy addresses and places in letters, on the real map built from the package (no database).

Expected codes are GSO codes looked up in vietnam-provinces 2026.9.0: a change of package data that
moves a ward makes them fail, on purpose.
"""

from __future__ import annotations

import pytest

from danvan.nlp.places import MAX_TEXT, judge, package_index, place_in_text, score
from danvan.nlp.places_synthetic import NoiseRates, noisy_addresses
from danvan.org.resolver import PlaceIndex, Resolution, resolve


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return package_index()


def _codes(result: Resolution) -> list[int]:
    return [m.code for m in result.units]


# Noisy forms --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Nghệ An", "nghe an", "NGHỆ AN", "Tỉnh Nghệ An", "T. Nghệ An", "nghe ann", "T.Ngệ An"]
)
def test_a_bare_province_name_is_the_province(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status == "exact"
    assert result.kind == "province"
    assert _codes(result) == [40]


@pytest.mark.parametrize(
    "text",
    ["so 12 nguyen trai p7 q5 tp hcm", "12 Nguyễn Trãi, P.7, Q.5, TP.HCM", "SỐ 12 NGUYỄN TRÃI P.7 Q.5 TPHCM"],
)
def test_numbered_old_ward_without_commas_or_with_abbreviations(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)  # Phường 7 (cũ), Quận 5 → Phường An Đông
    assert result.status == "exact"
    assert _codes(result) == [27316]
    assert result.province_code == 79


@pytest.mark.parametrize(
    "text",
    [
        "xa yen thanh huyen yen thanh nghe an",
        "X. Yên Thành, H. Yên Thành, T. Nghệ An",
        "Xã Yên Thành Huyện Yên Thành Tỉnh Nghệ An",
        "TT. Yên Thành, H. Yên Thành, Nghệ An",
    ],
)
def test_commune_district_and_province_without_commas_or_abbreviated(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status == "exact"
    assert _codes(result) == [17506]


@pytest.mark.parametrize(
    "text",
    [
        "Phường Hưng Bình, TP Vinh, Nghệ An",
        "phuong hung binh tp vinh nghe an",
        # Lê Lợi was a ward of Vinh too: written as a street it is not read as the ward.
        "số 5 đường Lê Lợi phường Hưng Bình TP Vinh Nghệ An",
        "5 Lê Lợi, P. Hưng Bình, Vinh, Nghệ An",
    ],
)
def test_old_ward_maps_to_the_current_one_and_street_words_stay_streets(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)  # Phường Hưng Bình (cũ) → Phường Thành Vinh
    assert result.status == "exact"
    assert result.kind == "legacy_commune"
    assert _codes(result) == [16681]


def test_a_street_named_like_a_ward_is_not_the_ward(index: PlaceIndex) -> None:
    result = resolve("số 5 đường Lê Lợi, Nghệ An", index)
    assert result.kind == "province"
    assert _codes(result) == [40]
    result = resolve("Số 8 đường Phú Xuân, Phường Thuận Hóa, Huế", index)
    assert _codes(result) == [19789]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("51 Trần Quang Khải Vĩnh Hảo Lâm Đồng", 22981),  # a bare commune after a street, no commas
        ("P. Phú Xuân Huế", 19753),
        ("ấp 14 A Lưới 4 Huế", 20101),  # a 2025 name ending in a number, after a village number
        ("F.7 Q.Bình Thạnh TP.HCM", 26944),
        ("Xã Hợp Thànnh Lào Cai", 2680),  # a typo inside a run without commas
        ("Xa Tan Ky Hai Phog", 11113),  # a typo in the province ending a run: Xã Tân Kỳ of Hải Phòng
        ("X.Yen Phong TP.Bac iNnh", 9193),  # two letters swapped in a province's name
    ],
)
def test_names_inside_runs_without_commas(index: PlaceIndex, text: str, code: int) -> None:
    result = resolve(text, index)
    assert result.status == "exact", result.message
    assert _codes(result) == [code]


def test_a_typo_is_marked_as_a_guess(index: PlaceIndex) -> None:
    result = resolve("Xã Hợp Thànnh Lào Cai", index)
    assert "gần đúng" in result.units[0].via


def test_a_current_commune_named_like_its_old_district_stays_ambiguous(index: PlaceIndex) -> None:
    result = resolve("Cam Lộ, Quảng Trị", index)
    assert result.status == "ambiguous"
    assert result.province_code == 44  # the province is known all the same
    assert 19597 in {m.code for m in result.candidates}


def test_a_unit_word_written_with_its_diacritics_is_not_read_as_a_name(index: PlaceIndex) -> None:
    # "Tỉnh Đồng" folds like Xã Tịnh Đông (cũ); written "Tỉnh" it is the unit word, before a slip in Đồng Tháp.
    assert _codes(resolve("Tỉnh Đồng hTáp", index)) == [82]


def test_a_name_typed_without_diacritics_does_not_prefer_a_unit_spelled_without_them(index: PlaceIndex) -> None:
    # The old Xã Vinh Thanh (Huế) has no diacritics; "Vinh Thanh" typed plainly may be any Vĩnh Thạnh too.
    result = resolve("129 Binh Khanh, Vinh Thanh", index)
    assert result.status == "ambiguous"
    assert len({m.province_code for m in result.candidates}) > 1


def test_same_name_in_several_provinces_is_ambiguous_with_candidates(index: PlaceIndex) -> None:
    result = resolve("Xã Thanh Sơn", index)
    assert result.status == "ambiguous"
    assert len({m.province_code for m in result.candidates}) > 1
    assert result.province_code is None


# Bad input ----------------------------------------------------------------------------------------

_BAD = [
    "",
    "   ",
    "😀😀😀",
    "🏠 📍 🇻🇳",
    "Москва 北京 東京 ١٢٣",
    "a" * 100_000,
    "phường " * 20_000,
    "Số 1, " * 20_000,
    "\x00\x01\u200b\ufeff",
]


@pytest.mark.parametrize("text", _BAD)
def test_odd_input_gets_an_answer_never_an_exception(index: PlaceIndex, text: str) -> None:
    result = resolve(text, index)
    assert result.status in {"exact", "multiple", "ambiguous", "not_found"}
    assert result.message
    in_text = place_in_text(text, index)
    assert in_text.status in {"exact", "multiple", "ambiguous", "not_found"}


def test_mixed_scripts_still_find_the_place(index: PlaceIndex) -> None:
    result = resolve("北京 Phường Bến Thành, TP.HCM 😀", index)
    assert _codes(result) == [26743]


# Places in a letter ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kính gửi UBND. Tại tổ dân phố 3 phường Phú Xuân, thành phố Huế có một bãi rác tự phát.", 19753),
        ("Gia đình tôi ở xã Yên Thành, tỉnh Nghệ An. Đường liên thôn bị hỏng đã lâu.", 17506),
        ("Tôi sống tại số 12 Nguyễn Trãi P7 Q5 TP HCM, hẻm bị ngập.", 27316),
        ("Đường ở phuong hung binh tp vinh nghe an bị ngập, đề nghị xử lý.", 16681),
        # without diacritics, words like "da" (Đà Nẵng) or "hai" (Hải Châu) are names, not stop words
        ("nha toi o phuong hai chau da nang bi ngap nhieu ngay", 20242),
        # a name of several provinces: the province after it decides, "thành phố" written in lower case
        # ("phố" completes the unit word, it does not end the place)
        ("Bờ biển tại phường Thuận An, thành phố Huế bị sạt lở.", 19900),
    ],
)
def test_the_place_a_letter_speaks_of(index: PlaceIndex, text: str, code: int) -> None:
    result = place_in_text(text, index)
    assert result.status == "exact", result.message
    assert _codes(result) == [code]


def test_a_letter_naming_two_places_is_ambiguous_with_both(index: PlaceIndex) -> None:
    result = place_in_text("Ô nhiễm ở phường Vĩnh Tuy Hà Nội và ở xã Tân Hòa tỉnh Tây Ninh kéo dài.", index)
    assert result.status == "ambiguous"
    assert {283, 25531} <= {m.code for m in result.candidates}


def test_a_province_repeated_beside_its_commune_is_no_rival(index: PlaceIndex) -> None:
    result = place_in_text("Tại xã Yên Thành, tỉnh Nghệ An. Người dân tỉnh Nghệ An rất lo lắng.", index)
    assert _codes(result) == [17506]


@pytest.mark.parametrize("text", ["Chúng tôi đề nghị xã hội hóa việc thu gom rác.", "Không có địa chỉ nào.", ""])
def test_a_letter_without_a_place_finds_none(index: PlaceIndex, text: str) -> None:
    assert place_in_text(text, index).status == "not_found"


def test_a_long_letter_is_cut(index: PlaceIndex) -> None:
    text = "x " * MAX_TEXT + " tại phường Phú Xuân, thành phố Huế"
    assert place_in_text(text, index).status == "not_found"


# The generator and the scoring ------------------------------------------------------------------


def test_the_generator_is_deterministic_and_covers_every_province() -> None:
    first = list(noisy_addresses(340, seed=5))
    assert first == list(noisy_addresses(340, seed=5))
    assert first != list(noisy_addresses(340, seed=6))
    assert len({a.province_code for a in first}) == 34
    assert {a.form for a in first} == {"new", "old", "province"}


def test_generated_labels_are_current_units(index: PlaceIndex) -> None:
    current = {(u.level, u.code) for u in index.units.values() if u.era == "2025"}
    for address in noisy_addresses(500, seed=1):
        assert ("province", address.province_code) in current
        assert address.commune_code is None or ("commune", address.commune_code) in current
        assert address.text


def test_noise_rates_are_applied() -> None:
    clean = NoiseRates(no_commas=0, no_diacritics=0, upper=0, lower=0, typo=0, street=0, bare_province=0, no_province=0)
    texts = [a.text for a in noisy_addresses(200, seed=2, rates=clean)]
    assert all(any(sep in t for sep in (",", ";", " - ")) for t in texts)
    shouting = NoiseRates(upper=1.0, lower=0)
    assert all(a.text == a.text.upper() for a in noisy_addresses(50, seed=2, rates=shouting))


def test_judge_counts_an_ambiguous_answer_wrong_for_the_commune(index: PlaceIndex) -> None:
    ambiguous = resolve("Cam Lộ, Quảng Trị", index)
    assert judge(ambiguous, 44, 19597) == (True, False)
    assert judge(resolve("Xã Thanh Sơn", index), 25, None) == (False, None)
    assert judge(resolve("P. Phú Xuân Huế", index), 46, 19753) == (True, True)


def test_score_counts_rows_and_keeps_misses(index: PlaceIndex) -> None:
    rows = [("P. Phú Xuân Huế", 46, 19753, "t"), ("Cam Lộ, Quảng Trị", 44, 19597, "t"), ("Nghệ An", 40, None, "t")]
    result = score(rows, index)
    assert (result.rows, result.province_right, result.commune_rows, result.commune_right) == (3, 3, 2, 1)
    assert result.ambiguous == 1 and result.ambiguous_listing_truth == 1
    assert result.miss_counts == {"commune t ambiguous": 1}
