"""The "Dân vận khéo" rules (legal-spec §7), pure: the four fields, the lifecycle as a state machine, what
each stage requires, who may see a model publicly, the council's scorecard arithmetic and the text
similarity of models. No Django here; the services apply these rules once."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final


class DvkField(enum.StrEnum):
    """The four fields (lĩnh vực) of local guidance [S]."""

    KINH_TE = "kinh_te"
    VAN_HOA_XA_HOI = "van_hoa_xa_hoi"
    QUOC_PHONG_AN_NINH = "quoc_phong_an_ninh"
    XAY_DUNG_HTCT = "xay_dung_htct"


class Stage(enum.StrEnum):
    """§7's lifecycle (recommended there, not statutory)."""

    DRAFT = "draft"
    REGISTERED = "registered"
    LAUNCHED = "launched"
    IMPLEMENTING = "implementing"
    EVALUATED = "evaluated"
    RECOGNISED = "recognised"
    NOT_RECOGNISED = "not_recognised"
    COMMENDED = "commended"
    REPLICATED = "replicated"
    SUSTAINED = "sustained"
    ARCHIVED = "archived"


class Level(enum.StrEnum):
    """The level that recognises a model (xã, tỉnh, Trung ương)."""

    XA = "xa"
    TINH = "tinh"
    TW = "tw"


LEVEL_RANK: Final = {Level.XA: 1, Level.TINH: 2, Level.TW: 3}


class ExemplarKind(enum.StrEnum):
    PERSON = "person"
    COLLECTIVE = "collective"


class ExemplarStatus(enum.StrEnum):
    PROPOSED = "proposed"
    RECOGNISED = "recognised"
    NOT_RECOGNISED = "not_recognised"
    WITHDRAWN = "withdrawn"  # a recognition taken back, with its reason: no longer shown publicly


# Allowed moves. REPLICATED is reached when a first replication is registered from the model (the
# replication itself starts as a new model in DRAFT); a model may be archived from any working stage.
TRANSITIONS: Final[Mapping[Stage, frozenset[Stage]]] = {
    Stage.DRAFT: frozenset({Stage.REGISTERED, Stage.ARCHIVED}),
    Stage.REGISTERED: frozenset({Stage.LAUNCHED, Stage.ARCHIVED}),
    Stage.LAUNCHED: frozenset({Stage.IMPLEMENTING, Stage.ARCHIVED}),
    Stage.IMPLEMENTING: frozenset({Stage.EVALUATED, Stage.ARCHIVED}),
    Stage.EVALUATED: frozenset({Stage.RECOGNISED, Stage.NOT_RECOGNISED}),
    Stage.RECOGNISED: frozenset({Stage.COMMENDED, Stage.REPLICATED, Stage.SUSTAINED, Stage.ARCHIVED}),
    Stage.NOT_RECOGNISED: frozenset({Stage.ARCHIVED}),
    Stage.COMMENDED: frozenset({Stage.REPLICATED, Stage.SUSTAINED, Stage.ARCHIVED}),
    Stage.REPLICATED: frozenset({Stage.REPLICATED, Stage.SUSTAINED, Stage.ARCHIVED}),
    Stage.SUSTAINED: frozenset({Stage.REPLICATED, Stage.ARCHIVED}),
    Stage.ARCHIVED: frozenset(),
}

# Where a model may be replicated from: it has been recognised (the movement spreads what worked).
REPLICABLE: Final = frozenset({Stage.RECOGNISED, Stage.COMMENDED, Stage.REPLICATED, Stage.SUSTAINED})
# May be commended (through a commendation decision, the only way): recognised and still alive. Other wards
# often replicate a model before the level above commends it, so a replicated or sustained model may be
# commended too; only a RECOGNISED one then moves to COMMENDED (``commendation_moves_stage``), the others
# keep their later stage and carry the decision.
COMMENDABLE: Final = frozenset({Stage.RECOGNISED, Stage.REPLICATED, Stage.SUSTAINED})


