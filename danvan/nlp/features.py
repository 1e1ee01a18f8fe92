"""What a model reads of a petition: word and character n-grams of its text, with and without diacritics.

People write Vietnamese with accents, without them ("duong bi ngap"), or mixed; a model that saw only one
form loses half its accuracy on the other. The features read the text twice: word 1–2-grams of the text as
written (lower-cased: the accents carry meaning when present) and word 1–2-grams plus char_wb 2–5-grams of
its folded form (``core.text.fold``: no diacritics, no punctuation), so the same petition typed without
accents shares most of its features with the accented one. Pure: no Django.

The functions given to scikit-learn are named module-level functions, so ``nlp.storage`` can store the
fitted vectorisers and trust exactly these functions on load (``TRUSTED``).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from danvan.core.text import fold

# A petition longer than this is read only this far: the matter is said at the start, and a pasted
# 100-page document must not cost the intake seconds.
MAX_CHARS = 20_000
_SPACES = re.compile(r"\s+")
_WORD = r"(?u)\b\w+\b"  # Vietnamese syllables are one- and two-letter words too ("ở", "đi"): keep them


def as_written(text: str) -> str:
    """The text as written, lower-cased, NFC, spaces collapsed, cut at ``MAX_CHARS``."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text)[:MAX_CHARS])).strip().lower()


def folded(text: str) -> str:
    """The text without diacritics or punctuation (``core.text.fold``), cut at ``MAX_CHARS``."""
    return fold(str(text)[:MAX_CHARS])


TRUSTED = (f"{__name__}.as_written", f"{__name__}.folded")


def text_features(
    *, min_df: int = 2, max_word_features: int = 200_000, max_char_features: int = 300_000
) -> FeatureUnion:
    """The feature union every text model of the platform starts from (routing, tone)."""
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(preprocessor=as_written, token_pattern=_WORD, ngram_range=(1, 2),
                                      sublinear_tf=True, min_df=min_df, max_features=max_word_features,
                                      dtype=np.float32)),
            ("folded_words", TfidfVectorizer(preprocessor=folded, token_pattern=_WORD, ngram_range=(1, 2),
                                             sublinear_tf=True, min_df=min_df, max_features=max_word_features,
                                             dtype=np.float32)),
            ("folded_chars", TfidfVectorizer(preprocessor=folded, analyzer="char_wb", ngram_range=(2, 5),
                                             sublinear_tf=True, min_df=min_df, max_features=max_char_features,
                                             dtype=np.float32)),
        ]
    )  # fmt: skip


def has_words(text: str) -> bool:
    """Does the text hold anything a model can read (letters or digits, not only emoji and punctuation)?"""
    return bool(folded(text))
