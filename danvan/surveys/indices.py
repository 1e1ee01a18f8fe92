"""Satisfaction indices: the formulas, as plain Python over answer counts (no Django).

The default methodology is the SIPAS one recalled in legal-spec §8.1 [U]: with "no opinion" left out,

    criterion index = 100 × (answers in the satisfied set) / (valid answers)
    factor index    = weighted mean of its criterion indices (equal weights by default)
    overall index   = weighted mean of the factor indices (equal weights by default)

Everything that could differ in QĐ 1001/QĐ-BNV — the satisfied set, the excluded values, the
weights, the minimum sample, the confidence level — is a field of a versioned ``Methodology`` row
and reaches this module as a ``Method``. Nothing here is a constant of the law.

Intervals. A criterion index is a proportion, so its 95% interval is the Wilson score interval. A
factor or overall index is a mean of proportions; its interval here is Wilson's applied to that
mean with n = the smallest number of valid answers among its parts. That is conservative (it never
claims more precision than the thinnest criterion gives) and it is stated on every screen that
shows one. A criterion with no valid answer is left out of its factor's mean, and the factor notes
how many of its criteria it rests on.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from statistics import NormalDist

from danvan.core import periods


@dataclass(frozen=True)
class Method:
    """The computational content of a methodology version."""

    satisfied: frozenset[int] = frozenset({4, 5})
    excluded: frozenset[int] = frozenset({0})
    min_sample: int = 30
    confidence: float = 0.95
    factor_weights: Mapping[str, float] = field(default_factory=dict)
    criterion_weights: Mapping[str, float] = field(default_factory=dict)

    @cached_property
    def z(self) -> float:
        # Asked for by every score of every scope: computed once per method, not each time.
        return NormalDist().inv_cdf(0.5 + self.confidence / 2)


@dataclass(frozen=True)
class CriterionCounts:
    """How many answers of each value one criterion received in one scope."""

    criterion: str
    factor: str | None  # None: a question outside the factors (the "overall" question of a case rating)
    counts: Mapping[int, int]


@dataclass(frozen=True)
class Score:
    index: float | None  # 0–100, None when nothing valid was answered
    lower: float | None
    upper: float | None
    n: int  # valid answers behind it (for a factor or overall: the smallest among its parts)

    def as_dict(self) -> dict[str, float | int | None]:
        return {"index": _round(self.index), "lower": _round(self.lower), "upper": _round(self.upper), "n": self.n}


@dataclass(frozen=True)
class IndexResult:
    respondents: int
    too_few: bool
    overall: Score
    factors: dict[str, Score]
    criteria: dict[str, Score]

    def public(self) -> IndexResult:
        """What may be published: nothing but the respondent count when the sample is too small."""
        if not self.too_few:
            return self
        empty = Score(None, None, None, 0)
        return IndexResult(self.respondents, True, empty, dict.fromkeys(self.factors, empty), {})


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def wilson(successes: float, n: int, z: float) -> tuple[float, float]:
    """The Wilson score interval of a proportion, in percent. ``successes`` may be fractional."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    lower = 0.0 if p <= 0 else max(0.0, min(100 * p, 100 * (centre - half)))  # rounding must not cross the index
    upper = 100.0 if p >= 1 else min(100.0, max(100 * p, 100 * (centre + half)))
    return lower, upper


def criterion_score(counts: Mapping[int, int], method: Method) -> Score:
    valid = sum(c for v, c in counts.items() if v not in method.excluded)
    if valid == 0:
        return Score(None, None, None, 0)
    satisfied = sum(c for v, c in counts.items() if v in method.satisfied and v not in method.excluded)
    lower, upper = wilson(satisfied, valid, method.z)
    return Score(100 * satisfied / valid, lower, upper, valid)


