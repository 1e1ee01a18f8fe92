"""Vietnamese text matched with or without diacritics (pure)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.consultations import text_match as tm

WITH = "Chợ tạm ở đường Lê Lợi quá xa nhà dân, đi lại khó khăn."
WITHOUT = "cho tam o duong le loi qua xa nha dan di lai kho khan"


def test_fold_removes_marks_and_d_and_punctuation() -> None:
    assert tm.fold("Đường ĐI, đẹp!  Ừ") == "duong di dep u"
    assert tm.syllables("Tiểu thương—bốc thăm") == ["tieu", "thuong", "boc", "thăm".replace("ă", "a")]


def test_the_same_text_with_and_without_diacritics_is_one() -> None:
    assert tm.similarity(WITH, WITHOUT) == 1.0
    sim = tm.similarity_matrix([WITH, WITHOUT, "Bãi giữ xe cần có mái che và đèn."])
    assert sim[0, 1] >= tm.DUPLICATE_THRESHOLD
    assert sim[0, 1] >= tm.GROUP_THRESHOLD


def test_a_typo_or_missing_word_stays_similar() -> None:
    assert tm.similarity("Miễn phí thuê sạp 12 tháng", "mien phi thue sap 12 thang nhe") >= tm.GROUP_THRESHOLD


def test_unrelated_texts_are_below_the_thresholds() -> None:
    texts = [WITH, "Cần miễn phí thuê sạp 12 tháng.", "Bãi giữ xe cần có mái che và đèn chiếu sáng."]
    sim = tm.similarity_matrix(texts)
    for i in range(3):
        for j in range(3):
            if i != j:
                assert sim[i, j] < tm.GROUP_THRESHOLD


def test_group_similar_groups_points_and_keeps_unrelated_apart() -> None:
    texts = [WITH, "Cần miễn phí thuê sạp 12 tháng thay vì 6 tháng.", WITHOUT,
             "Mien phi thue sap nen keo dai 12 thang", "Bãi giữ xe cần có mái che.", ""]  # fmt: skip
    assert tm.group_similar(texts) == [[0, 2], [1, 3], [4], [5]]
    assert tm.group_similar([]) == []
    assert tm.group_similar(["một"]) == [[0]]


def test_near_duplicates_lists_pairs_most_alike_first() -> None:
    texts = [WITH, "Bãi giữ xe cần có mái che.", WITHOUT, "bai giu xe can co mai che"]
    pairs = tm.near_duplicates(texts)
    assert [(i, j) for i, j, _s in pairs] == [(0, 2), (1, 3)]
    assert all(s == 1.0 for _i, _j, s in pairs)
    assert tm.near_duplicates(["", ""]) == []


def test_first_words() -> None:
    assert tm.first_words("Chợ tạm ở đường Lê Lợi quá xa", 4) == "Chợ tạm ở đường…"
    assert tm.first_words("Ngắn gọn", 4) == "Ngắn gọn"


_vi = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ĐÂ.,!?-\n",
              max_size=60)  # fmt: skip


@given(_vi)
def test_fold_is_idempotent(text: str) -> None:
    assert tm.fold(tm.fold(text)) == tm.fold(text)


@settings(deadline=None, max_examples=60)  # scikit-learn's first import is slow
@given(st.lists(_vi, max_size=12), st.floats(min_value=0.05, max_value=0.95))
def test_grouping_is_a_partition_of_all_indices(texts: list[str], threshold: float) -> None:
    groups = tm.group_similar(texts, threshold)
    flat = [i for g in groups for i in g]
    assert sorted(flat) == list(range(len(texts)))
    assert len(flat) == len(set(flat))
    assert all(g == sorted(g) and g for g in groups)


def _dense_groups(texts: list[str], threshold: float) -> list[list[int]]:
    """The reference: average linkage over the whole n × n matrix (what group_similar did before it was
    bounded)."""
    from sklearn.cluster import AgglomerativeClustering

    if len(texts) < 2:
        return [[i] for i in range(len(texts))]
    distance = 1.0 - tm.similarity_matrix(texts)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=1.0 - threshold + 1e-9).fit_predict(distance)  # fmt: skip
    groups: dict[object, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(("blank", i) if not tm.fold(texts[i]) else int(label), []).append(i)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


_points = st.sampled_from([
    "Chợ tạm quá xa nhà dân", "cho tam qua xa nha dan", "Chợ tạm xa quá", "Cần bãi giữ xe có mái che",
    "bai giu xe can mai che", "Hỗ trợ tiền thuê sạp 12 tháng", "ho tro thue sap", "Đường Lê Lợi ùn tắc",
    "", "Phòng cháy ở chợ tạm", "chợ tạm cần phòng cháy chữa cháy",
])  # fmt: skip


@settings(deadline=None, max_examples=40)
@given(st.lists(st.one_of(_points, _vi), max_size=14), st.floats(min_value=0.1, max_value=0.9))
def test_grouping_by_components_equals_average_linkage_over_all_texts(texts: list[str], threshold: float) -> None:
    assert tm.group_similar(texts, threshold) == _dense_groups(texts, threshold)


def test_near_duplicates_match_the_full_matrix_over_several_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tm, "_BLOCK", 3)  # the pairs are found three rows at a time
    texts = ["Chợ tạm quá xa", "cho tam qua xa", "Bãi giữ xe", "bai giu xe", "", "Chợ tạm quá xa!", "Đèn đường"]
    sim = tm.similarity_matrix(texts)
    expected = sorted(((i, j, round(float(sim[i, j]), 4)) for i in range(7) for j in range(i + 1, 7)
                       if tm.fold(texts[i]) and tm.fold(texts[j]) and sim[i, j] >= 0.75 - 1e-9),
                      key=lambda p: (-p[2], p[0], p[1]))  # fmt: skip
    assert tm.near_duplicates(texts, 0.75) == expected
    assert {(0, 1), (2, 3)} <= {(i, j) for i, j, _ in expected}  # across blocks: rows 2 and 3 lie in two


def test_a_component_too_large_for_its_matrix_is_cut_at_a_stricter_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Chợ tạm quá xa", "cho tam qua xa", "Chợ tạm xa quá nhà dân", "Đèn đường hỏng"]
    assert tm.group_similar(texts, 0.35) == [[0, 1, 2], [3]]
    monkeypatch.setattr(tm, "MAX_DENSE_GROUP", 2)  # three linked texts no longer fit: the closest pair stays
    assert tm.group_similar(texts, 0.35) == [[0, 1], [2], [3]]


def test_identical_texts_beyond_the_bound_stay_one_group(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tm, "MAX_DENSE_GROUP", 2)
    assert tm.group_similar(["Đồng ý", "dong y", "Đồng ý!", "Phản đối"], 0.35) == [[0, 1, 2], [3]]
