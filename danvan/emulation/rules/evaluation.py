"""The yearly dân vận evaluation's arithmetic, pure (no Django): an indicator's points from its figure,
a unit's score from its indicators' points and weights, and the grade the score PROPOSES.

What is decided here, once:

* points: the thresholds are steps ``(at, points)``; an indicator where more is better earns the points of
  the highest step its figure reaches (``figure >= at``), one where less is better the points of the
  highest step it stays under (``figure <= at``); below every step, 0. Points lie in [0, 100].
* score: the weighted mean of the points of the indicators that were MEASURED. An indicator that was not
  measured (no data in the platform, or a provider not installed) leaves the weights altogether: it is
  never counted as zero. When the measured indicators carry less than ``min_measured_share`` of the total
  weight, there is no score and no proposed grade (too little is known to propose one).
* grade: the first grade (best first) whose minimum the score reaches; below every minimum, the last.
* the window: a year may be evaluated from the day its methodology opens it (month and day, data: by
  default 1 December, since units and cadres are evaluated in December, before the year ends) of that
  year on; before that day, only its figures to date are shown, provisionally, with no grade.

The grades are the four of NĐ 90/2020/NĐ-CP (legal-spec §6.3, marked [U]: the decree may have been
replaced, and no formula of it is encoded): what is computed is a PROPOSAL the evaluating committee
confirms or changes with a reason, never a verdict.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_POINTS = 100.0


class Direction(enum.StrEnum):
    HIGHER = "higher"  # more is better (a share of cases answered on time)
    LOWER = "lower"  # less is better (complaints about staff that were upheld)


class Grade(enum.StrEnum):
    """The four yearly grades (legal-spec §6.3 [U]), best first."""

    XUAT_SAC = "xuat_sac"  # Hoàn thành xuất sắc nhiệm vụ
    TOT = "tot"  # Hoàn thành tốt nhiệm vụ
    HOAN_THANH = "hoan_thanh"  # Hoàn thành nhiệm vụ
    KHONG_HOAN_THANH = "khong_hoan_thanh"  # Không hoàn thành nhiệm vụ


GRADE_ORDER: tuple[Grade, ...] = (Grade.XUAT_SAC, Grade.TOT, Grade.HOAN_THANH, Grade.KHONG_HOAN_THANH)


class EvaluationStatus(enum.StrEnum):
    PROPOSED = "proposed"  # computed, awaiting the committee; running again recomputes it
    CONFIRMED = "confirmed"  # the committee's grade: frozen
    SUPERSEDED = "superseded"  # a confirmed version the committee later changed (kept as history)


class MethodologyStatus(enum.StrEnum):
    DRAFT = "draft"  # being edited; not used to evaluate
    CONFIRMED = "confirmed"  # frozen; editing makes a new version


@dataclass(frozen=True)
class Figure:
    """What an indicator measured for one unit in one year. ``value`` is what the points read (a share in
    per cent, a count); ``numerator``/``denominator`` what it is made of; ``lower``/``upper`` its interval
    when it is an estimate (the satisfaction index); ``link`` the page listing what is behind it."""

    value: float
    numerator: int | None = None
    denominator: int | None = None
    lower: float | None = None
    upper: float | None = None
    link: str = ""
    note: str = ""


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    direction: Direction
    weight: float
    thresholds: tuple[tuple[float, float], ...]  # (at, points)


def validate_thresholds(thresholds: Sequence[Sequence[float]]) -> list[str]:
    """The problems of a list of steps (empty when sound): each a pair, points within [0, 100]."""
    problems = []
    if not thresholds:
        problems.append("no_steps")
    for step in thresholds:
        if len(step) != 2:
            problems.append("not_a_pair")
            continue
        if not 0 <= float(step[1]) <= MAX_POINTS:
            problems.append("points_out_of_range")
    return problems


def points(spec: IndicatorSpec, value: float) -> float:
    """The points ``value`` earns under ``spec``'s steps (see the module's docstring)."""
    if spec.direction == Direction.HIGHER:
        reached = [p for at, p in spec.thresholds if value >= at]
    else:
        reached = [p for at, p in spec.thresholds if value <= at]
    return max(0.0, min(MAX_POINTS, max(reached, default=0.0)))


@dataclass(frozen=True)
class Line:
    key: str
    weight: float
    points: float | None  # None: not measured


@dataclass(frozen=True)
class Score:
    score: float | None  # 0–100; None when too little was measured
    measured_weight: float
    total_weight: float
    lines: tuple[Line, ...] = field(default=())

    @property
    def measured_share(self) -> float:
        return self.measured_weight / self.total_weight if self.total_weight > 0 else 0.0


def score(specs: Sequence[IndicatorSpec], figures: Mapping[str, float | None], *, min_measured_share: float) -> Score:
    """The unit's score from its figures (``None``: not measured) under ``specs``."""
    lines = []
    measured_weight = total_weight = weighted = 0.0
    for spec in specs:
        weight = max(0.0, spec.weight)
        total_weight += weight
        value = figures.get(spec.key)
        if value is None:
            lines.append(Line(spec.key, weight, None))
            continue
        earned = points(spec, value)
        lines.append(Line(spec.key, weight, earned))
        measured_weight += weight
        weighted += weight * earned
    known = measured_weight > 0 and measured_weight >= min_measured_share * total_weight
    result = weighted / measured_weight if known else None
    return Score(result, measured_weight, total_weight, tuple(lines))


def grade_for(value: float | None, minimums: Mapping[str, float]) -> Grade | None:
    """The grade ``value`` proposes: the best whose minimum it reaches (``minimums``: grade → minimum
    score; a grade without one is never proposed except as the last); ``None`` without a score."""
    if value is None:
        return None
    for grade in GRADE_ORDER[:-1]:
        minimum = minimums.get(grade.value)
        if minimum is not None and value >= minimum:
            return grade
    return GRADE_ORDER[-1]


def opening_problems(month: object, day: object) -> list[str]:
    """The problems of an opening day (empty when sound): a month 1–12 and a day that exists in that month
    EVERY year (29 February is refused: the window would not open in three years of four)."""
    if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
        return ["bad_month"]
    if not isinstance(day, int) or isinstance(day, bool):
        return ["bad_day"]
    try:
        dt.date(2001, month, day)  # not a leap year
    except ValueError:
        return ["bad_day"]
    return []


def window_opens(year: int, *, month: int, day: int) -> dt.date:
    """The first day the evaluation of ``year`` may be run: that day of that year."""
    return dt.date(year, month, day)


def window_open(year: int, today: dt.date, *, month: int, day: int) -> bool:
    """May ``year`` be evaluated on ``today``? From its opening day on (a later year: not yet)."""
    return today >= window_opens(year, month=month, day=day)


def cut_off(year: int, today: dt.date) -> dt.date:
    """The day a year's figures are read up to: ``today`` while the year runs, its 31 December once it is
    over. Only what fell due by this day is in a denominator (a commitment due on 20 December is not a
    failure on 2 December); the evaluation stores it as ``measured_on``."""
    return min(today, dt.date(year, 12, 31))