def _weighted_mean(parts: Sequence[tuple[Score, float]], method: Method) -> Score:
    scored = [(s, w) for s, w in parts if s.index is not None and w > 0]
    if not scored:
        return Score(None, None, None, 0)
    total_weight = sum(w for _, w in scored)
    index = sum((s.index or 0.0) * w for s, w in scored) / total_weight
    n = min(s.n for s, _ in scored)
    lower, upper = wilson(index / 100 * n, n, method.z)
    return Score(index, lower, upper, n)


def compute(rows: Iterable[CriterionCounts], respondents: int, method: Method) -> IndexResult:
    """The criterion, factor and overall indices of one scope (one body, place or service, one period)."""
    criteria: dict[str, Score] = {}
    by_factor: dict[str, list[tuple[Score, float]]] = {}
    for row in rows:
        score = criterion_score(row.counts, method)
        criteria[row.criterion] = score
        if row.factor is not None:
            weight = method.criterion_weights.get(row.criterion, 1.0)
            by_factor.setdefault(row.factor, []).append((score, weight))
    factors = {code: _weighted_mean(parts, method) for code, parts in sorted(by_factor.items())}
    overall = _weighted_mean([(s, method.factor_weights.get(code, 1.0)) for code, s in factors.items()], method)
    return IndexResult(respondents, respondents < method.min_sample, overall, factors, criteria)


# Rankings -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranked:
    key: str
    rank: int  # competition ranking on the index rounded to one decimal: ties share a rank (1, 2, 2, 4)
    best: int  # the best rank the intervals allow: 1 + bodies whose interval lies wholly above
    worst: int  # the worst rank they allow: 1 + bodies whose interval is not wholly below


def rank(entries: Sequence[tuple[str, float, float, float]]) -> list[Ranked]:
    """Rank ``(key, index, lower, upper)`` entries, best first, saying how certain each place is.

    Two bodies whose intervals overlap cannot honestly be told apart, so each body carries the range
    of ranks its interval allows; a screen shows "3 (1–7)" rather than pretending to a strict order.
    """
    ordered = sorted(entries, key=lambda e: (-round(e[1], 1), e[0]))
    # Counting over sorted bounds keeps a national ranking (thousands of bodies) at n log n: the
    # pairwise comparison it replaces took seconds at 5,000 bodies (benchmarks/surveys_indices.py).
    lowers = sorted(lo for _, _, lo, _ in ordered)
    uppers = sorted(hi for _, _, _, hi in ordered)
    same_key: dict[str, list[tuple[float, float]]] = {}
    for key, _, lo, hi in ordered:
        same_key.setdefault(key, []).append((lo, hi))
    result: list[Ranked] = []
    tie_rank, previous = 1, None
    for position, (key, index, lower, upper) in enumerate(ordered):
        shown = round(index, 1)
        if previous is None or shown != previous:  # ties share the rank of the first of them
            tie_rank, previous = position + 1, shown
        mine = same_key[key]  # an entry is never compared with itself (nor with one of the same key)
        surely_better = len(lowers) - bisect.bisect_right(lowers, upper) - sum(1 for lo, _ in mine if lo > upper)
        not_surely_worse = len(uppers) - bisect.bisect_left(uppers, lower) - sum(1 for _, hi in mine if hi >= lower)
        result.append(Ranked(key, tie_rank, 1 + surely_better, 1 + not_surely_worse))
    return result


# Periods ------------------------------------------------------------------------------------------
# The periods themselves are ``core.periods``; these take and give plain (kind, first day) pairs, as the
# snapshots store them.


def period_start(kind: str, day: dt.date) -> dt.date:
    return periods.start_of(kind, day)


def period_end(kind: str, start: dt.date) -> dt.date:
    """The last day of the period that holds ``start``."""
    return periods.Period.holding(kind, start).end


def period_label(kind: str, start: dt.date) -> str:
    return periods.Period.holding(kind, start).label


def periods_between(kind: str, first: dt.date, last: dt.date) -> list[dt.date]:
    """Start dates of every period of ``kind`` from the one holding ``first`` to the one holding ``last``."""
    return [period.start for period in periods.between(kind, first, last)]
