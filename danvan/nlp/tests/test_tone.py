"""Where the tone model's examples come from: stars by a stated rule, officials' labels over them."""

from __future__ import annotations

import pytest

from danvan.core.text import strip_diacritics
from danvan.nlp import tone


def test_the_star_rule():
    assert [tone.STAR_RULE.tone(s) for s in (1, 2, 3, 4, 5)] == ["negative", "negative", "neutral", "positive",
                                                                 "positive"]  # fmt: skip
    assert tone.STAR_RULE.tone(0) is None and tone.STAR_RULE.tone(None) is None
    assert tone.STAR_RULE.as_text() == "1-2:negative,3:neutral,4-5:positive"
    assert tone.parse_rule(tone.STAR_RULE.as_text()) == tone.STAR_RULE


@pytest.mark.parametrize("text", ["1-2:angry,3-5:positive", "0-2:negative,3:positive", "1-5:negative",
                                  "1-2:negative,2-5:positive"])  # fmt: skip
def test_a_wrong_rule_is_refused(text):
    with pytest.raises(ValueError):
        tone.parse_rule(text)


def test_an_officials_label_overrides_the_stars_of_the_same_text_even_typed_without_accents():
    rated = [("Cán bộ rất tận tình", 5), ("Chờ quá lâu", 1), ("Bình thường", 3), ("😀", 5), ("Không ý kiến", 0)]
    labelled = [(strip_diacritics("Chờ quá lâu"), "neutral"), ("Thủ tục rườm rà", "negative")]
    texts, tones, counts = tone.examples(rated, labelled)
    pairs = {tone.text_key(t): y for t, y in zip(texts, tones, strict=True)}
    assert pairs[tone.text_key("Chờ quá lâu")] == "neutral"
    assert pairs[tone.text_key("Cán bộ rất tận tình")] == "positive"
    assert len(texts) == 4  # the emoji and the "no opinion" give no example
    assert counts == {"stars": 2, "officials": 2, "overridden": 1}
