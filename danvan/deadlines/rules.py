"""Time-limit rules as data: regimes, units, modifiers and the rule book. Pure: no ORM, no request.

A rule answers (procedure, step, regime, modifiers) → (period, unit, legal basis). The rows live in
the database (``models.DeadlineRule``, seeded from ``rules_seed``) so an operator can correct a
period marked [S] or [U] without a release; this module only knows their shape and how to pick one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from danvan.core.errors import DomainError


class Regime(StrEnum):
    """The legal regime in force on the date that starts the clock (spec §0.1)."""

    R2014 = "R2014"  # Luật KN 2011, Luật TC 2018, Luật TCD 2013; three tiers of local government
    R2025 = "R2025"  # two-tier local government; Luật 81/2025/QH15 and 84/2025/QH15, from 01/07/2025
    R2026 = "R2026"  # Luật 136/2025/QH15 and NĐ 154, 155, 156/2026/NĐ-CP, from 01/07/2026


REGIME_STARTS: dict[Regime, dt.date] = {
    Regime.R2014: dt.date.min,
    Regime.R2025: dt.date(2025, 7, 1),
    Regime.R2026: dt.date(2026, 7, 1),
}


def regime_on(day: dt.date) -> Regime:
    """The regime in force on ``day``: the latest one that had started by then."""
    in_force = [regime for regime, start in REGIME_STARTS.items() if start <= day]
    return max(in_force, key=lambda regime: REGIME_STARTS[regime])


class Unit(StrEnum):
    """How a period is counted. A bare "ngày" in a statute is a calendar day (spec §0.2)."""

    CALENDAR_DAY = "calendar_day"
    WORKING_DAY = "working_day"
    OCCURRENCE = "occurrence"  # "lần": a count (broadcasts, print issues), not a time


UNIT_VI = {Unit.CALENDAR_DAY: "ngày", Unit.WORKING_DAY: "ngày làm việc", Unit.OCCURRENCE: "lần"}
DAY_UNITS = frozenset({Unit.CALENDAR_DAY, Unit.WORKING_DAY})


class Kind(StrEnum):
    """What the period means."""

    WITHIN = "within"  # "trong thời hạn N ngày kể từ …": the latest day to act
    AT_LEAST = "at_least"  # "niêm yết ít nhất N ngày": the earliest day a duration may end
    BEFORE = "before"  # "ít nhất N ngày trước …": the latest day to act ahead of an event
    REQUIREMENT = "requirement"  # a duty without a date (a form, a number of broadcasts)


class Confidence(StrEnum):
    """The spec's marks: verified against the text, one secondary source, or unverified."""

    VERIFIED = "V"
    SECONDARY = "S"
    UNVERIFIED = "U"


class Condition(StrEnum):
    """When a rule row applies with respect to one yes/no modifier."""

    ANY = "any"
    YES = "yes"
    NO = "no"

    def matches(self, value: bool) -> bool:
        return self is Condition.ANY or (self is Condition.YES) == value


class Reading(StrEnum):
    """Which of two stored readings applies when the Law and its guidance count differently.

    Spec §0.2: where the Law says "ngày" and a decree or circular says "ngày làm việc", both are
    stored; the default is the stricter reading, the one that gives the earlier due date.
    """

    STRICTER = "stricter"
    PRIMARY = "primary"
    ALTERNATIVE = "alternative"


class TransferEffect(StrEnum):
    """What a transfer of the file to another body does to the clock of this step."""

    RESTART = "restart"  # counted anew from the day the competent body receives the file
    KEEP = "keep"  # the clock runs on as if nothing happened


class Complexity(StrEnum):
    """NĐ 31/2019/NĐ-CP, Điều 3: ordinary, complex, especially complex."""

    THUONG = "thuong"
    PHUC_TAP = "phuc_tap"
    DAC_BIET = "dac_biet"


COMPLEXITY_VI = {
    Complexity.THUONG: "vụ việc thông thường",
    Complexity.PHUC_TAP: "vụ việc phức tạp",
    Complexity.DAC_BIET: "vụ việc đặc biệt phức tạp",
}


class Criterion(StrEnum):
    """The complexity criteria of NĐ 31/2019/NĐ-CP, Điều 3 (points a to g; "đ" is spelled dd).

    From 01/07/2026 the same list applies to complaints too (NĐ 155/2026/NĐ-CP, Điều 3a) [S].
    """

    A = "a"
    B = "b"
    C = "c"
    D = "d"
    DD = "dd"
    E = "e"
    G = "g"


