"""Routing on small data it makes: topic × body, the place back-off, the rules, the threshold, storage."""

from __future__ import annotations

import random

import pytest

from danvan.core.text import strip_diacritics
from danvan.nlp import classifier, routing, storage

SUBJECTS = {
    "ngap-ung": ["đường bị ngập nước", "cống thoát nước bị tắc", "nước mưa tràn vào nhà", "hẻm ngập sâu sau mưa"],
    "rac-thai": ["rác thải không được thu gom", "bãi rác bốc mùi hôi", "xe rác không đến", "người dân đổ rác bừa bãi"],
    "dat-dai": ["tranh chấp ranh giới đất", "cấp sổ đỏ chậm", "lấn chiếm đất công", "đo đạc thửa đất sai"],
}
FRAMES = ["Tôi phản ánh {s} tại {p}.", "Kính gửi xã: {s} ở {p} đã lâu.", "Đề nghị xử lý {s} khu {p}.",
          "Nhiều hộ dân bức xúc vì {s}, {p}.", "{s} gần {p}, mong chính quyền giải quyết."]  # fmt: skip
PLACES = ["tổ 3", "kiệt 12", "chợ An Cựu", "thôn Đông", "trường tiểu học"]
# communes 1, 2 in province 10; commune 3 in province 20. Land goes to the province's land office there.
COMMUNES = {"1": "10", "2": "10", "3": "20"}


def body_of(topic: str, commune: str) -> str:
    if topic == "dat-dai":
        return f"so-tnmt-{COMMUNES[commune]}"
    return f"ubnd-{commune}"


def cases(n: int, seed: int = 7) -> list[routing.Example]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        topic = rng.choice(sorted(SUBJECTS))
        commune = rng.choice(sorted(COMMUNES))
        text = rng.choice(FRAMES).format(s=rng.choice(SUBJECTS[topic]), p=rng.choice(PLACES))
        out.append(routing.Example(text=text, topic=topic, body=body_of(topic, commune), track="pakn",
                                   commune=commune, province=COMMUNES[commune]))  # fmt: skip
    return out


@pytest.fixture(scope="module")
def trained() -> routing.TrainedRoute:
    return routing.train(cases(400))


def test_it_suggests_the_topic_and_the_body_of_the_place(trained):
    got = routing.suggest(trained.model, "Cống ở tổ 5 bị tắc, đường ngập nước", track="pakn", commune="3",
                          province="20")  # fmt: skip
    assert (got[0].topic, got[0].body) == ("ngap-ung", "ubnd-3")
    assert got[0].confidence == pytest.approx(got[0].topic_confidence * got[0].body_confidence)
    assert got[0].confidence > got[1].confidence
    land = routing.suggest(trained.model, "Hàng xóm lấn chiếm đất công", track="pakn", commune="1", province="10")
    assert (land[0].topic, land[0].body) == ("dat-dai", "so-tnmt-10")
    assert trained.figures.accuracy >= 0.9 and trained.figures.topic_macro_f1 >= 0.9
    assert trained.training_size + trained.held_back_size == 400


def test_a_commune_never_seen_backs_off_to_its_province_then_to_the_rules():
    table = routing.BodyTable({"p|pakn|10|x": {"a": 8, "b": 2}, "c|pakn|1|x": {"b": 1}}, smoothing=2.0)
    province_only = table.distribution(topic="x", track="pakn", commune="9", province="10", rule_body=None)
    assert province_only == pytest.approx({"a": 0.8, "b": 0.2})
    # one case in the commune does not yet overrule the province (smoothing: two pseudo-cases from above)
    commune = table.distribution(topic="x", track="pakn", commune="1", province="10", rule_body=None)
    assert commune["b"] == pytest.approx((1 + 2 * 0.2) / 3) and commune["a"] == pytest.approx(2 * 0.8 / 3)
    # nothing learnt: the rule alone, certain about the body; with counts, the rule is two pseudo-cases
    assert table.distribution(topic="y", track="pakn", commune="1", province="10", rule_body="r") == {"r": 1.0}
    with_rule = table.distribution(topic="x", track="pakn", commune="9", province="10", rule_body="r")
    assert with_rule["r"] == pytest.approx(2 / 12) and sum(with_rule.values()) == pytest.approx(1.0)
    assert table.distribution(topic="y", track="pakn", commune="1", province="10", rule_body=None) == {}