def may_be_commended(stage: str, decision_number: str) -> bool:
    """A model not yet commended, at a stage that may be (``COMMENDABLE``)."""
    return not decision_number and Stage(stage) in COMMENDABLE


def commendation_moves_stage(stage: str) -> bool:
    return Stage(stage) == Stage.RECOGNISED


# Shown in the public gallery: recognised at a level and not archived (decided in docs/emulation/dvk.md).
PUBLIC_STAGES: Final = REPLICABLE
# Shown (name, unit, stage) as a node of the staff replication tree: launched and beyond, not archived. The
# public tree (and the gallery's "replicated n times") shows PUBLIC_STAGES only: a replication merely
# launched, or not recognised, is its unit's business.
TREE_STAGES: Final = frozenset(
    {Stage.LAUNCHED, Stage.IMPLEMENTING, Stage.EVALUATED, Stage.RECOGNISED, Stage.NOT_RECOGNISED} | REPLICABLE
)


def may_move(current: str, target: str) -> bool:
    return Stage(target) in TRANSITIONS[Stage(current)]


# The ten registration fields of §7 (Công văn 249/MTTQ-BTT, Thanh Khê 2026 [S]) plus the place, each
# named by the model's attribute; a model may leave the DRAFT stage only with all of them.
REGISTRATION_FIELDS: Final = (
    "name",  # (1)
    "situation",  # (2) current situation and reason
    "goals",  # (3) goals and evaluation criteria
    "content",  # (4) content and method
    "area",  # (5) area and target group
    "forces",  # (6) forces in charge, coordinating, participating, with their roles
    "resources",  # (7) money, facilities, working days, social contributions
    "start_on",  # (8) timeline: start, milestones, evaluation date
    "evaluation_on",
    "outputs",  # (9) verifiable outputs
    "sustainability",  # (10) sustainability and replicability
    "field",
    "place",
)

FORCE_ROLES: Final = ("in_charge", "coordinating", "participating")


def missing_for_registration(values: Mapping[str, object]) -> list[str]:
    """The registration fields that are empty (``forces`` must name one force in charge)."""
    missing = [name for name in REGISTRATION_FIELDS if not values.get(name)]
    forces = values.get("forces") or []
    if "forces" not in missing and not any(
        isinstance(f, Mapping) and f.get("role") == "in_charge" and f.get("name")
        for f in forces  # type: ignore[attr-defined]
    ):
        missing.append("forces")
    return missing


def timeline_problem(start_on: object, evaluation_on: object, milestones: Iterable[object]) -> bool:
    """True when the evaluation date is not after the start, or a milestone falls outside the two."""
    if start_on is None or evaluation_on is None:
        return False
    if evaluation_on <= start_on:  # type: ignore[operator]
        return True
    return any(not (start_on <= m <= evaluation_on) for m in milestones)  # type: ignore[operator]


def may_evaluate_on(today: object, evaluation_on: object) -> bool:
    """The council evaluates on or after the declared evaluation date (§7: "at the declared date")."""
    return evaluation_on is not None and today >= evaluation_on  # type: ignore[operator]


def may_recognise_at(level: str, authority: str) -> bool:
    """A body recognises at its own level or below (a ward cannot recognise at province level)."""
    return LEVEL_RANK[Level(level)] <= LEVEL_RANK[Level(authority)]


# ------------------------------------------------------------------ the council's arithmetic

SCORE_MAX: Final = 10  # each criterion is scored 0..10 by each evaluator
RESULT_PLACES: Final = Decimal("0.01")


def evaluator_score(weights: Mapping[str, Decimal], scores: Mapping[str, int]) -> Decimal:
    """One evaluator's weighted mean on 0..100 over the scorecard's criteria (all must be scored)."""
    total_weight = sum(weights.values(), Decimal(0))
    if total_weight <= 0:
        raise ValueError("the scorecard's weights must sum to more than zero")
    if set(scores) != set(weights):
        raise ValueError("every criterion must be scored, and only those")
    weighted = sum((weights[c] * Decimal(scores[c]) for c in weights), Decimal(0))
    return weighted * 100 / (total_weight * SCORE_MAX)


