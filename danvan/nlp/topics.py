"""What people write about: topics discovered in a set of texts, each with its top words. Pure: no Django.

The recipe: TF-IDF over the folded text's word 1–2-grams (``features.folded``: no diacritics, so "ngap nuoc"
and "ngập nước" are one term and a petition typed without accents lands in the topic of the accented one),
without the words every petition uses (a short list of Vietnamese function words, and any term in more
than half of the texts), then non-negative matrix factorisation (NMF) into ``k`` topics. Each text goes to
the topic it weighs most on; a text with no known word goes to none (-1). NMF is seeded (NNDSVD start,
then coordinate descent with a fixed seed): the same texts give the same topics.

Each topic is shown by its top terms, written back with diacritics: for each folded term the form people
wrote most often ("ngap nuoc" → "ngập nước"). The first three make the suggested label, which officials
may rename.

``k``: set by the caller, or by the rule ``choose_k``: ``DEFAULT_K`` topics, fewer on a small set (one
topic per ``TEXTS_PER_TOPIC`` texts, at least 2). Large sets: the vocabulary and the factorisation are
fitted on a seeded sample of ``fit_sample`` texts, then every text is assigned in chunks.

The fitted model (a vectoriser and the NMF) is stored with ``nlp.storage`` and assigns texts of
another period (the trend) or written later.
"""

from __future__ import annotations

import random
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline

from danvan.core.text import fold
from danvan.nlp import features

TRUSTED = features.TRUSTED
DEFAULT_K = 12
TEXTS_PER_TOPIC = 25
LABEL_TERMS = 3
_TOKEN = re.compile(r"\w+", re.UNICODE)

# Vietnamese function words and the formulas of every petition, folded. A topic made of them would say
# nothing; max_df removes the rest of what is everywhere.
_STOP_TEXT = """
va cua la co cac nhung duoc cho toi chung tren trong ngoai voi mot hai ba nay do khi thi ma de nen vi
neu da dang se rat cung con chi ve tai tu den theo nhu hay hoac bi boi o ra vao len xuong lai nua
khong chua van nhieu it moi tung ai gi nao sao the vay ay kia day dau ong anh em chau chu
bac minh ho nguoi dan xin nghi kinh gui ngay thang nam so dia duoi sau truoc
viec hien xem xet giai quyet cap quan chinh quyen ubnd uy ban nhan phuong xa thanh pho
tinh huyen tran
"""
STOP_WORDS: tuple[str, ...] = tuple(sorted(set(_STOP_TEXT.split())))
_TERM = r"(?u)\b\w\w+\b"  # words of two letters or more (one-letter ones, "y", "ở" folded "o", say little)


@dataclass(frozen=True)
class TopicSettings:
    """How topics are discovered; stored with each run."""

    k: int | None = None  # None: the rule ``choose_k``
    max_features: int = 20_000
    max_df: float = 0.5  # a term in more than half of the texts is a formula, not a topic
    top_terms: int = 10
    fit_sample: int = 100_000  # the vocabulary and the factorisation are fitted on at most this many texts
    chunk: int = 50_000  # texts assigned at a time
    max_iter: int = 200
    seed: int = 20261204

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Topic:
    number: int  # 0 … k-1
    terms: tuple[str, ...]  # top terms, folded, most weighty first
    words: tuple[str, ...]  # the same terms as people write them (with diacritics)
    label: str  # the suggested label: the first LABEL_TERMS words
    size: int = 0  # texts of the fitted set assigned to it


@dataclass
class Discovered:
    model: Pipeline
    topics: list[Topic]
    assignment: np.ndarray  # per text: its topic number, or -1 (no known word)
    weight: np.ndarray  # per text: its weight on that topic (how typical of it it is)
    settings: TopicSettings = field(default_factory=TopicSettings)


