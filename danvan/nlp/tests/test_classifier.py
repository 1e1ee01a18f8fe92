"""The text classifier on small data it makes: learning, diacritics, the threshold, bad input, storage."""

from __future__ import annotations

import random

import pytest

from danvan.core.text import strip_diacritics
from danvan.nlp import classifier, storage

SUBJECTS = {
    "ngap-ung": ["đường bị ngập nước", "cống thoát nước bị tắc", "nước mưa tràn vào nhà", "hẻm ngập sâu sau mưa"],
    "rac-thai": ["rác thải không được thu gom", "bãi rác bốc mùi hôi", "xe rác không đến", "người dân đổ rác bừa bãi"],
    "chieu-sang": ["đèn đường bị hỏng", "cột đèn không sáng", "đường tối không có đèn", "bóng đèn chiếu sáng bị vỡ"],
}
FRAMES = ["Tôi phản ánh {s} tại {p}.", "Kính gửi phường: {s} ở {p} đã lâu.", "Đề nghị xử lý {s} khu {p}.",
          "Nhiều hộ dân bức xúc vì {s}, {p}.", "{s} gần {p}, mong chính quyền giải quyết."]  # fmt: skip
PLACES = ["tổ 3", "kiệt 12 Phan Bội Châu", "chợ An Cựu", "thôn Đông", "trường tiểu học", "ngã ba Huế"]


def corpus(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(n):
        label = rng.choice(sorted(SUBJECTS))
        texts.append(rng.choice(FRAMES).format(s=rng.choice(SUBJECTS[label]), p=rng.choice(PLACES)))
        labels.append(label)
    return texts, labels


@pytest.fixture(scope="module")
def trained() -> classifier.Trained:
    return classifier.train(*corpus(300))


def test_it_learns_the_labels_and_measures_itself_on_held_back_texts(trained):
    assert trained.labels == ("chieu-sang", "ngap-ung", "rac-thai")
    assert trained.training_size + trained.held_back_size == 300
    assert trained.held_back_size == pytest.approx(60, abs=3)
    assert trained.figures.macro_f1 >= 0.9 and trained.figures.examples == trained.held_back_size
    top = classifier.suggest(trained.model, ["Cống ở tổ 5 bị tắc, đường ngập nước"])[0]
    assert top[0].label == "ngap-ung" and top[0].confidence > top[1].confidence


def test_a_text_without_diacritics_gets_the_same_answer(trained):
    texts, _ = corpus(60, seed=99)
    accented = [s[0].label for s in classifier.suggest(trained.model, texts)]
    plain = [s[0].label for s in classifier.suggest(trained.model, [strip_diacritics(t) for t in texts])]
    assert plain == accented
    assert trained.figures_folded.macro_f1 >= trained.figures.macro_f1 - 0.02


def test_texts_with_nothing_to_read_get_no_suggestion(trained):
    assert classifier.suggest(trained.model, ["", "😀🙏🔥", "!!! ???", "x" * 500_000])[:3] == [[], [], []]
    assert len(classifier.suggest(trained.model, ["đèn hỏng " * 50_000])[0]) == 3  # huge: read only its start


def test_too_few_labelled_examples_are_refused_with_the_number_needed():
    texts, labels = corpus(30)
    with pytest.raises(classifier.TooFewExamples) as refused:
        classifier.train(texts, labels)
    assert (refused.value.needed, refused.value.have) == (40, 30)
    with pytest.raises(classifier.TooFewExamples):  # one label only: nothing to choose between
        classifier.train(texts * 3, ["ngap-ung"] * 90)


def test_labels_with_too_few_examples_are_left_out_and_said():
    texts, labels = corpus(120)
    done = classifier.train(
        [*texts, "Xin cấp giấy phép xây dựng", "Giấy phép xây nhà"], [*labels, "xay-dung", "xay-dung"]
    )
    assert "xay-dung" not in done.labels and done.left_out == {"xay-dung": 2}


def test_the_threshold_is_the_lowest_confidence_that_keeps_the_target_precision():
    # confidences high to low; the fourth answer is wrong: precision 3/4 there, 4/5 after, 5/6 after
    conf = [0.99, 0.95, 0.9, 0.8, 0.7, 0.6]
    right = [True, True, True, False, True, True]
    assert classifier.threshold_for_precision(conf, right, 0.95) == 0.9
    assert classifier.threshold_for_precision(conf, right, 0.84) == 0.9  # 5/6 = 0.833 at the bottom: not enough
    assert classifier.threshold_for_precision(conf, right, 0.8) == 0.6
    assert classifier.threshold_for_precision(list(reversed(conf)), list(reversed(right)), 0.95) == 0.9  # any order
    assert classifier.threshold_for_precision([0.9, 0.8], [False, True], 0.95) is None
    assert classifier.threshold_for_precision([], [], 0.95) is None


def test_tied_confidences_are_taken_together():
    # two answers at 0.9, one wrong: taking only one of them is not a threshold anyone can apply
    assert classifier.threshold_for_precision([0.9, 0.9, 0.5], [True, False, True], 0.95) is None
    assert classifier.threshold_for_precision([0.9, 0.9, 0.5], [True, False, True], 0.5) == 0.5


def test_the_automatic_share_applies_the_threshold(trained):
    texts, labels = corpus(50, seed=3)
    none = classifier.measure(trained.model, texts, labels, threshold=None)
    everything = classifier.measure(trained.model, texts, labels, threshold=0.0)
    assert (none.auto_share, none.auto_precision) == (0.0, None)
    assert everything.auto_share == 1.0 and everything.auto_precision == everything.accuracy


def test_a_trained_model_is_stored_and_read_back_without_pickle(trained):
    data, sha = storage.model_to_bytes(trained.model)
    back = storage.model_from_bytes(data, sha, trusted=classifier.TRUSTED)
    text = ["Rác ở chợ không ai thu gom"]
    assert classifier.suggest(back, text) == classifier.suggest(trained.model, text)
    with pytest.raises(storage.ModelUnavailable, match="untrusted"):  # its functions must be named as trusted
        storage.model_from_bytes(data, sha)
