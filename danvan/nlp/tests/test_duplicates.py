"""Near-duplicates, pure: diacritics do not matter, grams and band keys are stable, the ranking puts the
same matter first, and bad input (empty, emoji only, mixed scripts, huge) never fails."""

from __future__ import annotations

import datetime as dt
import zlib

import numpy as np

from danvan.nlp import duplicates as nlp

LIGHT = "Đèn đường trên đường Lê Lợi đoạn trước nhà số 45 không sáng hai tuần nay, buổi tối rất tối."
LIGHT_AGAIN = "Kính gửi UBND phường. Đèn đường trên đường Lê Lợi đoạn trước nhà số 45 không sáng đã lâu. Đề nghị sửa."
LIGHT_ELSEWHERE = "Đèn đường trên đường Trần Phú đoạn trước nhà số 210 không sáng, đề nghị sửa."
# the same kind of problem on other streets: what a commune's inbox holds, and what the weights learn from
OTHER_LIGHTS = [
    f"Đèn đường trên đường {street} đoạn trước nhà số {n} không sáng {d}."
    for street, n, d in [
        ("Hùng Vương", 7, "một tháng nay"),
        ("Nguyễn Huệ", 88, "từ tuần trước"),
        ("Lý Thường Kiệt", 19, "đã lâu"),
    ]
]
FLOOD = "Kiệt 12 bị ngập nước mỗi khi mưa lớn, nước tràn vào nhà dân, đề nghị nạo vét cống."


def test_diacritics_case_and_punctuation_do_not_matter():
    folded = "den duong tren duong le loi doan truoc nha so 45 khong sang hai tuan nay buoi toi rat toi"
    assert np.array_equal(nlp.grams(LIGHT), nlp.grams(folded.upper()))
    assert np.array_equal(nlp.grams("Đèn   đường!!"), nlp.grams("den duong"))


def test_grams_are_the_words_and_word_pairs_hashed_stably():
    values = nlp.grams("a b c")
    assert len(values) == 5  # a, b, c, "a b", "b c"
    assert values.dtype == np.uint32 and list(values) == sorted(values)
    # the same numbers in every process (stored in the database): CRC-32, not Python's salted hash
    assert int(nlp.grams("den")[0]) == zlib.crc32(b"den")
    assert np.array_equal(nlp.grams_from_bytes(nlp.grams_to_bytes(values)), values)


def test_band_keys_are_deterministic_and_fit_a_bigint():
    keys = nlp.band_keys(nlp.grams(LIGHT))
    assert keys == nlp.band_keys(nlp.grams(LIGHT)) and len(keys) == nlp.BANDS
    assert all(-(2**63) <= k < 2**63 for k in keys)
    assert len(set(keys)) == nlp.BANDS  # the band's number is part of the key


def test_near_duplicates_share_a_bucket_and_unrelated_texts_rarely_do():
    light, again, flood = (set(nlp.band_keys(nlp.grams(t))) for t in (LIGHT, LIGHT_AGAIN, FLOOD))
    assert light & again
    assert not light & flood


def test_the_same_matter_ranks_before_the_same_kind_of_problem_elsewhere():
    candidates = [(1, nlp.grams(LIGHT_ELSEWHERE)), (2, nlp.grams(FLOOD)), (3, nlp.grams(LIGHT_AGAIN))]
    candidates += [(10 + i, nlp.grams(text)) for i, text in enumerate(OTHER_LIGHTS)]
    ranked = nlp.rank(nlp.grams(LIGHT), candidates)
    assert [pk for pk, _ in ranked][:1] == [3]
    assert dict(ranked)[2] < dict(ranked)[1]
    assert all(0 <= score <= 1 for _, score in ranked)


def test_an_identical_text_scores_one():
    assert nlp.similarities(nlp.grams(LIGHT), [nlp.grams(LIGHT)])[0] > 0.999


def test_bad_input_gives_no_grams_no_buckets_and_no_candidates():
    for text in ("", "   ", "😀😀🙏🔥", "!!!…", "\x00\t\n"):
        values = nlp.grams(text)
        assert len(values) == 0
        assert nlp.band_keys(values) == []
        assert nlp.rank(values, [(1, nlp.grams(LIGHT))]) == []
    assert nlp.similarities(nlp.grams(LIGHT), []) == []