def test_the_rules_answer_where_no_case_was_confirmed(trained):
    got = routing.suggest(trained.model, "Rác thải không được thu gom", track="khieu_nai", commune="1",
                          province="10", rules=lambda topic: f"rule-{topic}")  # fmt: skip
    assert (got[0].topic, got[0].body) == ("rac-thai", "rule-rac-thai")
    assert routing.suggest(trained.model, "Rác thải không được thu gom", track="khieu_nai", commune="1") == []


def test_a_text_without_diacritics_gets_the_same_suggestion(trained):
    held = cases(60, seed=99)
    for ex in held:
        a = routing.suggest(trained.model, ex.text, track="pakn", commune=ex.commune, province=ex.province, top=1)
        b = routing.suggest(trained.model, strip_diacritics(ex.text), track="pakn", commune=ex.commune,
                            province=ex.province, top=1)  # fmt: skip
        assert (a[0].topic, a[0].body) == (b[0].topic, b[0].body)
    assert trained.figures_folded.accuracy >= trained.figures.accuracy - 0.02


def test_the_threshold_is_chosen_for_the_joint_answer_at_the_target_precision(trained):
    figures = trained.figures
    assert figures.threshold is not None and figures.auto_precision is not None
    assert figures.auto_precision >= 0.95 and 0 < figures.auto_share <= 1
    assert trained.figures_folded.threshold == figures.threshold
    first = routing.RouteSuggestion("t", "b", 0.9, 0.9, 1.0)
    assert routing.is_automatic([first], 0.9) and not routing.is_automatic([first], 0.91)
    assert not routing.is_automatic([first], None) and not routing.is_automatic([], 0.1)


def test_an_unreachable_precision_gives_no_threshold_and_nothing_automatic():
    noisy = [routing.Example(ex.text, ex.topic, random.Random(i).choice(["a", "b", "c"]), "pakn", ex.commune,
                             ex.province) for i, ex in enumerate(cases(200))]  # fmt: skip
    trained = routing.train(noisy, routing.Settings(target_precision=0.999))
    assert trained.figures.threshold is None and trained.figures.auto_share == 0


def test_nothing_to_read_gets_no_suggestion(trained):
    for text in ["", "😀🙏🔥", "!!! ???"]:
        assert routing.suggest(trained.model, text, track="pakn", commune="1", province="10") == []
    assert routing.suggest(trained.model, "rác thải " * 100_000, track="pakn", commune="1", province="10")
    assert routing.suggest(trained.model, "Рác thải 垃圾 không thu gom", track="pakn", commune="1", province="10")


def test_too_few_confirmed_cases_are_refused_with_the_number_needed():
    with pytest.raises(classifier.TooFewExamples) as refused:
        routing.train(cases(30))
    assert (refused.value.needed, refused.value.have) == (40, 30)
    assert routing.needed(routing.Settings()) == 40


def test_the_per_topic_cap_limits_the_text_model_not_the_place_counts():
    trained = routing.train(cases(300), routing.Settings(max_per_topic=20))
    assert trained.training_size == 240  # every confirmed case still counts for the bodies
    assert sum(sum(v.values()) for k, v in trained.model.bodies.counts.items() if k.startswith("c|")) == 240


def test_it_is_stored_without_pickle_and_read_back(trained):
    data, sha = storage.model_to_bytes(trained.model.to_artifact())
    back = routing.RouteModel.from_artifact(storage.model_from_bytes(data, sha, trusted=routing.TRUSTED))
    text = "Bãi rác bốc mùi hôi"
    assert routing.suggest(back, text, commune="1", province="10", track="pakn") == routing.suggest(
        trained.model, text, commune="1", province="10", track="pakn")  # fmt: skip
    with pytest.raises(ValueError):
        routing.RouteModel.from_artifact({"format": "something else"})


def test_the_fast_path_gives_the_pipelines_probabilities(trained):
    texts = [ex.text for ex in cases(40, seed=5)] + ["rác", "Рác thải 垃圾", "xyz không biết"]
    for text in texts:
        fast = trained.model.fast().suggest(text, 3)
        slow = classifier.suggest(trained.model.topics, [text], top=3)[0]
        assert [s.label for s in fast] == [s.label for s in slow]
        assert [s.confidence for s in fast] == pytest.approx([s.confidence for s in slow], abs=1e-5)
