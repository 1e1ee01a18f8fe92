"""The opinion map (issue 19 item 3): from a participants × statements vote matrix, groups of people who
vote alike, what sets each group apart, and the statements every group agrees on. Pure: numpy and
scikit-learn, no Django; ``services.maps`` feeds it a consultation's votes and stores the result, the
``danvan consultations map`` command feeds it a CSV.

The method is Pol.is's published one (see docs/consultations/map.md), checked against the ``red-dwarf``
package in the tests. The result types below are what the rest of the app reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

METHOD = "polis-1"  # stored with every map: a change of method changes this name


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
