"""Topic discovery: planted themes are found, a text typed without accents lands in the same topic,
the same texts give the same topics, and unreadable texts land in none."""

from __future__ import annotations

import random

import numpy as np
import pytest

from danvan.core.text import strip_diacritics
from danvan.nlp import storage, topics

THEMES = {
    "flood": ["ngập nước", "cống thoát nước", "mưa lớn", "nước tràn vào nhà", "nạo vét mương"],
    "trash": ["rác thải", "bãi rác", "mùi hôi thối", "thu gom rác", "xe rác"],
    "noise": ["tiếng ồn", "karaoke", "hát khuya", "loa kẹo kéo", "ồn ào ban đêm"],
    "lights": ["đèn đường", "chiếu sáng", "bóng đèn hỏng", "tối om", "cột đèn"],
}
FILLER = ["đề nghị xem xét", "kính gửi ủy ban", "tôi là người dân", "mong được giải quyết", "tại tổ dân phố"]


def planted(n_per_theme: int = 40, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts, truth = [], []
    for theme, words in THEMES.items():
        for _ in range(n_per_theme):
            chosen = rng.sample(words, 3)
            texts.append(f"{rng.choice(FILLER)}, {chosen[0]} và {chosen[1]}, {chosen[2]} {rng.choice(FILLER)}.")
            truth.append(theme)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [truth[i] for i in order]


def test_planted_themes_are_recovered_each_as_one_topic():
    texts, truth = planted()
    found = topics.discover(texts, topics.TopicSettings(k=4))
    assert len(found.topics) == 4
    for theme in THEMES:
        assigned = [int(a) for a, t in zip(found.assignment, truth, strict=True) if t == theme]
        top = max(set(assigned), key=assigned.count)
        assert assigned.count(top) / len(assigned) >= 0.9, theme
    # four themes, four different topics
    majority = {max(set(a := [int(x) for x, t in zip(found.assignment, truth, strict=True) if t == th]), key=a.count)
                for th in THEMES}  # fmt: skip
    assert len(majority) == 4


def test_top_words_are_shown_with_diacritics_as_people_wrote_them():
    texts, _ = planted()
    found = topics.discover(texts, topics.TopicSettings(k=4))
    words = {w for t in found.topics for w in t.words}
    assert {"rác", "đèn"} & {part for w in words for part in w.split()}
    assert all(t.label for t in found.topics)
    assert not any("de nghi" in t.terms for t in found.topics)  # the formula of every petition is no topic


def test_a_text_without_accents_lands_in_the_same_topic():
    texts, _ = planted()
    found = topics.discover(texts, topics.TopicSettings(k=4))
    written = ["Đường bị ngập nước sau mưa lớn, cống thoát nước tắc", "Bãi rác bốc mùi hôi thối, xe rác không đến"]
    accented, _ = topics.assign(found.model, written)
    plain, _ = topics.assign(found.model, [strip_diacritics(t).lower() for t in written])
    assert list(accented) == list(plain)
    assert accented[0] != accented[1]


def test_the_same_texts_give_the_same_topics():
    texts, _ = planted()
    one = topics.discover(texts, topics.TopicSettings(k=4))
    two = topics.discover(texts, topics.TopicSettings(k=4))
    assert [t.terms for t in one.topics] == [t.terms for t in two.topics]
    assert np.array_equal(one.assignment, two.assignment)


def test_empty_emoji_and_huge_texts_do_not_break_it():
    texts, _ = planted()
    odd = ["", "   ", "😡😡😡", "!!!", "ngập nước " * 50_000, "Ngập nước 浸水 наводнение mưa lớn"]
    found = topics.discover(texts + odd, topics.TopicSettings(k=4))
    tail = list(found.assignment[-len(odd) :])
    assert tail[:4] == [-1, -1, -1, -1]
    assert tail[4] >= 0 and tail[5] >= 0


def test_no_readable_text_is_refused():
    with pytest.raises(ValueError):
        topics.discover(["", "😀"])


def test_the_rule_for_k():
    assert topics.choose_k(10_000) == topics.DEFAULT_K
    assert topics.choose_k(100) == 4
    assert topics.choose_k(10) == 2
    assert topics.choose_k(10_000, 7) == 7


def test_a_fitted_model_is_stored_and_read_back_without_pickle():
    texts, _ = planted()
    found = topics.discover(texts, topics.TopicSettings(k=4))
    data, sha = storage.model_to_bytes(found.model)
    back = storage.model_from_bytes(data, sha, trusted=topics.TRUSTED)
    assert list(topics.assign(back, texts)[0]) == list(found.assignment)


def test_topics_of_two_runs_are_matched_by_their_top_terms():
    previous = [("ngap nuoc", "cong", "mua"), ("rac", "bai rac", "mui hoi")]
    current = [("rac", "bai rac", "xe rac"), ("den duong", "toi"), ("ngap nuoc", "cong", "mua lon")]
    assert topics.match(previous, current) == {0: 1, 2: 0}
