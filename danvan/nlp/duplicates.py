"""The same matter written by many people: near-duplicate petitions. Pure: no Django, no database.

A text becomes its *grams*: the words and pairs of adjacent words of its folded form (``core.text.fold``:
no diacritics, lower case, no punctuation, so "Đèn đường hỏng" and "den duong hong" are one text), each
hashed to 32 bits (CRC-32: the same number in every process, unlike ``hash``).

Finding candidates is MinHash-LSH (Broder 1997; Leskovec, Rajaraman & Ullman, *Mining of Massive
Datasets*, ch. 3), with datasketch's MinHash over the grams: ``BANDS`` bands of ``ROWS`` rows, chosen by
datasketch for a Jaccard threshold of ``THRESHOLD`` weighing a missed pair four times a false one. Two
texts sharing one band's bucket are candidates.

Ranking candidates is not their estimated Jaccard: petitions share a lot of boilerplate ("Kính gửi …, đề
nghị … xem xét, giải quyết") and, in one commune, the words of the same kind of problem (a broken street
light on another street). What tells one matter from another is what the candidates do NOT share — the
street, the house number, the landmark. So candidates are ranked by the cosine of their grams weighted by
the inverse of how many of the candidates (and the query) contain them (a *local* IDF, computed on the
spot: no fitted model to keep, and it adapts to each place and kind of problem). Measured on the
synthetic generator's letters: recall of the true partner within the top 10 in one commune 0.80 by
Jaccard of word 3-grams, 0.88 by this weighting (benchmarks/insight_duplicates.py).

Once a matter's cases are known, ``growth`` says whether it grows fast: many of its people joined in the
last days, and they are most of its people (docs/insight.md, "A matter that grows fast").
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from danvan.core.text import fold

NUM_PERM = 64
SEED = 20250701  # fixed: band keys stored in the database must be the same in every process and release
THRESHOLD = 0.2
# datasketch's choice for THRESHOLD with a missed pair weighing 0.8 and a false candidate 0.2
BANDS, ROWS = _optimal_param(THRESHOLD, NUM_PERM, 0.2, 0.8)
MAX_CHARS = 20_000  # a 100 KB letter is read up to here: the matter is said at the start
MAX_GRAMS = 4_000
CANDIDATES = 600  # texts ranked at most for one query (the app's too: insight.selectors.duplicates)
# A bucket with more texts than this in the window is boilerplate ("kính gửi …, đề nghị … xem xét"), not a matter:
# left out of the candidates (and the app reads no more than one row past it per bucket). At 1,000,000
# generated cases on PostgreSQL, reading a text's 32 buckets took p50 43 ms with 2,000, 15 ms with 500, for
# the same recall@10 on 1,000 evaluation pairs (0.961, 0.960: docs/insight.md, "MAX_BUCKET").
MAX_BUCKET = 500
# Texts assumed to contain none of the grams, added to every count: with three or four candidates the
# local weights would otherwise swing with each one (at 30,000 synthetic letters the separation of one
# matter from another in a commune is the same with 0 or 20; four letters of one matter hold together
# only with it).
PRIOR_TEXTS = 20
_PRIME = np.uint64((1 << 61) - 1)
_MINHASH = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)  # permutations drawn once, copied per text


def folded(*parts: str) -> str:
    """The text as matching sees it: NFC, folded, at most ``MAX_CHARS`` characters."""
    text = " ".join(p for p in parts if p)[: MAX_CHARS * 2]
    return fold(unicodedata.normalize("NFC", text))[:MAX_CHARS]


def grams(*parts: str) -> np.ndarray:
    """The sorted, distinct 32-bit hashes of the words and word pairs of the folded text (``uint32``).

    Empty for a text without letters or digits (emoji only, punctuation only)."""
    words = folded(*parts).split()
    pieces = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    hashes = {zlib.crc32(p.encode()) for p in pieces[: MAX_GRAMS * 2]}
    return np.array(sorted(hashes), dtype=np.uint32)


def grams_to_bytes(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def grams_from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def signature(values: np.ndarray) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` values) of a text's grams."""
    m = _MINHASH.copy()
    if len(values):
        m.update_batch(values.astype(np.uint64).tolist())
    return m.hashvalues.astype(np.uint64)


def band_keys(values: np.ndarray) -> list[int]:
    """One bucket per band (signed 64-bit, to fit a ``bigint``), or none for a text without grams.

    A bucket mixes the band's number with its rows, so one index on (band, bucket) serves all bands."""
    if not len(values):
        return []
    sig = signature(values)[: BANDS * ROWS].reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        acc = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        for j in range(ROWS):
            acc = (acc * np.uint64(1_000_003)) ^ sig[:, j]
            acc = acc % _PRIME
    return [int(v) - (1 << 63) if v >= (1 << 63) else int(v) for v in acc.tolist()]


