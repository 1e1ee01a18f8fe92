"""The opinion map (issue 19 item 3): from a participants × statements vote matrix, groups of people who
vote alike, what sets each group apart, and the statements every group agrees on. Pure: numpy, scipy and
scikit-learn, no Django; ``services.maps`` feeds it a consultation's votes and stores the result, the
``danvan consultations map`` command feeds it a CSV.

The method is Pol.is's published one (see docs/consultations/map.md), checked against the ``red-dwarf``
package in the tests (``tests/engine/test_conformance_reddwarf.py``):

1. the matrix: +1 agree, −1 disagree, 0 pass; a later vote of a voter on a statement replaces the earlier;
2. participants placed: those with at least ``min(min_votes, number of statements)`` votes (Pol.is: 7);
3. missing votes imputed by the statement's mean over the placed participants, then PCA to two
   components. Imputing by the column mean and then centring makes every missing cell exactly 0, so the
   centred matrix is as sparse as the votes: we take the PCA from ``CᵀC`` (statements × statements) of
   that sparse matrix — exact, deterministic, with no dense participants × statements copy;
4. each participant's projection scaled by ``sqrt(statements / their votes)`` (Pol.is), so people with
   few votes are not all bunched at the centre;
5. k-means for k = 2..5 (fixed seed, a few starts), k chosen by the silhouette (on a sample for speed);
6. **a deviation from Pol.is**: the best grouping is kept only when its silhouette reaches
   ``min_silhouette`` (default 0.5) — otherwise everyone is one group. Pol.is always shows 2+ groups,
   even on votes without structure; a random vote matrix gives silhouettes of about 0.33–0.41 here,
   planted groups 0.59–0.77 (the figures are in the tests and docs). ``min_silhouette=None`` is Pol.is;
7. per group and statement, Laplace-smoothed shares ``(n_agree + 1) / (n_votes + 2)``; representative
   statements by a two-proportion test of the group against everyone else placed (Pol.is's repness);
   group-informed consensus = the product over groups of each group's smoothed agreement;
   divisiveness = the gap between the most and the least agreeing group's smoothed agreement.

The result types below are what the rest of the app reads; ``MapResult.to_json()`` is what is stored.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

METHOD = "polis-1"  # stored with every map: a change of method changes this name

MIN_VOTES = 7  # Pol.is: a participant is placed after 7 votes (fewer when there are fewer statements)
MAX_GROUPS = 5
MIN_SILHOUETTE = 0.5  # below it, the data shows no groups (see the module's docstring, point 6)
SILHOUETTE_SAMPLE = 2000  # the silhouette is O(n²): estimated on a fixed-seed sample of this size
KMEANS_STARTS = 4
PICK_MAX = 5  # representative statements per group (Pol.is: 5)
Z_90 = 1.2815515655446004  # one-tailed 90 % (Pol.is's significance for representative statements)


@dataclass(frozen=True)
class Placement:
    """Where one participant sits on the chart and in which group (the voter's id as given)."""

    voter: str
    x: float
    y: float
    group: int


@dataclass(frozen=True)
class Representative:
    """A statement that sets a group apart: the group agrees (or disagrees) far more than the others."""

    statement: str
    direction: Literal["agree", "disagree"]
    group_share: float  # share of the group's votes on it in that direction (smoothed)
    rest_share: float  # the same share among everyone else
    z: float  # the two-proportion test's statistic


@dataclass(frozen=True)
class Group:
    id: int
    size: int
    representative: tuple[Representative, ...]


@dataclass(frozen=True)
class StatementFigures:
    statement: str
    agree: int
    disagree: int
    passed: int
    group_agree: tuple[float, ...]  # each group's Laplace-smoothed agreement, in group order
    consensus: float  # group-informed consensus: the product of the groups' agreement
    divisiveness: float  # how far apart the groups are on it (spread of group_agree)
    group_disagree: tuple[float, ...] = ()  # each group's Laplace-smoothed disagreement, in group order


@dataclass(frozen=True)
class MapResult:
    placements: tuple[Placement, ...]
    groups: tuple[Group, ...]
    statements: tuple[StatementFigures, ...]
    consensus: tuple[str, ...]  # statements with broad agreement across every group, best first
    divisive: tuple[str, ...]  # statements that split the groups most, first the most divisive
    silhouette: float | None  # of the chosen grouping (None with fewer than two groups)
    votes: int
    voters: int  # every voter seen (placements holds those with enough votes to place)
    seconds: float
    # The best silhouette found for any k in 2..5, kept or not: the "group separation" measure, reported
    # even when the map shows one group (a random matrix shows 0.33–0.41). None when k-means could not run.
    separation: float | None = None
    k_scores: tuple[tuple[int, float], ...] = ()  # (k, silhouette) for every k tried
    min_votes: int = 0  # the vote count a participant needed to be placed
    method: str = METHOD
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (lists, floats, strings) for a JSONField; ``from_json`` reads it back."""
        return {
            "method": self.method,
            "placements": [[p.voter, p.x, p.y, p.group] for p in self.placements],
            "groups": [
                {
                    "id": g.id,
                    "size": g.size,
                    "representative": [
                        {
                            "statement": r.statement,
                            "direction": r.direction,
                            "group_share": r.group_share,
                            "rest_share": r.rest_share,
                            "z": r.z,
                        }
                        for r in g.representative
                    ],
                }
                for g in self.groups
            ],
            "statements": [
                {
                    "statement": s.statement,
                    "agree": s.agree,
                    "disagree": s.disagree,
                    "passed": s.passed,
                    "group_agree": list(s.group_agree),
                    "group_disagree": list(s.group_disagree),
                    "consensus": s.consensus,
                    "divisiveness": s.divisiveness,
                }
                for s in self.statements
            ],
            "consensus": list(self.consensus),
            "divisive": list(self.divisive),
            "silhouette": self.silhouette,
            "separation": self.separation,
            "k_scores": [[k, s] for k, s in self.k_scores],
            "votes": self.votes,
            "voters": self.voters,
            "seconds": self.seconds,
            "min_votes": self.min_votes,
            "parameters": dict(self.parameters),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MapResult:
        return cls(
            placements=tuple(Placement(str(v), float(x), float(y), int(g)) for v, x, y, g in data["placements"]),
            groups=tuple(
                Group(
                    id=int(g["id"]),
                    size=int(g["size"]),
                    representative=tuple(
                        Representative(
                            statement=str(r["statement"]),
                            direction="agree" if r["direction"] == "agree" else "disagree",
                            group_share=float(r["group_share"]),
                            rest_share=float(r["rest_share"]),
                            z=float(r["z"]),
                        )
                        for r in g["representative"]
                    ),
                )
                for g in data["groups"]
            ),
            statements=tuple(
                StatementFigures(
                    statement=str(s["statement"]),
                    agree=int(s["agree"]),
                    disagree=int(s["disagree"]),
                    passed=int(s["passed"]),
                    group_agree=tuple(float(a) for a in s["group_agree"]),
                    consensus=float(s["consensus"]),
                    divisiveness=float(s["divisiveness"]),
                    group_disagree=tuple(float(a) for a in s.get("group_disagree", ())),
                )
                for s in data["statements"]
            ),
            consensus=tuple(str(s) for s in data["consensus"]),
            divisive=tuple(str(s) for s in data["divisive"]),
            silhouette=None if data.get("silhouette") is None else float(data["silhouette"]),
            votes=int(data["votes"]),
            voters=int(data["voters"]),
            seconds=float(data["seconds"]),
            separation=None if data.get("separation") is None else float(data["separation"]),
            k_scores=tuple((int(k), float(s)) for k, s in data.get("k_scores", ())),
            min_votes=int(data.get("min_votes", 0)),
            method=str(data.get("method", METHOD)),
            parameters=dict(data.get("parameters", {})),
        )


def load_libraries() -> None:
    """Import scikit-learn and scipy now (seconds on a busy machine), so a timed map does not count it."""
    import scipy.linalg
    import scipy.sparse  # noqa: F401
    import sklearn.cluster
    import sklearn.metrics  # noqa: F401
    import threadpoolctl  # noqa: F401


# The matrix ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteMatrix:
    """Votes as coordinates: ``rows[i]`` voted ``values[i]`` on ``cols[i]``, one vote per cell (the last)."""

    voters: tuple[str, ...]
    statements: tuple[str, ...]
    rows: NDArray[np.int64]
    cols: NDArray[np.int64]
    values: NDArray[np.int8]


def vote_matrix(votes: Iterable[tuple[str, str, int]]) -> VoteMatrix:
    """Index the voters and statements in order of first appearance; a later vote on a cell wins."""
    triples = votes if isinstance(votes, (list, tuple)) else list(votes)
    # C-speed passes only (map, itemgetter, dict.fromkeys; not zip(*votes), 4× slower): half a million
    # votes index in about 0.3 s of CPU.
    voters = tuple(map(str, map(itemgetter(0), triples)))
    statements = tuple(map(str, map(itemgetter(1), triples)))
    values_in = tuple(map(itemgetter(2), triples))
    voter_index = {v: i for i, v in enumerate(dict.fromkeys(voters))}
    statement_index = {s: i for i, s in enumerate(dict.fromkeys(statements))}
    rows = np.fromiter(map(voter_index.__getitem__, voters), dtype=np.int64, count=len(voters))
    cols = np.fromiter(map(statement_index.__getitem__, statements), dtype=np.int64, count=len(statements))
    v = np.asarray(values_in) if values_in else np.zeros(0, dtype=np.int64)
    kinds = set(map(type, values_in))
    if v.dtype.kind not in "iu" or not np.isin(v, (1, 0, -1)).all() or bool in kinds or np.bool_ in kinds:
        bad = next((x for x in values_in if type(x) is not int or x not in (1, 0, -1)), None)
        raise ValueError(f"a vote is 1, 0 or -1, not {bad!r}")
    v = v.astype(np.int64)
    return _last_per_cell(tuple(voter_index), tuple(statement_index), rows, cols, v)


def vote_matrix_from_arrays(voters: NDArray[Any], statements: NDArray[Any], values: NDArray[Any]) -> VoteMatrix:
    """The same from three parallel arrays in vote order (e.g. database ids from ``values_list``), without
    Python tuples: voters and statements indexed in sorted order of their ids (ids shown as ``str``)."""
    v = np.asarray(values)
    if v.dtype.kind not in "iu" or not np.isin(v, (1, 0, -1)).all():
        raise ValueError("a vote is 1, 0 or -1")
    voter_ids, rows = np.unique(np.asarray(voters), return_inverse=True)
    statement_ids, cols = np.unique(np.asarray(statements), return_inverse=True)
    return _last_per_cell(
        tuple(str(x) for x in voter_ids.tolist()),
        tuple(str(x) for x in statement_ids.tolist()),
        rows.astype(np.int64).ravel(),
        cols.astype(np.int64).ravel(),
        v.astype(np.int64),
    )


def _last_per_cell(
    voters: tuple[str, ...], statements: tuple[str, ...], r: NDArray[np.int64], c: NDArray[np.int64], v: NDArray[Any]
) -> VoteMatrix:
    if len(r):
        # The last vote per cell: unique over the reversed cell keys keeps each cell's first = latest vote.
        keys = r * max(1, len(statements)) + c
        _, first_in_reversed = np.unique(keys[::-1], return_index=True)
        last = len(keys) - 1 - first_in_reversed
        last.sort()
        r, c, v = r[last], c[last], v[last]
    return VoteMatrix(voters, statements, r, c, np.asarray(v, dtype=np.int8))


# PCA ----------------------------------------------------------------------------------------------


def project(m: VoteMatrix, placed: NDArray[np.bool_]) -> NDArray[np.float64]:
    """The placed participants' two-component PCA of the mean-imputed matrix, Pol.is-scaled (n_placed × 2).

    Exact without the dense matrix: after mean imputation and centring, a missing cell is 0 and a vote is
    ``v − mean``; the principal axes are the top eigenvectors of ``CᵀC`` (statements × statements)."""
    from scipy import linalg, sparse

    n_statements = len(m.statements)
    row_of = np.full(len(m.voters), -1, dtype=np.int64)
    row_of[placed] = np.arange(int(placed.sum()))
    keep = placed[m.rows]
    r, c = row_of[m.rows[keep]], m.cols[keep]
    v = m.values[keep].astype(np.float64)
    n = int(placed.sum())
    counts = np.bincount(c, minlength=n_statements)
    sums = np.bincount(c, weights=v, minlength=n_statements)
    means = np.divide(sums, counts, out=np.zeros(n_statements), where=counts > 0)
    centred = sparse.csr_matrix((v - means[c], (r, c)), shape=(n, n_statements))
    gram = (centred.T @ centred).toarray()
    wanted = min(2, n_statements)
    # Only the two largest eigenpairs (LAPACK's evr on a subset): a full eigh of 500 × 500 costs 10× more.
    _, eigenvectors = linalg.eigh(gram, subset_by_index=[n_statements - wanted, n_statements - 1], driver="evr")
    axes = eigenvectors[:, ::-1]
    # A fixed sign (sklearn's svd_flip): each axis's largest loading positive, so reruns agree.
    signs = np.sign(axes[np.argmax(np.abs(axes), axis=0), np.arange(axes.shape[1])])
    axes = axes * np.where(signs == 0, 1.0, signs)
    xy = np.asarray(centred @ axes)
    if xy.shape[1] < 2:
        xy = np.hstack([xy, np.zeros((n, 2 - xy.shape[1]))])
    votes_per = np.bincount(r, minlength=n).astype(np.float64)
    xy *= np.sqrt(n_statements / np.maximum(votes_per, 1.0))[:, None]
    xy[np.abs(xy) < 1e-12] = 0.0  # identical votes: rounding noise is not a position
    return np.asarray(xy, dtype=np.float64)


# Groups -------------------------------------------------------------------------------------------


def cluster(
    xy: NDArray[np.float64], *, seed: int, max_groups: int, starts: int, sample_size: int
) -> tuple[NDArray[np.int64] | None, float | None, tuple[tuple[int, float], ...]]:
    """k-means for k = 2..max_groups, the best by silhouette: (labels, silhouette, every k's silhouette).
    None when there are too few distinct points to compare two groupings."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = len(xy)
    distinct = len(np.unique(np.round(xy, 9), axis=0)) if n else 0
    top = min(max_groups, distinct, n - 1)
    if top < 2:
        return None, None, ()
    sample: NDArray[np.int64] | None = None
    if n > sample_size:
        sample = np.random.default_rng(seed).choice(n, size=sample_size, replace=False)
    best: tuple[float, int, NDArray[np.int64]] | None = None
    scores: list[tuple[int, float]] = []
    for k in range(2, top + 1):
        if sample is None:
            labels = KMeans(n_clusters=k, n_init=starts, random_state=seed).fit_predict(xy).astype(np.int64)
        else:
            # Large maps: the starts on the sample, then one Lloyd run over everyone from the best start's
            # centres — the same answer on separated groups at a fraction of the time.
            centres = KMeans(n_clusters=k, n_init=starts, random_state=seed).fit(xy[sample]).cluster_centers_
            labels = KMeans(n_clusters=k, init=centres, n_init=1).fit_predict(xy).astype(np.int64)
        points, lab = (xy, labels) if sample is None else (xy[sample], labels[sample])
        if len(np.unique(lab)) < 2 or len(np.unique(lab)) >= len(lab):
            continue
        score = float(silhouette_score(points, lab))
        if not math.isfinite(score):
            continue
        scores.append((k, round(score, 6)))
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels)
    if best is None:
        return None, None, tuple(scores)
    return best[2], best[0], tuple(scores)


def relabel(labels: NDArray[np.int64]) -> NDArray[np.int64]:
    """Groups numbered by size, largest first (ties by first member), so labels do not depend on k-means."""
    found = np.unique(labels)
    sizes = {int(g): int((labels == g).sum()) for g in found}
    first = {int(g): int(np.argmax(labels == g)) for g in found}
    order = sorted(sizes, key=lambda g: (-sizes[g], first[g]))
    mapping = np.zeros(int(found.max()) + 1, dtype=np.int64)
    for new, old in enumerate(order):
        mapping[old] = new
    return mapping[labels]


# Statements ---------------------------------------------------------------------------------------


def smoothed(successes: NDArray[Any], trials: NDArray[Any]) -> NDArray[np.float64]:
    """Laplace-smoothed share, Pol.is's ``(n + 1) / (N + 2)``: 0.5 with no votes, never 0 or 1."""
    return np.asarray((successes + 1.0) / (trials + 2.0), dtype=np.float64)


def two_proportion_z(
    s_in: NDArray[Any], n_in: NDArray[Any], s_out: NDArray[Any], n_out: NDArray[Any]
) -> NDArray[np.float64]:
    """The two-proportion z of the group's smoothed share against the rest's (positive: the group more)."""
    p_in, p_out = smoothed(s_in, n_in), smoothed(s_out, n_out)
    n1, n2 = n_in + 2.0, n_out + 2.0
    pooled = (s_in + s_out + 2.0) / (n1 + n2)
    denominator = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    return np.asarray(np.divide(p_in - p_out, denominator, out=np.zeros_like(p_in), where=denominator > 0))


def one_proportion_z(successes: NDArray[Any], trials: NDArray[Any]) -> NDArray[np.float64]:
    """Pol.is's test of a share above one half: ``2·sqrt(N+1)·((n+1)/(N+1) − 0.5)``."""
    n = trials + 1.0
    return np.asarray(2.0 * np.sqrt(n) * ((successes + 1.0) / n - 0.5), dtype=np.float64)


def representatives(
    g: int,
    agree: NDArray[np.float64],
    disagree: NDArray[np.float64],
    seen: NDArray[np.float64],
    statements: tuple[str, ...],
    pick_max: int,
) -> tuple[Representative, ...]:
    """Pol.is's repness: statements where the group agrees (disagrees) significantly more than the rest,
    ranked by ``ratio · z_ratio · share · z_share``; the single best by z when none is significant."""
    out_agree, out_disagree, out_seen = agree.sum(0) - agree[g], disagree.sum(0) - disagree[g], seen.sum(0) - seen[g]
    candidates: list[tuple[float, float, Representative]] = []
    for direction, s_in, s_out in (("agree", agree[g], out_agree), ("disagree", disagree[g], out_disagree)):
        p_in, p_out = smoothed(s_in, seen[g]), smoothed(s_out, out_seen)
        z = two_proportion_z(s_in, seen[g], s_out, out_seen)
        z_share = one_proportion_z(s_in, seen[g])
        metric = (p_in / p_out) * z * p_in * z_share
        for j in range(len(statements)):
            if seen[g, j] == 0:
                continue
            significant = z[j] > Z_90 and z_share[j] > Z_90
            representative = Representative(
                statement=statements[j],
                direction="agree" if direction == "agree" else "disagree",
                group_share=round(float(p_in[j]), 6),
                rest_share=round(float(p_out[j]), 6),
                z=round(float(z[j]), 6),
            )
            candidates.append((float(metric[j]) if significant else -math.inf, float(z[j]), representative))
    chosen = sorted((c for c in candidates if c[0] > -math.inf), key=lambda c: (-c[0], c[2].statement))
    picked: list[Representative] = []
    for _, _, r in chosen:
        if all(p.statement != r.statement for p in picked):
            picked.append(r)
        if len(picked) == pick_max:
            break
    if not picked and candidates:
        best = max(candidates, key=lambda c: (c[1], c[2].statement))
        if best[1] > 0:
            picked.append(best[2])
    return tuple(picked)


# The map ------------------------------------------------------------------------------------------


def compute(
    votes: Iterable[tuple[str, str, int]] | VoteMatrix,
    *,
    seed: int = 0,
    min_votes: int = MIN_VOTES,
    max_groups: int = MAX_GROUPS,
    min_silhouette: float | None = MIN_SILHOUETTE,
    kmeans_starts: int = KMEANS_STARTS,
    sample_size: int = SILHOUETTE_SAMPLE,
    pick_max: int = PICK_MAX,
    top: int = 10,
) -> MapResult:
    """The opinion map of ``votes`` — (voter id, statement id, 1 | 0 | −1), later votes replacing earlier —
    or of a ``VoteMatrix`` already built (``vote_matrix_from_arrays``: half the CPU time at 10k × 500).

    Never raises on odd input (no votes, one voter, one statement, identical votes): it then answers
    with 0 or 1 group and no silhouette. Raises ValueError only for a vote value outside {1, 0, −1}."""
    from threadpoolctl import threadpool_limits

    # One thread for BLAS and OpenMP: the work is small, and on a shared machine their spinning worker
    # threads made the same map 5× slower (2.5 s for a 500 × 500 eigh under a load of 3 on 2 CPUs).
    with threadpool_limits(limits=1):
        return _compute(
            votes, seed=seed, min_votes=min_votes, max_groups=max_groups, min_silhouette=min_silhouette,
            kmeans_starts=kmeans_starts, sample_size=sample_size, pick_max=pick_max, top=top,
        )  # fmt: skip


def _compute(
    votes: Iterable[tuple[str, str, int]] | VoteMatrix,
    *,
    seed: int,
    min_votes: int,
    max_groups: int,
    min_silhouette: float | None,
    kmeans_starts: int,
    sample_size: int,
    pick_max: int,
    top: int,
) -> MapResult:
    started = time.perf_counter()
    m = votes if isinstance(votes, VoteMatrix) else vote_matrix(votes)
    n_voters, n_statements = len(m.voters), len(m.statements)
    parameters = {
        "seed": seed, "min_votes": min_votes, "max_groups": max_groups, "min_silhouette": min_silhouette,
        "kmeans_starts": kmeans_starts, "sample_size": sample_size, "pick_max": pick_max, "top": top,
    }  # fmt: skip
    threshold = max(1, min(min_votes, n_statements))
    votes_per_voter = np.bincount(m.rows, minlength=n_voters)
    placed = votes_per_voter >= threshold if n_voters else np.zeros(0, dtype=bool)
    placed_ids = np.flatnonzero(placed)
    n_placed = len(placed_ids)

    xy = project(m, placed) if n_placed else np.zeros((0, 2))
    labels: NDArray[np.int64] | None = None
    silhouette: float | None = None
    separation: float | None = None
    k_scores: tuple[tuple[int, float], ...] = ()
    if n_placed >= 3:
        labels, separation, k_scores = cluster(
            xy, seed=seed, max_groups=max_groups, starts=kmeans_starts, sample_size=sample_size
        )
        if labels is not None and separation is not None:
            if min_silhouette is None or separation >= min_silhouette:
                silhouette = separation
                labels = relabel(labels)
            else:
                labels = None
    if labels is None:
        labels = np.zeros(n_placed, dtype=np.int64)
    n_groups = int(labels.max()) + 1 if n_placed else 0

    # Counts per statement: everyone's votes for the totals; placed participants' per group for the rest.
    agree_all = np.bincount(m.cols[m.values == 1], minlength=n_statements)
    disagree_all = np.bincount(m.cols[m.values == -1], minlength=n_statements)
    passed_all = np.bincount(m.cols[m.values == 0], minlength=n_statements)
    group_of = np.full(n_voters, -1, dtype=np.int64)
    group_of[placed_ids] = labels
    cell_group = group_of[m.rows] if len(m.rows) else np.zeros(0, dtype=np.int64)
    in_map = cell_group >= 0
    shape = (max(n_groups, 1), n_statements)
    flat = cell_group[in_map] * n_statements + m.cols[in_map]
    vals = m.values[in_map]
    size = shape[0] * shape[1]
    seen = np.bincount(flat, minlength=size).reshape(shape).astype(np.float64)
    agree = np.bincount(flat[vals == 1], minlength=size).reshape(shape).astype(np.float64)
    disagree = np.bincount(flat[vals == -1], minlength=size).reshape(shape).astype(np.float64)
    if n_groups == 0:  # nobody placed: the figures read every vote as one crowd
        seen = (agree_all + disagree_all + passed_all)[None, :].astype(np.float64)
        agree, disagree = agree_all[None, :].astype(np.float64), disagree_all[None, :].astype(np.float64)
    group_agree = smoothed(agree, seen)  # groups × statements
    group_disagree = smoothed(disagree, seen)
    consensus = np.prod(group_agree, axis=0) if n_statements else np.zeros(0)
    divisiveness = group_agree.max(axis=0) - group_agree.min(axis=0) if n_statements else np.zeros(0)

    statements = tuple(
        StatementFigures(
            statement=m.statements[j],
            agree=int(agree_all[j]),
            disagree=int(disagree_all[j]),
            passed=int(passed_all[j]),
            group_agree=tuple(round(float(a), 6) for a in group_agree[:n_groups, j]),
            consensus=round(float(consensus[j]), 6),
            divisiveness=round(float(divisiveness[j]), 6),
            group_disagree=tuple(round(float(a), 6) for a in group_disagree[:n_groups, j]),
        )
        for j in range(n_statements)
    )
    # Consensus: a majority of every group agrees (smoothed share above one half), best product first.
    voted = seen.sum(axis=0) > 0
    broad = [j for j in range(n_statements) if voted[j] and bool((group_agree[:, j] > 0.5).all())]
    consensus_ids = tuple(m.statements[j] for j in sorted(broad, key=lambda j: (-consensus[j], m.statements[j])))
    divisive_ids: tuple[str, ...] = ()
    if n_groups >= 2:
        split = [j for j in range(n_statements) if voted[j] and divisiveness[j] > 0]
        divisive_ids = tuple(m.statements[j] for j in sorted(split, key=lambda j: (-divisiveness[j], m.statements[j])))
    groups = tuple(
        Group(
            id=g,
            size=int((labels == g).sum()),
            representative=representatives(g, agree, disagree, seen, m.statements, pick_max) if n_groups >= 2 else (),
        )
        for g in range(n_groups)
    )
    placements = tuple(
        Placement(m.voters[i], round(float(xy[p, 0]), 6), round(float(xy[p, 1]), 6), int(labels[p]))
        for p, i in enumerate(placed_ids)
    )
    return MapResult(
        placements=placements,
        groups=groups,
        statements=statements,
        consensus=consensus_ids[:top],
        divisive=divisive_ids[:top],
        silhouette=None if silhouette is None else round(silhouette, 6),
        votes=len(m.rows),
        voters=n_voters,
        seconds=round(time.perf_counter() - started, 6),
        separation=None if separation is None else round(separation, 6),
        k_scores=k_scores,
        min_votes=threshold,
        parameters=parameters,
    )