def council_score(weights: Mapping[str, Decimal], sheets: Sequence[Mapping[str, int]]) -> Decimal:
    """The model's score: the mean over evaluators of each one's weighted mean, on 0..100, rounded to 0.01
    once at the end (so the order of evaluators or criteria never changes it)."""
    if not sheets:
        raise ValueError("no evaluator has scored")
    total = sum((evaluator_score(weights, s) for s in sheets), Decimal(0))
    return (total / len(sheets)).quantize(RESULT_PLACES, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------ the scorecard's versions

SCORECARD_WEIGHT_TOTAL: Final = Decimal(100)  # the criteria's weights are percentages of the score
PASS_MARK_MAX: Final = Decimal(100)


class ScorecardProblem(enum.StrEnum):
    """What is wrong with a scorecard version (the service maps each to its refusal code)."""

    NO_CRITERIA = "no_criteria"
    CODES = "codes"  # a criterion without code or name, or two with the same code
    WEIGHTS = "weights"  # a weight not above zero, or weights not summing to 100
    PASS_MARK = "pass_mark"  # noqa: S105 (outside 0..100; not a password)
    MIN_EVALUATORS = "min_evaluators"  # fewer than one


def scorecard_problems(criteria: Sequence[tuple[str, str, Decimal]], pass_score: Decimal,
                       min_evaluators: int) -> list[ScorecardProblem]:  # fmt: skip
    """The problems of a scorecard version given its criteria as (code, name, weight), in a fixed order."""
    problems = []
    codes = [code.strip().lower() for code, _name, _weight in criteria]
    if not criteria:
        problems.append(ScorecardProblem.NO_CRITERIA)
    elif not all(codes) or len(set(codes)) != len(codes) or not all(name.strip() for _c, name, _w in criteria):
        problems.append(ScorecardProblem.CODES)
    weights = [weight for _code, _name, weight in criteria]
    if criteria and (any(w <= 0 for w in weights) or sum(weights, Decimal(0)) != SCORECARD_WEIGHT_TOTAL):
        problems.append(ScorecardProblem.WEIGHTS)
    if not (0 <= pass_score <= PASS_MARK_MAX):
        problems.append(ScorecardProblem.PASS_MARK)
    if min_evaluators < 1:
        problems.append(ScorecardProblem.MIN_EVALUATORS)
    return problems


def may_take_effect_on(valid_from: object, today: object, latest_in_force: object = None) -> bool:
    """A new version takes effect from today or a later day, never backdated (councils already convened
    keep the version they started with in any case), and not before the latest version already put in
    force takes effect: otherwise that older version would become current again on its own later date."""
    if valid_from is None or valid_from < today:  # type: ignore[operator]
        return False
    return latest_in_force is None or valid_from >= latest_in_force  # type: ignore[operator]


# ------------------------------------------------------------------ "models that solved a similar problem"

SIMILAR_MAX: Final = 5
SIMILAR_MIN_SCORE: Final = 0.05
SIMILAR_CORPUS_MAX: Final = 2000  # bounded: the gallery's public models, newest first


def similar(texts: Mapping[int, str], target: int, *, limit: int = SIMILAR_MAX) -> list[tuple[int, float]]:
    """The ``limit`` ids whose (already folded) text is nearest to ``target``'s by TF-IDF cosine over word
    uni- and bigrams, best first, above ``SIMILAR_MIN_SCORE``; ties by id."""
    if target not in texts or len(texts) < 2:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    ids = sorted(texts)
    try:
        matrix = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform([texts[i] for i in ids])
    except ValueError:  # every text empty: nothing to compare
        return []
    row = ids.index(target)
    scores = linear_kernel(matrix[row], matrix).ravel()
    ranked = sorted(
        ((ids[i], float(s)) for i, s in enumerate(scores) if i != row and s >= SIMILAR_MIN_SCORE),
        key=lambda pair: (-pair[1], pair[0]),
    )
    return ranked[:limit]