# A published report's public text (what the feed shows of it) has buckets of its own, in a key space of their
# own: the petition form finds reports by them, never by the buckets of their full text, which would tell a
# prober sending the public text plus a guessed name whether the name is in the hidden text. ``band_keys`` are
# below 2**61 (taken modulo a 61-bit prime); XOR with this constant (bits 63, 62, 61 = 0, 1, 0) puts a public
# key in [2**62, 2**62 + 2**61): never a text's key, still a signed 64-bit one, and all of a report's public
# rows are ``bucket >= PUBLIC_KEYS_FROM``.
_PUBLIC_SPACE = 0x5A3C_96E1_D2B4_7F08
PUBLIC_KEYS_FROM = 1 << 62


def public_band_keys(values: np.ndarray) -> list[int]:
    """``band_keys`` of a report's public text, moved to the public texts' own key space."""
    return [key ^ _PUBLIC_SPACE for key in band_keys(values)]


def similarities(query: np.ndarray, candidates: Sequence[np.ndarray]) -> list[float]:
    """How alike ``query`` is to each candidate, in [0, 1]: cosine of grams weighted by local IDF.

    The weight of a gram is ``log((n + 1) / (df + 1)) + 1`` where ``df`` counts the texts among the query
    and the candidates that contain it: what they all say weighs little, what only two say weighs most."""
    return [float(v) for v in _scores(query, *_joined(candidates))]


def rank(query: np.ndarray, candidates: Sequence[tuple[int, np.ndarray]], *, limit: int = 10,
         minimum: float = 0.0) -> list[tuple[int, float]]:  # fmt: skip
    """The ``limit`` candidates most like ``query`` as ``(id, score)``, best first (ties: smaller id)."""
    if not candidates:
        return []
    ids = np.array([pk for pk, _ in candidates], dtype=np.int64)
    scores = _scores(query, *_joined([c for _, c in candidates]))
    return _best(ids, scores, limit=limit, minimum=minimum)


