"""Vietnamese text matched with or without diacritics: folding, similarity of short texts, grouping of
similar comments and finding duplicate statements. Pure: no Django. Built by the answers part.

The method, and why:

- **Folding** is ``core.text.fold`` (NFC, marks removed, "đ" → "d", lower case, punctuation to spaces):
  "Chợ tạm quá xa" and "cho tam qua xa" become one key. People type on phones without a Vietnamese
  keyboard, so the same view arrives both ways.
- **Features**: TF-IDF over the folded *syllables* (Vietnamese words are one or more space-separated
  syllables, so syllable 1–2-grams capture the two-syllable words: "tiểu thương", "di dời") plus TF-IDF
  over character 3–5-grams inside word boundaries (typos, "sạp"/"sap hang", a missing letter still
  share most of their character grams). The two blocks are weighted equally and the rows L2-normalised,
  so the dot product is the cosine.
- **Why TF-IDF and not MinHash/Jaccard**: comments are short (one to five sentences) and come in the
  hundreds, not millions; an exact cosine over all pairs costs milliseconds, needs no tuning of bands and
  rows, and IDF lowers the weight of words every comment uses ("chợ", "dự thảo") where Jaccard counts them
  like any other. MinHash only pays off at sizes where pairs cannot be enumerated.
- **Grouping** is average-linkage agglomerative clustering on 1 − cosine, cut at ``1 − threshold``: a
  comment joins a group when it is, on average, similar to the group's members. Single linkage
  (connected components of the pairs above the threshold) chains: A≈B and B≈C puts A with C however far
  apart they are; average linkage does not, and it is deterministic. It runs on each connected component
  of the pairs above the threshold (found block by block), which gives the same groups as one run over
  every text without an n × n matrix (``group_similar``'s docstring says why).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any, Final

import numpy as np

from danvan.core.text import fold as _core_fold

GROUP_THRESHOLD: Final = 0.35  # comments on one point (the answering page's suggestion)
DUPLICATE_THRESHOLD: Final = 0.75  # "possible duplicate" hints to moderators
# A component of linked texts above this size is cut at a stricter threshold before its square matrix is
# built (3,000² floats: 72 MB); _STRICTER is the step, _IDENTICAL where near-identical texts stay together.
MAX_DENSE_GROUP: Final = 3000
_STRICTER: Final = 0.05
_IDENTICAL: Final = 0.99
_BLOCK: Final = 256  # rows of similarities computed at once when looking for the pairs above a threshold
# Function syllables that say nothing about the point of a comment (folded); negation ("khong") is kept.
_STOP: Final = frozenset(
    ["va", "cua", "la", "cho", "thi", "ma", "nhung", "cac", "mot", "nay", "do", "de", "voi", "trong", "tai", "vi",
     "nen", "rat", "qua", "cung", "da", "dang", "se", "duoc", "bi", "o"]
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case, diacritics removed ("đ" → "d"), punctuation to spaces, spaces collapsed."""
    return _core_fold(text or "")


def syllables(text: str) -> list[str]:
    """The folded syllables of ``text`` (Vietnamese writes each syllable as a space-separated token)."""
    return fold(text).split()