def choose_k(n_texts: int, k: int | None = None) -> int:
    """The number of topics: ``k`` when given; otherwise ``DEFAULT_K``, one per ``TEXTS_PER_TOPIC`` texts on
    a small set, at least 2."""
    if k is not None:
        return max(1, int(k))
    return max(2, min(DEFAULT_K, n_texts // TEXTS_PER_TOPIC))


def _vectorizer(settings: TopicSettings, n_texts: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=features.folded, token_pattern=_TERM, ngram_range=(1, 2), stop_words=list(STOP_WORDS),
        min_df=2 if n_texts >= 50 else 1, max_df=settings.max_df if n_texts >= 20 else 1.0,
        max_features=settings.max_features, sublinear_tf=True, dtype=np.float32,
    )  # fmt: skip


def _sample(n: int, size: int, seed: int) -> list[int]:
    if n <= size:
        return list(range(n))
    return sorted(random.Random(seed).sample(range(n), size))  # noqa: S311 - a reproducible sample


def written_forms(texts: Iterable[str], terms: Iterable[str]) -> dict[str, str]:
    """For each folded term (one or two words), the form written most often in ``texts`` (ties: the first
    seen). A two-word term never written side by side (a short word between them was dropped) is its words'
    forms joined; a word never seen keeps its folded form."""
    wanted = set(terms)
    wanted_words = {w for t in wanted for w in t.split()}
    counts: dict[str, Counter[str]] = {t: Counter() for t in wanted | wanted_words}
    folds: dict[str, str] = {}
    for text in texts:
        written = [w for w in _TOKEN.findall(features.as_written(text)) if w]
        keys = []
        for w in written:
            key = folds.get(w)
            if key is None:
                key = folds[w] = fold(w)
            keys.append(key)
        for i, key in enumerate(keys):
            if key not in wanted_words:
                continue
            counts[key][written[i]] += 1
            if i + 1 < len(keys):
                pair = f"{key} {keys[i + 1]}"
                if pair in counts:
                    counts[pair][f"{written[i]} {written[i + 1]}"] += 1
    best = {t: (c.most_common(1)[0][0] if c else "") for t, c in counts.items()}
    return {t: best[t] or " ".join(best.get(w) or w for w in t.split()) for t in wanted}


def label_of(words: Sequence[str]) -> str:
    """The suggested label: the first two-word terms (most Vietnamese words are two syllables), then single
    words, each once (a word already inside a term shown is not repeated), at most ``LABEL_TERMS``."""
    shown: list[str] = []
    for word in [w for w in words if " " in w] + [w for w in words if " " not in w]:
        parts = set(word.split())
        if any(parts & set(s.split()) for s in shown):
            continue
        shown.append(word)
        if len(shown) == LABEL_TERMS:
            break
    return unicodedata.normalize("NFC", " · ".join(shown))


def assign(model: Pipeline, texts: Sequence[str], *, chunk: int = 50_000) -> tuple[np.ndarray, np.ndarray]:
    """Each text's topic (-1 when none of its words is known to the model) and its weight on it."""
    topics = np.full(len(texts), -1, dtype=np.int16)
    weights = np.zeros(len(texts), dtype=np.float32)
    for start in range(0, len(texts), chunk):
        part = list(texts[start : start + chunk])
        w = model.transform(part)
        best = np.asarray(w.argmax(axis=1)).ravel()
        top = np.asarray(w.max(axis=1)).ravel()
        known = top > 0
        topics[start : start + len(part)] = np.where(known, best, -1)
        weights[start : start + len(part)] = np.where(known, top, 0.0)
    return topics, weights


def discover(texts: Sequence[str], settings: TopicSettings = TopicSettings()) -> Discovered:
    """Topics of ``texts``. Empty or unreadable texts (only emoji, punctuation) count in no topic.

    ``ValueError`` when no text holds a word to learn from."""
    readable = [i for i, t in enumerate(texts) if features.has_words(t)]
    if not readable:
        raise ValueError("no text to learn topics from")
    fit_idx = [readable[i] for i in _sample(len(readable), settings.fit_sample, settings.seed)]
    fit_texts = [texts[i] for i in fit_idx]
    vectorizer = _vectorizer(settings, len(fit_texts))
    try:
        matrix = vectorizer.fit_transform(fit_texts)
    except ValueError:  # every term pruned (a handful of near-identical texts): keep every term
        vectorizer.set_params(min_df=1, max_df=1.0)
        matrix = vectorizer.fit_transform(fit_texts)
    k = min(choose_k(len(readable), settings.k), matrix.shape[1], matrix.shape[0])
    nmf = NMF(n_components=k, init="nndsvd", solver="cd", max_iter=settings.max_iter, random_state=settings.seed)
    with warnings.catch_warnings():
        # on a small set NMF may stop at max_iter a hair from its tolerance: the topics are the same
        warnings.simplefilter("ignore", ConvergenceWarning)
        nmf.fit(matrix)
    model = Pipeline([("terms", vectorizer), ("topics", nmf)])
    assignment, weight = assign(model, texts, chunk=settings.chunk)
    vocabulary = vectorizer.get_feature_names_out()
    ranked = [
        [str(vocabulary[j]) for j in np.argsort(-row)[: settings.top_terms] if row[j] > 0] for row in nmf.components_
    ]
    forms = written_forms(fit_texts[:20_000], {t for terms in ranked for t in terms})
    sizes = Counter(int(a) for a in assignment if a >= 0)
    topics = []
    for number, terms in enumerate(ranked):
        words = tuple(forms.get(t, t) for t in terms)
        topics.append(Topic(number=number, terms=tuple(terms), words=words, label=label_of(words),
                            size=sizes.get(number, 0)))  # fmt: skip
    return Discovered(model=model, topics=topics, assignment=assignment, weight=weight, settings=settings)


def overlap(first: Iterable[str], second: Iterable[str]) -> float:
    """Jaccard overlap of two sets of top terms (0–1)."""
    a, b = set(first), set(second)
    return len(a & b) / len(a | b) if a | b else 0.0


def match(
    previous: Sequence[Sequence[str]], current: Sequence[Sequence[str]], *, at_least: float = 0.3
) -> dict[int, int]:
    """Which topic of the previous run each current topic continues: pairs taken greedily by the overlap of
    their top terms, highest first, each topic at most once, none below ``at_least``. {current: previous}."""
    pairs = sorted(
        ((overlap(c, p), ci, pi) for ci, c in enumerate(current) for pi, p in enumerate(previous)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    taken_c: set[int] = set()
    taken_p: set[int] = set()
    out: dict[int, int] = {}
    for score, ci, pi in pairs:
        if score < at_least:
            break
        if ci in taken_c or pi in taken_p:
            continue
        out[ci] = pi
        taken_c.add(ci)
        taken_p.add(pi)
    return out