def test_mixed_scripts_and_huge_texts_are_read_within_bounds():
    mixed = "Đèn đường 壊れた street light Лампа không sáng 😀 ١٢٣"
    assert len(nlp.grams(mixed)) > 0
    huge = (LIGHT + " ") * 3000  # about 300 KB
    values = nlp.grams(huge)
    assert 0 < len(values) <= nlp.MAX_GRAMS * 2
    assert len(nlp.folded(huge)) <= nlp.MAX_CHARS


def test_memory_index_finds_the_near_duplicate_first():
    index = nlp.MemoryIndex()
    for pk, text in enumerate([LIGHT_AGAIN, FLOOD, LIGHT_ELSEWHERE, *OTHER_LIGHTS]):
        index.add(pk, nlp.grams(text))
    assert index.query(nlp.grams(LIGHT))[0][0] == 0
    assert index.query(nlp.grams(LIGHT), keep=lambda pk: pk != 0)[0][0] != 0


def test_the_jaccard_baseline_ranks_by_shared_grams():
    a, b = nlp.grams("a b c d"), nlp.grams("a b c e")
    ranked = nlp.jaccard_rank(a, [(1, b), (2, nlp.grams("x y")), (3, a)])
    assert [pk for pk, _ in ranked] == [3, 1] and ranked[0][1] == 1.0


# A matter that grows fast ------------------------------------------------------------------------------

ON = dt.date(2026, 2, 5)
YESTERDAY, TWO_DAYS_AGO = dt.date(2026, 2, 4), dt.date(2026, 2, 3)


def _growth(arrivals, **kwargs):
    return nlp.growth(arrivals, on=ON, **{"people": 3, "days": 2, **kwargs})


def test_three_people_in_two_days_grow_fast_with_their_figures():
    found = _growth([(YESTERDAY, 1), (ON, 1), (ON, 1)])
    assert found == nlp.Growth(fast=True, recent_people=3, people=3, days=2, on=ON)


def test_the_window_is_the_checked_day_and_the_days_before_it_no_more_no_later():
    # 3/2 is outside a 2-day window ending 5/2; a case received after the checked day is not recent either
    found = _growth([(TWO_DAYS_AGO, 1), (YESTERDAY, 1), (ON, 1), (dt.date(2026, 2, 6), 1)])
    assert (found.fast, found.recent_people, found.people) == (False, 2, 4)
    assert _growth([(TWO_DAYS_AGO, 1), (YESTERDAY, 1), (ON, 1)], days=3).fast


def test_one_person_fewer_than_the_threshold_is_not_fast():
    found = _growth([(YESTERDAY, 1), (ON, 1)])
    assert (found.fast, found.recent_people) == (False, 2)
    assert _growth([(ON, 2)]).fast is False  # G - 1 people in one petition
    assert _growth([(ON, 3)]).fast is True  # one petition of three people counts three


def test_exactly_half_of_the_matters_people_is_not_fast_more_than_half_is():
    # 3 recent of 6: an old matter of three that three more joined is not "most of it new"
    half = _growth([(dt.date(2026, 1, 10), 2), (dt.date(2026, 1, 20), 1), (YESTERDAY, 1), (ON, 2)])
    assert (half.fast, half.recent_people, half.people) == (False, 3, 6)
    more = _growth([(dt.date(2026, 1, 10), 2), (YESTERDAY, 1), (ON, 2)])
    assert (more.fast, more.recent_people, more.people) == (True, 3, 5)


def test_a_slow_old_matter_that_one_more_case_joins_is_not_fast():
    old = [(dt.date(2026, 1, day), 1) for day in (2, 9, 16, 23, 30)]
    found = _growth([*old, (ON, 3)])  # three people now, but eight in all
    assert (found.fast, found.recent_people, found.people) == (False, 3, 8)


def test_cases_spread_over_twenty_days_are_not_fast():
    assert not _growth([(dt.date(2026, 1, 16), 1), (dt.date(2026, 1, 26), 1), (ON, 1)]).fast
    assert _growth([]) == nlp.Growth(fast=False, recent_people=0, people=0, days=2, on=ON)
