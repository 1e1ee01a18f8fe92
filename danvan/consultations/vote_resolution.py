"""Consultations: the one rule for which votes count once statements are merged (pure: numpy, no Django).

A merged statement's votes count for the statement it was merged into (its *target*). One vote per
participant and target counts:

* the participant's own vote on the target, when there is one;
* else their EARLIEST vote (smallest row id) among the target's merged duplicates — what they said
  first, before the duplicates existed side by side.

Votes on statements that count for nothing (hidden, pending, merged into a hidden one) are dropped.
Everything that resolves votes — the opinion map (``selectors.maps.map_vote_matrix``), the participation
part's ``vote_rows`` and the stored per-statement totals' recount (``selectors.participation.
totals_recount``, the data migration ``0003``) — calls ``resolve`` below; nothing else writes the rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt

from danvan.consultations.enums import Moderation

Ints = npt.NDArray[np.int64]


def resolve(
    participants: Ints, statements: Ints, values: Ints, ids: Ints, targets: Mapping[int, int]
) -> tuple[Ints, Ints, Ints]:
    """(participant, target, value) arrays, one row per participant and target that counts, ordered by
    (target, participant). ``targets`` maps each statement whose votes count to its target (a published
    statement maps to itself); statements absent from it are dropped."""
    empty = np.zeros(0, np.int64)
    if len(statements) == 0 or not targets:
        return empty, empty.copy(), empty.copy()
    size = max(int(statements.max()), max(targets)) + 1
    lookup = np.full(size, -1, dtype=np.int64)
    for source, target in targets.items():
        lookup[source] = target
    counted_for = lookup[statements]
    keep = counted_for >= 0
    participants, counted_for, values, ids = participants[keep], counted_for[keep], values[keep], ids[keep]
    own = (counted_for == statements[keep]).astype(np.int64)
    # Sorted by target, participant, then the winner first: the own vote, else the smallest id.
    order = np.lexsort((ids, -own, participants, counted_for))
    p, t, v = participants[order], counted_for[order], values[order]
    if len(p) == 0:
        return p, t, v
    first = np.ones(len(p), dtype=bool)
    first[1:] = (p[1:] != p[:-1]) | (t[1:] != t[:-1])
    return p[first], t[first], v[first]


def totals(counted_for: Ints, values: Ints) -> dict[int, tuple[int, int, int]]:
    """Resolved votes (``resolve``'s targets and values) → {target: (agree, disagree, passed)}."""
    out: dict[int, tuple[int, int, int]] = {}
    if len(counted_for) == 0:
        return out
    for code, column in ((1, 0), (-1, 1), (0, 2)):
        chosen = counted_for[values == code]
        uniq, n = np.unique(chosen, return_counts=True)
        for target, count in zip(uniq.tolist(), n.tolist(), strict=True):
            row = list(out.get(target, (0, 0, 0)))
            row[column] = count
            out[target] = (row[0], row[1], row[2])
    return out


def targets_of(rows: Iterable[tuple[int, str, int | None]]) -> dict[int, int]:
    """(statement id, moderation status, merged_into id) of a consultation's statements → each statement
    whose votes count → its target: a published statement itself, a merged one the end of its
    ``merged_into`` chain when that end is published. Hidden, pending and merged-into-hidden are absent."""
    rows = list(rows)
    status = {pk: s for pk, s, _m in rows}
    into = {pk: m for pk, _s, m in rows}
    out: dict[int, int] = {}
    for pk, s, _m in rows:
        if s == Moderation.PUBLISHED:
            out[pk] = pk
            continue
        current, seen = pk, {pk}
        while status.get(current) == Moderation.MERGED and into.get(current) is not None:
            nxt = into[current]
            if nxt is None or nxt in seen:
                break
            seen.add(nxt)
            current = nxt
        if s == Moderation.MERGED and current != pk and status.get(current) == Moderation.PUBLISHED:
            out[pk] = current
    return out
