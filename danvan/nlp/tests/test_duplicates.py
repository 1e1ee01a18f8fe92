"""Near-duplicates, pure: diacritics do not matter, grams and band keys are stable, the ranking puts the
same matter first, and bad input (empty, emoji only, mixed scripts, huge) never fails."""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections import Counter

import numpy as np
import pytest

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


def test_a_public_texts_band_keys_are_its_own_key_space_and_fit_a_bigint():
    values = nlp.grams(LIGHT)
    public = nlp.public_band_keys(values)
    assert public == nlp.public_band_keys(values) and len(public) == nlp.BANDS
    assert all(-(2**63) <= k < 2**63 for k in public)
    # two ranges apart, whatever the text: a text's keys below 2**61, public ones from 2**62 (what the index
    # deletes by)
    for text in (LIGHT, LIGHT_AGAIN, FLOOD, "x", "Đèn 壊れた Лампа"):
        own, moved = nlp.band_keys(nlp.grams(text)), nlp.public_band_keys(nlp.grams(text))
        assert min(own) >= 0 and max(own) < 2**61 and min(moved) >= nlp.PUBLIC_KEYS_FROM and max(moved) < 2**63
    # near-duplicates still share one; the key space moves buckets, not what they gather
    assert set(public) & set(nlp.public_band_keys(nlp.grams(LIGHT_AGAIN)))


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


def _reference_scores(query, candidates):
    """The local-IDF cosine written out plainly, gram by gram (what the vectorized ranking must equal)."""
    texts = [set(map(int, c)) for c in candidates]
    mine = set(map(int, query))
    df = Counter(g for text in [*texts, mine] for g in text)
    weight2 = {g: (math.log((len(texts) + 2 + nlp.PRIOR_TEXTS) / (k + 1)) + 1) ** 2 for g, k in df.items()}
    norm_q = math.sqrt(math.fsum(weight2[g] for g in mine))
    out = []
    for text in texts:
        norm = math.sqrt(math.fsum(weight2[g] for g in text))
        inner = math.fsum(weight2[g] for g in text & mine)
        out.append(min(1.0, inner / (norm * norm_q)) if norm and norm_q else 0.0)
    return out


def _random_text(rng, universe):
    return np.unique(rng.choice(universe, size=int(rng.integers(0, min(60, len(universe)))), replace=False))


def test_the_fast_ranking_equals_the_plain_computation_on_random_texts():
    rng = np.random.default_rng(18)
    for trial in range(60):
        # a small vocabulary, so that texts share many grams; some texts empty
        universe = rng.integers(0, 2**32, size=int(rng.integers(5, 400)), dtype=np.uint64).astype(np.uint32)
        query, *texts = (_random_text(rng, universe) for _ in range(int(rng.integers(2, 80))))
        texts += [texts[0], query]  # an identical pair (a tie: smaller id first) and the query itself
        ids = [int(i) for i in rng.permutation(10_000)[: len(texts)]]
        expected = _reference_scores(query, texts)
        assert np.allclose(nlp.similarities(query, texts), expected, rtol=1e-12, atol=1e-15), trial
        stored = [(pk, nlp.grams_to_bytes(t)) for pk, t in zip(ids, texts, strict=True)]
        for ranked in (
            nlp.rank(query, list(zip(ids, texts, strict=True)), limit=len(texts)),
            nlp.rank_stored(query, stored, limit=len(texts)),
            nlp.rank_stored(query, [(pk, memoryview(b)) for pk, b in stored], limit=len(texts)),
        ):
            by_id = dict(zip(ids, expected, strict=True))
            # every candidate sharing a gram, none other; each score as computed plainly; best first, ties by id
            assert sorted(pk for pk, _ in ranked) == sorted(pk for pk in ids if by_id[pk] > 0), trial
            assert all(math.isclose(score, by_id[pk], rel_tol=1e-12) for pk, score in ranked), trial
            assert ranked == sorted(ranked, key=lambda t: (-t[1], t[0])), trial
        assert nlp.rank_stored(query, stored, limit=3) == nlp.rank(query, list(zip(ids, texts, strict=True)), limit=3)
        twins = nlp.similarities(query, texts)
        assert twins[0] == twins[-2]  # identical texts score exactly alike (so a tie goes to the smaller id)


def test_the_stored_ranking_keeps_the_threshold_and_refuses_cut_bytes():
    query = nlp.grams(LIGHT)
    rows = [(5, nlp.grams_to_bytes(nlp.grams(LIGHT_AGAIN))), (6, nlp.grams_to_bytes(nlp.grams(FLOOD)))]
    scores = dict(nlp.rank_stored(query, rows))
    assert list(nlp.rank_stored(query, rows, minimum=scores[6])) == [(5, scores[5])]
    assert nlp.rank_stored(query, []) == [] and nlp.rank_stored(nlp.grams(""), rows) == []
    with pytest.raises(ValueError, match="32-bit"):
        nlp.rank_stored(query, [(5, rows[0][1][:-1])])


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


def test_bucket_order_puts_a_rare_shared_bucket_before_many_boilerplate_ones():
    boilerplate = [(100 + b, pk) for b in range(3) for pk in range(1, 11)]  # 3 buckets of 10 texts each
    rare = [(7, 5), (7, 9)]  # one bucket only texts 5 and 9 share with the query
    order = nlp.bucket_order(boilerplate + rare)
    # 5 and 9: 3/10 + 1/2; the rest 3/10 each, the larger id (the newer case) first among equals
    assert order == [9, 5, 10, 8, 7, 6, 4, 3, 2, 1]
    # counting shared buckets would have tied 5 and 9 (4 buckets) with none of the others ahead — and with a
    # fourth boilerplate bucket, put every boilerplate text level with them
    assert nlp.bucket_order(boilerplate + [(103, pk) for pk in range(1, 11) if pk not in (5, 9)] + rare)[:2] == [9, 5]
    assert nlp.bucket_order([]) == []


def test_memory_index_reads_at_most_the_apps_number_of_candidates(monkeypatch):
    monkeypatch.setattr(nlp, "MAX_BUCKET", nlp.CANDIDATES + 10)  # the buckets are not boilerplate here
    index = nlp.MemoryIndex()
    for pk in range(nlp.CANDIDATES + 5):
        index.add(pk, nlp.grams(LIGHT))  # one bucket per band, every text in each
    found = index.candidates(nlp.grams(LIGHT))
    assert len(found) == nlp.CANDIDATES and found[0] == nlp.CANDIDATES + 4  # the newest first among equals
    monkeypatch.setattr(nlp, "MAX_BUCKET", nlp.CANDIDATES)  # now every bucket holds one text too many
    assert index.candidates(nlp.grams(LIGHT)) == []


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
