"""Vote matrices with known answers, for the opinion map's tests, its benchmark and demo data (pure numpy).

``planted`` makes groups of people who vote alike: each group sits at a point of a circle of opinion and
leans on each ordinary statement by how the statement's direction lines up with it; besides those, a
few statements have a planted answer — every group agrees (``consensus-*``), the groups split evenly
(``divisive-*``), one group agrees and the others do not (``rep-<g>-*``). Each voter votes on a random
subset of the statements (the rest missing). ``random_votes`` has no structure at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Planted:
    votes: list[tuple[str, str, int]]
    truth: dict[str, int]  # voter id → planted group
    statements: tuple[str, ...]
    consensus: tuple[str, ...]
    divisive: tuple[str, ...]
    representative: dict[int, tuple[str, ...]]  # group → the statements only it agrees with


def _draw(rng: np.random.Generator, p_agree: NDArray[np.float64], p_pass: float) -> NDArray[np.int64]:
    """One vote per probability: agree with p_agree, pass with p_pass of the rest, else disagree."""
    u = rng.random(len(p_agree))
    w = rng.random(len(p_agree))
    out = np.where(u < p_agree, 1, np.where(w < p_pass, 0, -1))
    return out.astype(np.int64)


def planted(
    sizes: tuple[int, ...],
    *,
    statements: int = 40,
    votes_per_voter: tuple[int, int] | None = None,
    missing: float = 0.35,
    seed: int = 0,
    strength: float = 0.45,
    p_pass: float = 0.12,
    consensus: int = 2,
    divisive: int = 2,
    representative: int = 2,
    prefix: str = "người",
) -> Planted:
    """Groups of ``sizes`` people; each votes on ``votes_per_voter`` (a range) statements or, if not
    given, on ``1 − missing`` of them. Statement ids are Vietnamese strings (``ý-kiến-7``)."""
    rng = np.random.default_rng(seed)
    k = len(sizes)
    angles = 2 * np.pi * np.arange(k) / k + 0.3
    positions = np.stack([np.cos(angles), np.sin(angles)], axis=1)  # k × 2
    special_names: list[str] = [f"consensus-{i}" for i in range(consensus)]
    special_names += [f"divisive-{i}" for i in range(divisive)]
    special_names += [f"rep-{g}-{i}" for g in range(k) for i in range(representative)]
    n_ordinary = max(0, statements - len(special_names))
    names = tuple(special_names + [f"ý-kiến-{j}" for j in range(n_ordinary)])
    directions = rng.normal(size=(n_ordinary, 2))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    p = np.zeros((k, len(names)))
    column = 0
    for _ in range(consensus):
        p[:, column] = 0.92
        column += 1
    for _ in range(divisive):
        p[:, column] = np.where(np.arange(k) % 2 == 0, 0.95, 0.05)
        column += 1
    for g in range(k):
        for _ in range(representative):
            p[:, column] = 0.08
            p[g, column] = 0.95
            column += 1
    p[:, column:] = 0.5 + strength * (positions @ directions.T)
    n_statements = len(names)
    lo, hi = votes_per_voter or (
        max(1, round(n_statements * (1 - missing))),
        max(1, round(n_statements * (1 - missing))),
    )
    votes: list[tuple[str, str, int]] = []
    truth: dict[str, int] = {}
    voter = 0
    for g, size in enumerate(sizes):
        for _ in range(size):
            voter_id = f"{prefix}-{voter}"
            voter += 1
            truth[voter_id] = g
            m = int(rng.integers(lo, hi + 1))
            chosen = np.sort(rng.choice(n_statements, size=min(m, n_statements), replace=False))
            values = _draw(rng, p[g, chosen], p_pass)
            votes.extend((voter_id, names[j], int(v)) for j, v in zip(chosen, values, strict=True))
    order = rng.permutation(len(votes))  # votes arrive interleaved, as in life
    return Planted(
        votes=[votes[i] for i in order],
        truth=truth,
        statements=names,
        consensus=tuple(special_names[:consensus]),
        divisive=tuple(special_names[consensus : consensus + divisive]),
        representative={g: tuple(f"rep-{g}-{i}" for i in range(representative)) for g in range(k)},
    )


def random_votes(
    voters: int,
    statements: int,
    *,
    votes_per_voter: tuple[int, int] | None = None,
    missing: float = 0.35,
    seed: int = 0,
) -> list[tuple[str, str, int]]:
    """Votes with no structure: each vote agree, disagree or pass at random (45/45/10)."""
    rng = np.random.default_rng(seed)
    lo, hi = votes_per_voter or (max(1, round(statements * (1 - missing))),) * 2
    votes: list[tuple[str, str, int]] = []
    for i in range(voters):
        m = int(rng.integers(lo, hi + 1))
        chosen = rng.choice(statements, size=min(m, statements), replace=False)
        values = rng.choice(np.array([1, -1, 0]), size=len(chosen), p=[0.45, 0.45, 0.10])
        votes.extend((f"v{i}", f"s{j}", int(v)) for j, v in zip(chosen, values, strict=True))
    return votes