def rank_stored(query: np.ndarray, rows: Iterable[tuple[int, bytes | memoryview]], *, limit: int = 10,
                minimum: float = 0.0) -> list[tuple[int, float]]:  # fmt: skip
    """``rank`` over rows as the index stores them, ``(id, grams_to_bytes(grams))``: the lookup's path (the
    selector and benchmarks/insight_duplicates_pg.py). The bytes of all rows are joined and read as one array:
    converting 600 rows one by one took a sixth of the ranking's time."""
    rows = list(rows)
    if not rows or not len(query):
        return []
    pks, blobs = zip(*rows, strict=True)
    sizes = np.fromiter(map(len, blobs), dtype=np.intp, count=len(blobs))
    if (sizes % 4).any():
        raise ValueError("stored grams are not a whole number of 32-bit values")
    flat = np.frombuffer(b"".join(blobs), dtype="<u4")
    scores = _scores(query, flat, sizes // 4)
    return _best(np.array(pks, dtype=np.int64), scores, limit=limit, minimum=minimum)


# Where a 64-bit key's two 32-bit halves lie in memory (the gram high, the text's number low).
_LOW, _HIGH = (0, 1) if sys.byteorder == "little" else (1, 0)


def _joined(texts: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.array([len(t) for t in texts], dtype=np.intp)
    return (np.concatenate(texts) if lengths.sum() else np.empty(0, dtype=np.uint32)), lengths


def _scores(query: np.ndarray, flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The similarity of ``query`` to each text, the texts' grams concatenated in ``flat`` (``lengths[i]``
    values for text ``i``); each text's grams distinct, as ``grams`` makes them.

    One sort does it all (a few hundred candidates, ~65,000 grams: about a millisecond): every gram becomes a
    64-bit key (gram, text number), the query numbered last. Sorted, the keys of one gram are adjacent — their
    count is its ``df`` — and the query's key, when it has the gram, ends the run."""
    n = len(lengths)
    if not len(query) or not n:
        return np.zeros(n)
    total = len(flat) + len(query)
    keys = np.empty(total, dtype=np.uint64)
    halves = keys.view(np.uint32)
    gram, owner = halves[_HIGH::2], halves[_LOW::2]
    gram[: len(flat)], gram[len(flat) :] = flat, query
    owner[: len(flat)], owner[len(flat) :] = np.repeat(np.arange(n, dtype=np.uint32), lengths), n
    keys.sort()  # ``owner`` now reads the sorted keys' text numbers
    grams_sorted = keys >> np.uint64(32)  # contiguous: compared faster than the strided view
    first = np.empty(total, dtype=bool)
    first[0] = True
    np.not_equal(grams_sorted[1:], grams_sorted[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    df = np.diff(starts, append=total)
    weight2 = (np.log((n + 2 + PRIOR_TEXTS) / (df + 1)) + 1) ** 2
    shared = owner[starts + df - 1] == n  # the query holds the gram
    texts = owner.astype(np.intp)
    norms = np.bincount(texts, weights=np.repeat(weight2, df), minlength=n + 1)
    inner = np.bincount(texts, weights=np.repeat(weight2 * shared, df), minlength=n + 1)[:n]
    norm_q, norms = math.sqrt(float(norms[n])), norms[:n]
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(norms > 0, inner / (np.sqrt(norms) * norm_q), 0.0)
    return np.minimum(scores, 1.0)


def _best(ids: np.ndarray, scores: np.ndarray, *, limit: int, minimum: float) -> list[tuple[int, float]]:
    order = np.lexsort((ids, -scores))  # best first, ties: smaller id
    order = order[scores[order] > minimum][:limit]
    return [(int(ids[i]), float(scores[i])) for i in order]


def bucket_order(shared: Iterable[tuple[int, int]]) -> list[int]:
    """The ids of ``(bucket, id)`` rows — the texts sharing a band bucket with a query, in its window — in the
    order to rank them: each shared bucket adds ``1 / its members``, a bucket of more than ``MAX_BUCKET``
    members adds nothing (ties: the larger id, as a rule the newer case, first).

    Counting shared buckets put first the texts sharing boilerplate ("đề nghị … xem xét, giải quyết" fills a
    bucket with hundreds of letters) and cut the true partner, which shares two or three rare buckets, from
    the few hundred kept. On 1,000 evaluation pairs from 200,000 synthetic letters (2,968 distinct texts;
    ``evaluate duplicates``), recall@10 0.803 with the count and 0.865 with this weight; 0.862 ranking every
    text of the file (docs/insight.md)."""
    rows = sorted(shared)  # the same sums whatever order the rows came in
    members = Counter(bucket for bucket, _ in rows)
    weight: dict[int, float] = {}
    for bucket, pk in rows:
        if members[bucket] <= MAX_BUCKET:
            weight[pk] = weight.get(pk, 0.0) + 1.0 / members[bucket]
    return sorted(weight, key=lambda pk: (-weight[pk], -pk))


def jaccard_rank(query: np.ndarray, candidates: Sequence[tuple[int, np.ndarray]], *, limit: int = 10,
                 minimum: float = 0.0) -> list[tuple[int, float]]:  # fmt: skip
    """The known recipe's ranking, for comparison (``evaluate duplicates --baseline``): the Jaccard
    similarity of the grams (what MinHash estimates), best first."""
    scored = []
    for pk, values in candidates:
        shared = len(np.intersect1d(query, values, assume_unique=True))
        union = len(query) + len(values) - shared
        score = shared / union if union else 0.0
        if score > minimum:
            scored.append((pk, score))
    return sorted(scored, key=lambda t: (-t[1], t[0]))[:limit]


@dataclass(frozen=True)
class Growth:
    """How fast a matter grew: ``recent_people`` of its ``people`` joined within the ``days`` ending ``on``."""

    fast: bool
    recent_people: int
    people: int
    days: int
    on: dt.date


def growth(arrivals: Iterable[tuple[dt.date, int]], *, on: dt.date, people: int, days: int) -> Growth:
    """Whether a matter grows fast on the day ``on``, from its cases' ``(received_on, people)``.

    It does when at least ``people`` people joined it within the ``days`` days ending ``on`` (``on`` and the
    ``days - 1`` before it; a case received after ``on`` is not recent) AND they are more than half of all its
    people: an old matter that one more case joins is slow, however many people it gathered before.
    """
    start = on - dt.timedelta(days=max(1, days) - 1)
    total = recent = 0
    for received_on, count in arrivals:
        total += count
        if start <= received_on <= on:
            recent += count
    fast = recent >= people and 2 * recent > total
    return Growth(fast=fast, recent_people=recent, people=total, days=days, on=on)


@dataclass
class MemoryIndex:
    """Band buckets in memory: what the database tables do, for evaluation files and benchmarks."""

    buckets: dict[int, list[int]] = field(default_factory=dict)
    texts: dict[int, np.ndarray] = field(default_factory=dict)

    def add(self, pk: int, values: np.ndarray) -> None:
        self.texts[pk] = values
        for key in band_keys(values):
            self.buckets.setdefault(key, []).append(pk)

    def candidates(
        self, values: np.ndarray, *, cap: int = CANDIDATES, keep: Callable[[int], bool] | None = None
    ) -> list[int]:
        """Ids sharing a bucket with ``values`` (``bucket_order``), at most ``cap``. As the app's query, a bucket
        is read up to one member past ``MAX_BUCKET`` (that much says it is boilerplate)."""
        shared: list[tuple[int, int]] = []
        for key in band_keys(values):
            kept = (pk for pk in self.buckets.get(key, ()) if keep is None or keep(pk))
            shared += [(key, pk) for pk in itertools.islice(kept, MAX_BUCKET + 1)]
        return bucket_order(shared)[:cap]

    def query(self, values: np.ndarray, *, limit: int = 10, exclude: Iterable[int] = (),
              keep: Callable[[int], bool] | None = None, ranker: Callable[..., Any] = rank,
              ) -> list[tuple[int, float]]:  # fmt: skip
        skip = set(exclude)
        found = [pk for pk in self.candidates(values, keep=keep) if pk not in skip]
        return ranker(values, [(pk, self.texts[pk]) for pk in found], limit=limit)