CRITERION_VI = {
    Criterion.A: "Một nội dung phải xác minh ở nhiều địa điểm",
    Criterion.B: "Nhiều nội dung phải xác minh",
    Criterion.C: "Nhiều người tố cáo, hoặc nội dung liên quan đến quyền lợi của nhiều người",
    Criterion.D: "Có yếu tố nước ngoài",
    Criterion.DD: "Liên quan đến trách nhiệm quản lý của nhiều cơ quan, tổ chức",
    Criterion.E: "Các cơ quan, tổ chức có liên quan còn ý kiến khác nhau",
    Criterion.G: "Tình tiết, chứng cứ mâu thuẫn, cần có thời gian giám định",
}


def complexity_from_criteria(criteria: Iterable[Criterion | str]) -> Complexity:
    """NĐ 31/2019/NĐ-CP, Điều 3: one criterion makes a case complex, two especially complex."""
    count = len({Criterion(item) for item in criteria})
    if count >= 2:
        return Complexity.DAC_BIET
    if count == 1:
        return Complexity.PHUC_TAP
    return Complexity.THUONG


@dataclass(frozen=True)
class Modifiers:
    """The facts of one case that change its period (spec §0.4)."""

    complexity: Complexity = Complexity.THUONG
    remote_area: bool = False  # vùng sâu, vùng xa đi lại khó khăn (complaints only)
    extensions: int = 0  # how many extensions have been decided so far

    def __post_init__(self) -> None:
        if self.extensions < 0:
            raise ValueError("extensions cannot be negative")

    @classmethod
    def from_criteria(
        cls, criteria: Iterable[Criterion | str], *, remote_area: bool = False, extensions: int = 0
    ) -> Modifiers:
        return cls(complexity_from_criteria(criteria), remote_area=remote_area, extensions=extensions)

    @property
    def is_complex(self) -> bool:
        return self.complexity is not Complexity.THUONG


@dataclass(frozen=True)
class Pause:
    """A suspension (tạm đình chỉ) and, once decided, its resumption (quyết định tiếp tục giải quyết).

    The suspension day is still counted; the clock starts again the day after the resumption
    decision, the way BLDS 2015, Điều 147 starts every period the day after its event. So the days
    in (suspended_on, resumed_on] are not counted (Luật Tố cáo 2018, Điều 34 khoản 2; for
    complaints NĐ 124/2020/NĐ-CP, Điều 28b, added by NĐ 155/2026/NĐ-CP [S]).
    """

    suspended_on: dt.date
    resumed_on: dt.date | None = None

    def __post_init__(self) -> None:
        if self.resumed_on is not None and self.resumed_on < self.suspended_on:
            raise ValueError("a suspension cannot end before it starts")


@dataclass(frozen=True)
class Rule:
    """One row of the rule table: a step of a procedure under one regime and set of conditions."""

    procedure: str
    step: str
    regime: Regime
    label: str
    kind: Kind
    period: int | None
    unit: Unit | None
    trigger: str
    legal_basis: str
    source: str
    confidence: Confidence
    complex_case: Condition = Condition.ANY
    remote_area: Condition = Condition.ANY
    alt_period: int | None = None
    alt_unit: Unit | None = None
    alt_legal_basis: str = ""
    alt_confidence: Confidence | None = None
    reading: Reading = Reading.STRICTER
    extension_period: int | None = None
    max_extensions_normal: int = 0
    max_extensions_complex: int = 0
    max_extensions_especially_complex: int = 0
    extension_legal_basis: str = ""
    on_transfer: TransferEffect = TransferEffect.KEEP
    warn_percent: int = 70
    statutory: bool = True
    effective_from: dt.date | None = None
    note: str = ""
    pk: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        problems = rule_problems(self)
        if problems:
            raise InvalidRule(f"{self.procedure}.{self.step} ({self.regime})", problems)

    @property
    def has_alternative(self) -> bool:
        return self.alt_period is not None

    @property
    def specificity(self) -> int:
        return (self.complex_case is not Condition.ANY) + (self.remote_area is not Condition.ANY)

    def applies_to(self, modifiers: Modifiers) -> bool:
        return self.complex_case.matches(modifiers.is_complex) and self.remote_area.matches(modifiers.remote_area)

    def max_extensions(self, complexity: Complexity) -> int:
        return {
            Complexity.THUONG: self.max_extensions_normal,
            Complexity.PHUC_TAP: self.max_extensions_complex,
            Complexity.DAC_BIET: self.max_extensions_especially_complex,
        }[complexity]


