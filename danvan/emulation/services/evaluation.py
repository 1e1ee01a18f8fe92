"""Every change to the yearly dân vận evaluation: computing the proposals (a run), the committee's
confirmation or change, and the methodology's edits and confirmation. Keyword-only, one transaction,
permission first, then validation, then the write and its audit record.

What is frozen: a confirmed evaluation (a run leaves it alone; the committee's change makes a new
version, with its reason, and keeps the old one as SUPERSEDED) and a confirmed methodology (an edit makes
a new draft version)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.outbox import enqueue_atomically
from danvan.core.reference_data import require_reference_data_editor
from danvan.emulation import errors as codes
from danvan.emulation import permissions as ep
from danvan.emulation.models import EvaluationIndicator, EvaluationMethodology, UnitEvaluation
from danvan.emulation.rules import evaluation as rules
from danvan.emulation.selectors import evaluation as selectors
from danvan.emulation.selectors import evaluation_indicators as indicators
from danvan.org import permissions
from danvan.org.models import Organization

# A run for more units than this goes through the task queue, in batches of this size.
SYNC_LIMIT = 50


@dataclass(frozen=True)
class RunResult:
    computed: int = 0  # new or recomputed proposals
    frozen: int = 0  # confirmed evaluations left as they are
    queued: int = 0  # units sent to the task queue


def _check_run(user: Any, organizations: Sequence[Organization], year: int) -> EvaluationMethodology:
    for organization in organizations:
        permissions.require(user, ep.RUN_EVALUATION, organization)
    if not organizations:
        raise DomainError(_("Choose at least one unit to evaluate."), code=codes.NO_UNITS)
    methodology = selectors.methodology_for_year(year)
    if methodology is None:
        raise DomainError(_("No confirmed methodology applies to %(year)s.") % {"year": year},
                          code=codes.NO_METHODOLOGY)  # fmt: skip
    _check_open(year)
    return methodology


def _check_open(year: int) -> None:
    """A year is evaluated (run, confirmed) from its opening day on, as ``selectors.window`` decides it for the
    year (under the methodology that applies to the year now: the same answer as the dashboard's)."""
    window = selectors.window(year, clock.today())
    if not window.open:
        opens = window.opens_on.strftime("%d/%m/%Y") if window.opens_on else "—"
        raise DomainError(
            _("The evaluation of %(year)s opens on %(date)s; until then its figures to date are shown "
              "provisionally, without a grade.") % {"year": year, "date": opens},
            code=codes.NOT_OPEN,
        )  # fmt: skip


def _lines(methodology: EvaluationMethodology, measured: Mapping[str, Mapping[int, Any]], pk: int) -> tuple[
    list[dict[str, Any]], rules.Score
]:  # fmt: skip
    specs, values = [], {}
    lines = selectors.indicator_lines(methodology, measured, pk)
    for ind in methodology.indicators.all():
        spec = rules.IndicatorSpec(ind.key, rules.Direction(ind.direction), float(ind.weight),
                                   tuple((float(a), float(p)) for a, p in ind.thresholds))  # fmt: skip
        specs.append(spec)
        m = measured[ind.key][pk]
        values[ind.key] = m.figure.value if m.figure is not None else None
    result = rules.score(specs, values, min_measured_share=methodology.min_measured_share)
    for line, scored in zip(lines, result.lines, strict=True):
        line["points"] = scored.points
    return lines, result


@transaction.atomic
def evaluation_run(*, user: Any, organizations: Sequence[Organization], year: int) -> RunResult:
    """Compute (or recompute) the PROPOSED evaluation of each unit for ``year`` under the methodology in
    force. A confirmed evaluation is frozen: it is left as it is. Many units go to the task queue."""
    methodology = _check_run(user, organizations, year)
    if len(organizations) > SYNC_LIMIT:
        ids = [o.pk for o in organizations]
        from danvan.emulation.tasks_evaluation import evaluation_run_batch

        for start in range(0, len(ids), SYNC_LIMIT):
            enqueue_atomically(evaluation_run_batch, user.pk, ids[start : start + SYNC_LIMIT], year)
        audit_record(actor=user, action="emulation.evaluation_run_queued", object_type="emulation.unitevaluation",
                     after={"year": year, "organizations": ids})  # fmt: skip
        return RunResult(queued=len(ids))
    return _run(user, list(organizations), year, methodology)


def _run(user: Any, organizations: list[Organization], year: int, methodology: EvaluationMethodology) -> RunResult:
    ids = [o.pk for o in organizations]
    keys = [i.key for i in methodology.indicators.all()]
    as_of = rules.cut_off(year, clock.today())  # only what fell due by this day is counted; kept as measured_on
    measured = indicators.measure(keys, ids, year, as_of=as_of)
    # The units' rows locked first (in a fixed order): a unit's first proposal has no row to lock, so two
    # runs at once would both insert version 1 (a 500 on the unique constraint). The second run now waits,
    # then finds the first's proposal and recomputes it in place.
    list(Organization.objects.select_for_update().filter(pk__in=ids).order_by("pk").only("pk"))
    latest: dict[int, UnitEvaluation] = {}
    for e in UnitEvaluation.objects.select_for_update().filter(organization_id__in=ids, year=year).order_by("version"):
        latest[e.organization_id] = e
    computed = frozen = 0
    now = clock.now()
    for organization in organizations:
        current = latest.get(organization.pk)
        if current is not None and current.is_frozen:
            frozen += 1
            continue
        lines, result = _lines(methodology, measured, organization.pk)
        grade = rules.grade_for(result.score, methodology.grade_minimums)
        evaluation = current or UnitEvaluation(organization=organization, year=year, version=1)
        evaluation.methodology = methodology
        evaluation.score = None if result.score is None else round(result.score, 2)
        evaluation.measured_share = round(result.measured_share, 4)
        evaluation.proposed_grade = grade.value if grade else ""
        evaluation.lines = lines
        evaluation.computed_at, evaluation.measured_on = now, as_of
        evaluation.save()
        computed += 1
        audit_record(actor=user, action="emulation.evaluation_computed", obj=evaluation,
                     after={"year": year, "score": evaluation.score, "proposed_grade": evaluation.proposed_grade,
                            "methodology": methodology.pk, "measured_on": as_of.isoformat()})  # fmt: skip
    return RunResult(computed=computed, frozen=frozen)


def evaluation_run_batch(*, user: Any, organization_ids: list[int], year: int) -> RunResult:
    """A queued batch (``tasks_evaluation``): the same checks, then the same computation."""
    organizations = list(Organization.objects.filter(pk__in=organization_ids).order_by("path"))
    with transaction.atomic():
        methodology = _check_run(user, organizations, year)
        return _run(user, organizations, year, methodology)


@transaction.atomic
def evaluation_confirm(*, user: Any, evaluation: UnitEvaluation, grade: str, reason: str = "") -> UnitEvaluation:
    """The evaluating committee confirms the proposed grade, or gives another with its reason.

    On a proposal: it becomes CONFIRMED (a reason is required when the grade differs from the proposal, or
    when nothing was proposed). On a confirmed evaluation: a change makes a new CONFIRMED version with its
    reason (required) and the old one becomes SUPERSEDED. A superseded version cannot be touched. A top-level
    unit (no parent) is not confirmed on the platform at all (``selectors.evaluating_level``)."""
    level = selectors.evaluating_level(evaluation.organization)
    # Permission first: at the top of the tree the unit's own grant is what is asked, so that an outsider
    # is refused as forbidden and the unit's own officer learns why he may not confirm.
    permissions.require(user, ep.CONFIRM_EVALUATION, level or evaluation.organization)
    if level is None:
        raise DomainError(_("This unit has no level above it on the platform: its evaluation is confirmed by the "
                            "level above it, outside the platform."), code=codes.NO_EVALUATING_LEVEL)  # fmt: skip
    locked = UnitEvaluation.objects.select_for_update().select_related("methodology").get(pk=evaluation.pk)
    _check_open(locked.year)
    reason = reason.strip()
    if grade not in {g.value for g in rules.Grade}:
        raise DomainError(_("Choose one of the four grades."), code=codes.UNKNOWN_GRADE)
    if locked.status == rules.EvaluationStatus.SUPERSEDED:
        raise DomainError(_("This version has been replaced: open the unit's current evaluation."),
                          code=codes.NOT_CURRENT)  # fmt: skip
    now = clock.now()
    if locked.status == rules.EvaluationStatus.PROPOSED:
        if grade != locked.proposed_grade and not reason:
            raise DomainError(_("Write the reason for giving a grade other than the proposed one."),
                              code=codes.REASON_REQUIRED)  # fmt: skip
        before = {"status": locked.status, "grade": locked.grade}
        locked.status, locked.grade, locked.reason = rules.EvaluationStatus.CONFIRMED, grade, reason
        locked.confirmed_at, locked.confirmed_by = now, user
        locked.save()
        audit_record(actor=user, action="emulation.evaluation_confirmed", obj=locked, before=before,
                     after={"grade": grade, "proposed_grade": locked.proposed_grade}, reason=reason)  # fmt: skip
        return locked
    if grade == locked.grade:
        raise DomainError(_("The grade is already %(grade)s: choose another one to change it.") % {"grade": grade},
                          code=codes.NOTHING_CHANGED)  # fmt: skip
    if not reason:
        raise DomainError(_("Write the reason for changing a confirmed grade."), code=codes.REASON_REQUIRED)
    changed = UnitEvaluation.objects.create(
        organization=locked.organization, year=locked.year, version=locked.version + 1,
        methodology=locked.methodology, status=rules.EvaluationStatus.CONFIRMED, score=locked.score,
        measured_share=locked.measured_share, proposed_grade=locked.proposed_grade, grade=grade, reason=reason,
        lines=locked.lines, computed_at=locked.computed_at, measured_on=locked.measured_on, confirmed_at=now, confirmed_by=user, previous=locked,
    )  # fmt: skip
    locked.status = rules.EvaluationStatus.SUPERSEDED
    locked.save(update_fields=["status"])
    audit_record(actor=user, action="emulation.evaluation_changed", obj=changed,
                 before={"grade": locked.grade, "version": locked.version},
                 after={"grade": grade, "version": changed.version}, reason=reason)  # fmt: skip
    return changed


# The methodology --------------------------------------------------------------------------------------------


def _check_minimums(minimums: Mapping[str, Any]) -> dict[str, float]:
    try:
        values = {g: float(minimums[g]) for g in ("xuat_sac", "tot", "hoan_thanh")}
    except (KeyError, TypeError, ValueError) as exc:
        raise DomainError(_("Give the minimum score of the first three grades."),
                          code=codes.BAD_GRADE_MINIMUMS) from exc  # fmt: skip
    if not 100 >= values["xuat_sac"] >= values["tot"] >= values["hoan_thanh"] >= 0:
        raise DomainError(_("The minimum scores must go down from the best grade, between 0 and 100."),
                          code=codes.BAD_GRADE_MINIMUMS)  # fmt: skip
    return values


def _check_indicator(key: str, weight: Any, thresholds: Any) -> tuple[float, list[list[float]]]:
    try:
        w = float(weight)
    except (TypeError, ValueError):
        w = -1.0
    if w < 0:
        raise DomainError(_("The weight of %(key)s must be a number, 0 or more.") % {"key": key},
                          code=codes.BAD_WEIGHT)  # fmt: skip
    if not isinstance(thresholds, list) or rules.validate_thresholds(thresholds):
        raise DomainError(_("The steps of %(key)s must be pairs (figure, points) with points from 0 to 100.")
                          % {"key": key}, code=codes.BAD_THRESHOLDS)  # fmt: skip
    return w, sorted([float(a), float(p)] for a, p in thresholds)


def _check_opening(month: Any, day: Any) -> tuple[int, int]:
    if rules.opening_problems(month, day):
        raise DomainError(_("The evaluation's opening day must be a day of every year (month 1–12, a day of that "
                            "month; not 29 February)."), code=codes.BAD_OPENING)  # fmt: skip
    return month, day


@transaction.atomic
def methodology_edit(
    *,
    user: Any,
    methodology: EvaluationMethodology,
    indicators: Mapping[str, Mapping[str, Any]] | None = None,
    grade_minimums: Mapping[str, Any] | None = None,
    valid_from: Any = None,
    opens: tuple[Any, Any] | None = None,
    note: str = "",
) -> EvaluationMethodology:
    """Change weights, steps, grade minimums, the first year or the opening day (``opens``: (month, day)) of
    a methodology. A draft is changed in place; a confirmed version is frozen, so the change makes a new
    DRAFT version (to confirm before it is used). ``indicators``: {key: {"weight": …, "thresholds": [[at,
    points], …]}}."""
    require_reference_data_editor(user, ep.MANAGE_METHODOLOGY)
    # The methodology's versions locked first: a second edit of a confirmed version at the same moment
    # waits, then sees the draft the first made (refused below) instead of inserting the same version twice.
    list(EvaluationMethodology.objects.select_for_update().filter(code=methodology.code).order_by("pk").only("pk"))
    methodology = EvaluationMethodology.objects.get(pk=methodology.pk)
    known = {i.key: i for i in methodology.indicators.all()}
    checked = {}
    for key, change in (indicators or {}).items():
        if key not in known:
            raise DomainError(_("Unknown indicator: %(key)s.") % {"key": key}, code=codes.BAD_THRESHOLDS)
        checked[key] = _check_indicator(key, change.get("weight", known[key].weight),
                                        change.get("thresholds", known[key].thresholds))  # fmt: skip
    minimums = _check_minimums(grade_minimums) if grade_minimums is not None else methodology.grade_minimums
    opening = _check_opening(*opens) if opens is not None else (methodology.opens_month, methodology.opens_day)
    target = methodology
    if methodology.is_frozen:
        newest = EvaluationMethodology.objects.filter(code=methodology.code).order_by("-version").first()
        if newest is not None and newest.status == rules.MethodologyStatus.DRAFT:
            raise DomainError(_("A draft version %(version)s of this methodology already exists: edit that draft.")
                              % {"version": newest.version}, code=codes.METHODOLOGY_DRAFT_EXISTS)  # fmt: skip
        target = EvaluationMethodology.objects.create(
            code=methodology.code, version=(newest.version if newest else methodology.version) + 1,
            name=methodology.name, legal_basis=methodology.legal_basis, mark=methodology.mark,
            valid_from=methodology.valid_from, status=rules.MethodologyStatus.DRAFT,
            grade_minimums=methodology.grade_minimums, min_measured_share=methodology.min_measured_share,
            opens_month=methodology.opens_month, opens_day=methodology.opens_day, note=methodology.note,
            previous=methodology,
        )  # fmt: skip
        EvaluationIndicator.objects.bulk_create([
            EvaluationIndicator(methodology=target, key=i.key, label=i.label, direction=i.direction, weight=i.weight,
                                thresholds=i.thresholds, source=i.source, sort_order=i.sort_order)
            for i in known.values()
        ])  # fmt: skip
    target.grade_minimums = dict(minimums)
    target.opens_month, target.opens_day = opening
    if valid_from is not None:
        target.valid_from = valid_from
    if note:
        target.note = note
    target.save()
    for key, (weight, steps) in checked.items():
        EvaluationIndicator.objects.filter(methodology=target, key=key).update(weight=weight, thresholds=steps)
    audit_record(actor=user, action="emulation.methodology_edited", obj=target,
                 after={"version": target.version, "indicators": {k: list(v) for k, v in checked.items()},
                        "grade_minimums": target.grade_minimums,
                        "opens": f"{target.opens_day:02d}/{target.opens_month:02d}"})  # fmt: skip
    return target


@transaction.atomic
def methodology_confirm(*, user: Any, methodology: EvaluationMethodology) -> EvaluationMethodology:
    """Confirm a draft version: from then on it is frozen and applies to the years from ``valid_from``."""
    require_reference_data_editor(user, ep.MANAGE_METHODOLOGY)
    locked = EvaluationMethodology.objects.select_for_update().get(pk=methodology.pk)
    if locked.is_frozen:
        raise DomainError(_("This version is already confirmed; an edit makes a new version."),
                          code=codes.METHODOLOGY_FROZEN)  # fmt: skip
    _check_minimums(locked.grade_minimums)
    _check_opening(locked.opens_month, locked.opens_day)
    for ind in locked.indicators.all():
        _check_indicator(ind.key, ind.weight, ind.thresholds)
    locked.status, locked.confirmed_at, locked.confirmed_by = rules.MethodologyStatus.CONFIRMED, clock.now(), user
    locked.save()
    audit_record(actor=user, action="emulation.methodology_confirmed", obj=locked, after={"version": locked.version})
    return locked