def _word_tokens(folded: str) -> list[str]:
    words = [w for w in folded.split() if w not in _STOP]
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def _features(texts: Sequence[str]) -> Any:
    """Rows of L2-normalised features (scipy sparse), one per text; empty texts are zero rows."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    folded = [fold(t) for t in texts]
    blocks = []
    word = TfidfVectorizer(analyzer=_word_tokens, sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    for vectorizer in (word, char):
        try:
            blocks.append(vectorizer.fit_transform(folded))
        except ValueError:  # an empty vocabulary: every text is blank (or only stop syllables)
            blocks.append(csr_matrix((len(folded), 1)))
    return normalize(hstack(blocks).tocsr())


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """The cosine similarity of every pair of ``texts`` (1 on the diagonal for a non-empty text)."""
    if not texts:
        return np.zeros((0, 0))
    rows = _features(texts)
    return np.asarray((rows @ rows.T).toarray(), dtype=float).clip(0.0, 1.0)


def similarity(a: str, b: str) -> float:
    """How alike two short texts are, from 0 (nothing shared) to 1 (the same once folded).

    Computed with the pair as the whole corpus, so IDF cannot tell common words from rare ones: for
    ranking within a set of comments use ``similarity_matrix`` over the set."""
    if fold(a) == fold(b):
        return 1.0 if fold(a) else 0.0
    return float(similarity_matrix([a, b])[0, 1])


def _similar_pairs(rows: Any, threshold: float) -> Any:
    """The pairs of rows whose cosine is at least ``threshold``, as a sparse matrix of those cosines (upper
    triangle, no diagonal), computed ``_BLOCK`` rows at a time: memory grows with the pairs found, not with
    the square of the number of texts."""
    from scipy.sparse import coo_matrix

    n = rows.shape[0]
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    found_cosine: list[np.ndarray] = []
    columns = rows.T.tocsc()
    for start in range(0, n, _BLOCK):
        block = np.asarray((rows[start : start + _BLOCK] @ columns).toarray())
        i, j = np.nonzero(block >= threshold - 1e-9)
        keep = j > i + start
        found_i.append(i[keep] + start)
        found_j.append(j[keep])
        found_cosine.append(block[i[keep], j[keep]].clip(0.0, 1.0))
    i_all = np.concatenate(found_i) if found_i else np.zeros(0, dtype=int)
    j_all = np.concatenate(found_j) if found_j else np.zeros(0, dtype=int)
    cosines = np.concatenate(found_cosine) if found_cosine else np.zeros(0)
    return coo_matrix((cosines, (i_all, j_all)), shape=(n, n)).tocsr()


def _components(rows: Any, indices: list[int], threshold: float) -> list[list[int]]:
    """``indices`` split into the connected components of their pairs at or above ``threshold``, none
    larger than ``MAX_DENSE_GROUP``: a larger one (thousands of comments chained by shared words) is split
    again at a stricter threshold, step by step, until it fits — or until only near-identical texts are
    left, which are one group by any linkage."""
    from scipy.sparse.csgraph import connected_components

    _count, labels = connected_components(_similar_pairs(rows[indices], threshold), directed=False)
    members: dict[int, list[int]] = {}
    for index, label in zip(indices, labels.tolist(), strict=True):
        members.setdefault(label, []).append(index)
    out: list[list[int]] = []
    for component in members.values():
        if len(component) > MAX_DENSE_GROUP and threshold < _IDENTICAL:
            out.extend(_components(rows, component, min(_IDENTICAL, threshold + _STRICTER)))
        else:
            out.append(component)
    return out


def group_similar(texts: Sequence[str], threshold: float = GROUP_THRESHOLD) -> list[list[int]]:
    """A partition of ``range(len(texts))`` into groups of similar texts (average linkage on the cosine,
    cut at ``threshold``). Each group's indices ascending; groups ordered by their first index. A blank
    text is a group of its own.

    Bounded: two groups merge only when their average cosine reaches the threshold, so at least one pair
    across them does; every group therefore lies inside one connected component of the pairs at or above
    the threshold. The pairs are found block by block (``_similar_pairs``), and average linkage runs on
    each component alone — the same partition as over all texts at once, without the n × n matrix. Only
    a component larger than ``MAX_DENSE_GROUP`` texts is cut first at a stricter threshold
    (``_components``): there the groups may be finer than one run over everything would make."""
    n = len(texts)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from sklearn.cluster import AgglomerativeClustering

    rows = _features(texts)
    groups: list[list[int]] = []
    for indices in _components(rows, list(range(n)), threshold):
        if len(indices) == 1 or len(indices) > MAX_DENSE_GROUP:
            groups.append(indices)
            continue
        part = rows[indices]
        distance = 1.0 - np.asarray((part @ part.T).toarray(), dtype=float).clip(0.0, 1.0)
        np.fill_diagonal(distance, 0.0)
        clustering = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold + 1e-9
        )
        labels = clustering.fit_predict(distance)
        split: dict[int, list[int]] = {}
        for index, label in zip(indices, labels.tolist(), strict=True):
            split.setdefault(label, []).append(index)
        groups.extend(split.values())
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def near_duplicates(texts: Sequence[str], threshold: float = DUPLICATE_THRESHOLD) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` with ``i < j`` whose similarity is at least ``threshold``, most alike
    first: the moderators' "possible duplicate" hints (a person decides; nothing is merged here). Found
    block by block, like the groups: no n × n matrix."""
    if len(texts) < 2:
        return []
    found = _similar_pairs(_features(texts), threshold).tocoo()
    blank = {i for i, t in enumerate(texts) if not fold(t)}
    pairs = [
        (i, j, round(cosine, 4))
        for i, j, cosine in zip(found.row.tolist(), found.col.tolist(), found.data.tolist(), strict=True)
        if i not in blank and j not in blank
    ]
    return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))


def first_words(text: str, limit: int = 12, max_chars: int = 120) -> str:
    """The first ``limit`` words of ``text`` (with "…" when cut): a group's title before an officer edits it."""
    words = " ".join((text or "").split()).split(" ")
    head = " ".join(words[:limit])
    if len(head) > max_chars:
        head = head[:max_chars].rsplit(" ", 1)[0]
    return head + ("…" if head != " ".join(words) else "")