class InvalidRule(ValueError):
    """A rule row that does not hold together; ``problems`` are codes from ``RULE_PROBLEMS``."""

    def __init__(self, name: str, problems: list[str]) -> None:
        super().__init__(f"rule {name}: " + ", ".join(problems))
        self.problems = problems


# The codes ``rule_problems`` returns; ``services.RULE_PROBLEM_MESSAGES`` says each in words.
RULE_PROBLEMS = frozenset(
    {
        "requirement_with_days",
        "period_required",
        "unit_not_days",
        "negative_period",
        "alt_incomplete",
        "alt_on_requirement",
        "alt_unit_not_days",
        "alt_negative_period",
        "alt_basis_required",
        "no_alternative",
        "negative_extensions",
        "extension_period_required",
        "extension_not_within",
        "bad_warn_percent",
        "legal_basis_required",
    }
)


def rule_problems(rule: Rule) -> list[str]:
    """What is inconsistent in a rule row, as codes of ``RULE_PROBLEMS``; empty when it can be used."""
    problems: list[str] = []
    if rule.kind is Kind.REQUIREMENT:
        if rule.unit is not None and rule.unit in DAY_UNITS:
            problems.append("requirement_with_days")
    elif rule.period is None or rule.unit is None:
        problems.append("period_required")
    elif rule.unit not in DAY_UNITS:
        problems.append("unit_not_days")
    elif rule.period < 0:
        problems.append("negative_period")
    if (rule.alt_period is None) != (rule.alt_unit is None):
        problems.append("alt_incomplete")
    if rule.alt_period is not None:
        if rule.kind is Kind.REQUIREMENT:
            problems.append("alt_on_requirement")
        if rule.alt_unit not in DAY_UNITS:
            problems.append("alt_unit_not_days")
        if rule.alt_period < 0:
            problems.append("alt_negative_period")
        if not rule.alt_legal_basis.strip():
            problems.append("alt_basis_required")
    elif rule.reading is Reading.ALTERNATIVE:
        problems.append("no_alternative")
    allowed = (rule.max_extensions_normal, rule.max_extensions_complex, rule.max_extensions_especially_complex)
    if min(allowed) < 0:
        problems.append("negative_extensions")
    if any(allowed) and (rule.extension_period is None or rule.extension_period <= 0):
        problems.append("extension_period_required")
    if any(allowed) and rule.kind is not Kind.WITHIN:
        problems.append("extension_not_within")
    if not 1 <= rule.warn_percent <= 99:
        problems.append("bad_warn_percent")
    if not rule.legal_basis.strip():
        problems.append("legal_basis_required")
    return problems


class RuleNotFound(DomainError):
    """No rule row covers this procedure, step, regime and set of modifiers."""

    code = "rule_not_found"


class RuleBook:
    """The rule rows, indexed by (procedure, step, regime)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules = list(rules)
        self._index: dict[tuple[str, str, Regime], list[Rule]] = {}
        for rule in self._rules:
            self._index.setdefault((rule.procedure, rule.step, rule.regime), []).append(rule)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def procedures(self) -> list[str]:
        return sorted({rule.procedure for rule in self._rules})

    def steps(self, procedure: str) -> list[str]:
        seen: dict[str, None] = {}
        for rule in self._rules:
            if rule.procedure == procedure:
                seen.setdefault(rule.step)
        return list(seen)

    def candidates(self, procedure: str, step: str, regime: Regime) -> list[Rule]:
        return list(self._index.get((procedure, step, regime), []))

    def find(self, procedure: str, step: str, regime: Regime, modifiers: Modifiers) -> Rule:
        """The most specific row whose conditions hold; refuses ambiguous data rather than guess."""
        rows = self.candidates(procedure, step, regime)
        if not rows:
            if not any(rule.procedure == procedure and rule.step == step for rule in self._rules):
                raise RuleNotFound(f"unknown procedure step: {procedure}.{step}", code="unknown_step")
            raise RuleNotFound(f"no rule for {procedure}.{step} under regime {regime}", details={"regime": str(regime)})
        matching = [rule for rule in rows if rule.applies_to(modifiers)]
        if not matching:
            raise RuleNotFound(f"no rule for {procedure}.{step} ({regime}) matches these modifiers")
        best = max(rule.specificity for rule in matching)
        chosen = [rule for rule in matching if rule.specificity == best]
        if len(chosen) > 1:
            raise RuleNotFound(f"ambiguous rules for {procedure}.{step} ({regime})", code="ambiguous_rule")
        return chosen[0]
