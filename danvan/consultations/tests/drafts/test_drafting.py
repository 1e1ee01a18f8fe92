"""Splitting a draft into sections and comparing versions (pure: no database)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.consultations import drafting
from danvan.consultations.drafting import Change

DECISION = """ỦY BAN NHÂN DÂN PHƯỜNG PHÚ XUÂN
Căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022;

Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quyết định này quy định việc di dời chợ.
Điều 2: Đối tượng áp dụng
1. Tiểu thương đang kinh doanh tại chợ.
2. Hộ dân xung quanh.
a) các hộ mặt tiền;
b) các hộ trong kiệt.
Chương II. TỔ CHỨC THỰC HIỆN
Điều 3. Trách nhiệm
Điều 3 của Luật này không áp dụng.
Mục 2
Điều 1. Sửa đổi
"""


def _keys(text: str) -> list[str]:
    return [s.key for s in drafting.split(text)]


def _no_space(text: str) -> str:
    return "".join(text.split())


def test_a_legal_draft_splits_at_its_chapters_and_articles() -> None:
    sections = drafting.split(DECISION)
    assert [s.key for s in sections] == ["mo-dau", "chuong-1", "dieu-1", "dieu-2", "chuong-2", "dieu-3", "muc-2",
                                         "dieu-1-2"]  # fmt: skip
    heads = {s.key: s.heading for s in sections}
    assert heads["chuong-1"] == "Chương I QUY ĐỊNH CHUNG"  # the title line joins its chapter
    assert heads["dieu-2"] == "Điều 2: Đối tượng áp dụng"
    assert heads["mo-dau"] == "Phần mở đầu" and not sections[0].own_heading
    # Points stay inside their article; a sentence opening with "Điều 3 của" is not a head.
    assert "a) các hộ mặt tiền;" in sections[3].text
    assert sections[5].text == "Điều 3 của Luật này không áp dụng."
    assert _no_space(drafting.joined(sections)) == _no_space(DECISION)


def test_parts_chapters_in_roman_and_ordinal_words() -> None:
    assert _keys("Phần thứ hai\nNội dung\nPhần thứ ba\nKhác") == ["phan-2", "phan-3"]
    assert _keys("CHƯƠNG IV\nA\nChương XII.\nB") == ["chuong-4", "chuong-12"]
    assert _keys("Điều 3a. Bổ sung\nx") == ["dieu-3a"]


def test_numbered_points_letters_paragraphs_and_one_section() -> None:
    assert _keys("Kế hoạch:\n1. Khảo sát\n2. Họp dân\n3. Tổng hợp") == ["mo-dau", "khoan-1", "khoan-2", "khoan-3"]
    assert _keys("a) sạp rau\nb) sạp cá\nđ) sạp thịt") == ["diem-a", "diem-b", "diem-d"]
    assert _keys("Đoạn đầu.\n\nĐoạn hai.\n\n\nĐoạn ba.") == ["doan-1", "doan-2", "doan-3"]
    assert drafting.split("Chỉ một đoạn.\nHai dòng.")[0].key == "toan-van"
    assert drafting.split("   \n\n") == []
    # A single "1." is not a list: the text stays whole.
    assert _keys("1. Một ý duy nhất") == ["toan-van"]
    # "1.000 đồng" opening a line is a number, not a point.
    assert _keys("1.000 đồng\n2.000 đồng") == ["toan-van"]


def test_a_long_head_line_keeps_every_word() -> None:
    line = "Điều 1. " + "rất dài " * 60
    sections = drafting.split(line)
    assert len(sections[0].heading) <= drafting.HEADING_MAX
    assert _no_space(drafting.joined(sections)) == _no_space(line)


def test_compare_by_key() -> None:
    old = [("dieu-1", "Điều 1. A", "một"), ("dieu-2", "Điều 2. B", "hai"), ("dieu-3", "Điều 3. C", "ba")]
    new = [("dieu-1", "Điều 1. A", "một  "), ("dieu-2", "Điều 2. B", "hai sửa"), ("dieu-4", "Điều 4. D", "bốn")]
    result = [(c.key, c.change) for c in drafting.compare(old, new)]
    assert result == [("dieu-1", Change.UNCHANGED), ("dieu-2", Change.CHANGED), ("dieu-4", Change.ADDED),
                      ("dieu-3", Change.REMOVED)]  # fmt: skip


_PIECES = st.sampled_from(
    [
        "Chương I",
        "Chương II. TỔ CHỨC",
        "QUY ĐỊNH CHUNG",
        "Mục 1",
        "Điều 1. Phạm vi",
        "Điều 1.",
        "Điều 2: Đối tượng",
        "Điều 12a. Bổ sung",
        "Phần thứ hai",
        "1. Khoản một",
        "2. Khoản hai",
        "a) điểm a",
        "b) điểm b",
        "Điều 3 của Luật",
        "Nội dung bình thường.",
        "Tiểu thương được hỗ trợ 6 tháng.",
        "",
        "   ",
        "1.000 đồng",
    ]
)
_WORDS = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ ĐƯ.:,()-–1234567890\t", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _WORDS), max_size=40))
def test_keys_are_unique_stable_and_no_text_is_lost(lines: list[str]) -> None:
    text = "\n".join(lines)
    sections = drafting.split(text)
    keys = [s.key for s in sections]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k) and len(k) <= drafting.KEY_MAX for k in keys)
    assert all(len(s.heading) <= drafting.HEADING_MAX for s in sections)
    assert keys == [s.key for s in drafting.split(text)]  # the same text, the same keys
    assert _no_space(drafting.joined(sections)) == _no_space(text)
    if not text.strip():
        assert sections == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Nội dung.", "Sửa lại câu.", "Thêm ý mới."]), min_size=1, max_size=5))
def test_editing_an_articles_text_keeps_every_key(extra: list[str]) -> None:
    before = drafting.split(DECISION)
    edited = DECISION.replace("Quyết định này quy định việc di dời chợ.", " ".join(extra))
    after = drafting.split(edited)
    assert [s.key for s in before] == [s.key for s in after]
    changes = drafting.compare(
        [(s.key, s.heading, s.text) for s in before], [(s.key, s.heading, s.text) for s in after]
    )
    assert {c.key for c in changes if c.change != Change.UNCHANGED} <= {"dieu-1"}


def test_twenty_thousand_repeated_heads_get_unique_keys_in_linear_time() -> None:
    """A counter per base key (``drafting._Keys``): 20,000 "Điều 1." heads took minutes with the old
    quadratic search (8,000 took 11 s); the result is the same: dieu-1, dieu-1-2 ... dieu-1-20000."""
    sections = drafting.split("\n".join(f"Điều 1. Sửa đổi {i}\nNội dung {i}." for i in range(20_000)))
    keys = [s.key for s in sections]
    assert keys[:3] == ["dieu-1", "dieu-1-2", "dieu-1-3"] and keys[-1] == "dieu-1-20000"
    assert len(set(keys)) == 20_000


def test_three_repeated_heads_are_numbered_as_before() -> None:
    assert _keys("Điều 1. A\nx\nĐiều 1. B\ny\nĐiều 1. C\nz") == ["dieu-1", "dieu-1-2", "dieu-1-3"]
