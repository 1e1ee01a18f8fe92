"""Properties of the opinion map on any vote list (hypothesis): it never raises, never yields NaN, places
only voters it saw, keeps its shapes, and reads only each cell's last vote."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.consultations.opinion_map import compute, vote_matrix

VOTERS = st.sampled_from(["an", "bình", "chi", "dũng", "hà", "khánh", "lan", "minh", "ngọc", "phúc", "quân", "sơn"])
STATEMENTS = st.sampled_from(["điều-1", "điều-2", "khoản-3", "chương-II", "ý kiến 5", "6", "7", "8", "9"])
VOTE = st.tuples(VOTERS, STATEMENTS, st.sampled_from([1, 0, -1]))
VOTES = st.lists(VOTE, max_size=120)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def floats(value: object) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in floats(v)]
    if isinstance(value, list | tuple):
        return [f for v in value for f in floats(v)]
    return []


@SETTINGS
@given(VOTES, st.integers(min_value=1, max_value=9))
def test_shapes_and_no_nan(votes: list[tuple[str, str, int]], min_votes: int) -> None:
    result = compute(votes, min_votes=min_votes)
    data = result.to_json()
    json.dumps(data, allow_nan=False)
    assert all(math.isfinite(f) for f in floats(data))
    cells = {(v, s): x for v, s, x in votes}
    voters = {v for v, _ in cells}
    statements = {s for _, s in cells}
    placed = [p.voter for p in result.placements]
    assert len(placed) == len(set(placed)) and set(placed) <= voters
    assert (result.voters, result.votes, len(result.statements)) == (len(voters), len(cells), len(statements))
    assert {s.statement for s in result.statements} == statements
    assert len(result.groups) <= 5
    assert [g.id for g in result.groups] == list(range(len(result.groups)))
    assert sum(g.size for g in result.groups) == len(placed)
    assert all(0 <= p.group < len(result.groups) for p in result.placements)
    assert (result.silhouette is None) == (len(result.groups) < 2)
    for s in result.statements:
        assert len(s.group_agree) == len(result.groups)
        assert all(0 < a < 1 for a in s.group_agree)
        assert 0 <= s.divisiveness < 1 and 0 < s.consensus < 1
    assert set(result.consensus) <= statements and set(result.divisive) <= statements
    needed = min(min_votes, len(statements)) if statements else 0
    per_voter = {v: sum(1 for (w, _) in cells if w == v) for v in voters}
    assert set(placed) == {v for v, n in per_voter.items() if n >= max(needed, 1)}


@SETTINGS
@given(VOTES)
def test_only_each_cells_last_vote_counts(votes: list[tuple[str, str, int]]) -> None:
    last: dict[tuple[str, str], int] = {}
    for v, s, x in votes:
        last[(v, s)] = x
    m = vote_matrix(votes)
    read = {(m.voters[r], m.statements[c]): int(x) for r, c, x in zip(m.rows, m.cols, m.values, strict=True)}
    assert read == last
    result = compute(votes)
    for figures in result.statements:
        values = [x for (_, t), x in last.items() if t == figures.statement]
        assert (figures.agree, figures.disagree, figures.passed) == (values.count(1), values.count(-1), values.count(0))


@SETTINGS
@given(VOTES, VOTE)
def test_a_repeated_vote_replaces_the_first(votes: list[tuple[str, str, int]], again: tuple[str, str, int]) -> None:
    """Voting again on a cell at the end gives the same figures as if the first vote had been that one."""
    voter, statement, value = again
    changed = [(v, s, value if (v, s) == (voter, statement) else x) for v, s, x in votes]
    with_repeat = compute([*votes, again], seed=0)
    replaced = compute([*changed, again], seed=0)
    assert with_repeat.to_json() | {"seconds": 0} == replaced.to_json() | {"seconds": 0}
