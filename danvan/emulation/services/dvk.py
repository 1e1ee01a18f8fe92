"""Every change to the "Dân vận khéo" models and exemplars (legal-spec §7): one keyword-only function per
step of the lifecycle, in one transaction, permission first, then the rule (``rules.dvk``) with its code,
then the write and its audit record. A refusal stores nothing.

Rules kept here, once:
- a model leaves DRAFT only with the ten registration fields, its field and its place
  (``DVK_MISSING_FIELDS``), and an evaluation date after the start (``DVK_BAD_TIMELINE``);
- every step is a move of ``rules.dvk.TRANSITIONS`` (``DVK_BAD_MOVE``);
- the council: seats are given by whoever recognises for the model's unit, never to a person holding a
  role in the model's own administrative unit (``DVK_OWN_UNIT_SCORER``); scores on or after the declared
  evaluation date (``DVK_TOO_EARLY``); concluded once with at least the scorecard's evaluators, and then
  frozen (``DVK_COUNCIL_FROZEN``); the score is ``rules.dvk.council_score``;
- recognition at the recogniser's level or below (``DVK_LEVEL_ABOVE_AUTHORITY``), with a score at or
  above the scorecard's pass mark (``DVK_BELOW_PASS``);
- a model is commended only by a decided commendation proposal (``dvk_model_commend_by_decision``);
- a replication is a new model of the replicating unit with ``replicated_from`` (the spread is a tree).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.reference_data import require_reference_data_editor
from danvan.core.text import fold, normalize_spaces
from danvan.emulation import errors
from danvan.emulation import permissions as emu_permissions
from danvan.emulation.models import (
    CommendationProposal,
    DvkCriterion,
    DvkEvaluator,
    DvkExemplar,
    DvkIndicator,
    DvkMeasurement,
    DvkModel,
    DvkPhoto,
    DvkProgressReport,
    DvkScore,
    DvkScorecard,
)
from danvan.emulation.rules import commendation as commendation_rules
from danvan.emulation.rules import dvk as rules
from danvan.emulation.selectors import dvk as selectors
from danvan.files import checks
from danvan.org import permissions
from danvan.org.choices import UnitLevel
from danvan.org.models import AdministrativeUnit, Organization

MAX_PHOTOS: Final = 10  # per progress report

# What each registration field is called in a refusal's details (the form shows them beside each field).
_FIELD_LABELS: Final = {
    "name": "(1)", "situation": "(2)", "goals": "(3)", "content": "(4)", "area": "(5)", "forces": "(6)",
    "resources": "(7)", "start_on": "(8)", "evaluation_on": "(8)", "outputs": "(9)", "sustainability": "(10)",
    "field": "", "place": "",
}  # fmt: skip

TEXT_FIELDS: Final = ("name", "situation", "goals", "content", "area", "facilities", "social_contributions",
                      "outputs", "sustainability")  # fmt: skip


@dataclass
class DvkInput:
    """The registration form (§7's ten fields); what a DRAFT may leave empty."""

    name: str
    field: str = ""
    situation: str = ""
    goals: str = ""
    content: str = ""
    area: str = ""
    forces: list[dict[str, str]] = dataclasses.field(default_factory=list)
    money_vnd: int | None = None
    facilities: str = ""
    working_days: int | None = None
    social_contributions: str = ""
    start_on: dt.date | None = None
    milestones: list[dict[str, str]] = dataclasses.field(default_factory=list)
    evaluation_on: dt.date | None = None
    outputs: str = ""
    sustainability: str = ""
    place: AdministrativeUnit | None = None
    participants_people: int | None = None
    participants_households: int | None = None


def _refuse(message: str, code: str, **details: Any) -> DomainError:
    return DomainError(message, code=code, details=details or None)


def _lock(obj: DvkModel | DvkExemplar) -> None:
    """Re-read the row under a lock (in the caller's transaction) so every check runs on what is stored now:
    two steps on one model (score and conclude, recognise and not recognise) happen one after the other."""
    rows: Any = type(obj)._default_manager.select_for_update()
    obj.refresh_from_db(from_queryset=rows)


def _move(model: DvkModel, target: rules.Stage) -> str:
    if not rules.may_move(model.stage, target):
        raise _refuse(
            _("This step is not allowed for a model at the stage “%(stage)s”.") % {"stage": model.get_stage_display()},
            errors.DVK_BAD_MOVE, stage=model.stage, target=str(target),
        )  # fmt: skip
    before = model.stage
    model.stage = target
    return before


def _search_text(model: DvkModel) -> str:
    parts = [model.name, model.situation, model.goals, model.content, model.area, model.outputs,
             model.organization.name if model.organization_id else "", model.place.name if model.place else ""]  # fmt: skip
    return fold(" ".join(p for p in parts if p))


def _registration_values(model: DvkModel) -> dict[str, Any]:
    values = {name: getattr(model, name, None) for name in rules.REGISTRATION_FIELDS}
    values["place"] = model.place_id
    values["resources"] = bool(model.money_vnd or model.working_days or model.facilities or model.social_contributions)
    return values


def _milestone_dates(milestones: list[dict[str, str]]) -> list[dt.date]:
    dates = []
    for m in milestones:
        try:
            dates.append(dt.date.fromisoformat(str(m.get("on", ""))))
        except ValueError:
            raise _refuse(_("A milestone needs a date (YYYY-MM-DD)."), errors.DVK_BAD_TIMELINE) from None
    return dates


def _check_input(organization: Organization, data: DvkInput) -> None:
    if data.field and data.field not in set(rules.DvkField):
        raise _refuse(_("Choose one of the four fields."), errors.DVK_BAD_FIELD, field=data.field)
    for force in data.forces:
        if force.get("role") not in rules.FORCE_ROLES or not str(force.get("name", "")).strip():
            raise _refuse(_("Each force needs its name and role (in charge, coordinating or participating)."),
                          errors.DVK_MISSING_FIELDS, missing=["forces"])  # fmt: skip
    if data.place is not None and data.place.province_id != organization.unit.province_id:
        raise _refuse(_("The place must be in the unit's province."), errors.DVK_BAD_UNIT)
    if rules.timeline_problem(data.start_on, data.evaluation_on, _milestone_dates(data.milestones)):
        raise _refuse(_("The evaluation date must come after the start, and every milestone between the two."),
                      errors.DVK_BAD_TIMELINE)  # fmt: skip


@transaction.atomic
def dvk_model_save(
    *, actor: Any, organization: Organization, data: DvkInput, model: DvkModel | None = None, register: bool = False
) -> DvkModel:
    """Create a DRAFT model for ``organization`` (the actor manages it), or change a model before its launch;
    with ``register`` a draft is registered in the same transaction (an incomplete one stores nothing)."""
    if model is not None:
        permissions.require(actor, emu_permissions.DVK_MANAGE, model)
        _lock(model)
        organization = model.organization
        if model.stage not in {rules.Stage.DRAFT, rules.Stage.REGISTERED}:
            raise _refuse(_("A model can be changed only before its launch."), errors.DVK_BAD_MOVE, stage=model.stage)
    else:
        permissions.require(actor, emu_permissions.DVK_MANAGE, organization)
    _check_input(organization, data)
    if not data.name.strip():
        raise _refuse(_("Give the model a name."), errors.DVK_MISSING_FIELDS, missing=["name"])
    target = model or DvkModel(organization=organization, created_by=actor)
    for name, value in data.__dict__.items():
        setattr(target, name, normalize_spaces(value) if name in {"name"} else value)
    for name in TEXT_FIELDS:
        setattr(target, name, str(getattr(target, name) or "").strip())
    if target.stage == rules.Stage.REGISTERED:
        # A registered model keeps its ten fields: a change may not empty one.
        missing = rules.missing_for_registration(_registration_values(target))
        if missing:
            raise _refuse(_("A registered model must keep every registration field."), errors.DVK_MISSING_FIELDS,
                          missing=missing)  # fmt: skip
    target.search_text = _search_text(target)
    target.updated_at = clock.now()
    created = target.pk is None
    target.save()
    audit_record(actor=actor, action="emulation.dvk_model_created" if created else "emulation.dvk_model_changed",
                 obj=target, after={"name": target.name, "stage": target.stage})  # fmt: skip
    if register and target.stage == rules.Stage.DRAFT:
        dvk_model_register(actor=actor, model=target)
    return target


@transaction.atomic
def dvk_model_register(*, actor: Any, model: DvkModel) -> DvkModel:
    """DRAFT → REGISTERED: every registration field of §7 must be there."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, model)
    _lock(model)
    missing = rules.missing_for_registration(_registration_values(model))
    if missing:
        labels = ", ".join(sorted({_FIELD_LABELS.get(m, m) or m for m in missing}))
        raise _refuse(_("The registration is incomplete (§7, fields %(fields)s).") % {"fields": labels},
                      errors.DVK_MISSING_FIELDS, missing=missing)  # fmt: skip
    before = _move(model, rules.Stage.REGISTERED)
    model.registered_at = clock.now()
    model.save(update_fields=["stage", "registered_at", "updated_at"])
    audit_record(actor=actor, action="emulation.dvk_model_registered", obj=model,
                 before={"stage": before}, after={"stage": model.stage})  # fmt: skip
    return model


@transaction.atomic
def dvk_model_launch(*, actor: Any, model: DvkModel, launched_on: dt.date, commitments: str = "") -> DvkModel:
    """REGISTERED → LAUNCHED (ra mắt), with the commitments made at the launch."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, model)
    _lock(model)
    if launched_on > clock.today():
        raise _refuse(_("The launch cannot be dated in the future."), errors.DVK_BAD_TIMELINE)
    before = _move(model, rules.Stage.LAUNCHED)
    model.launched_on, model.launch_commitments = launched_on, commitments.strip()
    model.save(update_fields=["stage", "launched_on", "launch_commitments", "updated_at"])
    audit_record(actor=actor, action="emulation.dvk_model_launched", obj=model, before={"stage": before},
                 after={"stage": model.stage, "launched_on": launched_on})  # fmt: skip
    return model


@transaction.atomic
def dvk_indicator_add(*, actor: Any, model: DvkModel, name: str, unit: str, baseline: Decimal, target: Decimal,
                      higher_is_better: bool = True) -> DvkIndicator:  # fmt: skip
    """A before/after indicator (its baseline is the "before"); added until the council concludes."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, model)
    _lock(model)
    if model.council_concluded_at or model.stage == rules.Stage.ARCHIVED:
        raise _refuse(_("The council has concluded: the indicators are frozen."), errors.DVK_COUNCIL_FROZEN)
    if not name.strip() or not unit.strip():
        raise _refuse(_("An indicator needs its name and unit of measure."), errors.DVK_BAD_INDICATOR)
    indicator = DvkIndicator.objects.create(model=model, name=name.strip()[:200], unit=unit.strip()[:40],
                                            baseline=baseline, target=target, higher_is_better=higher_is_better)  # fmt: skip
    audit_record(actor=actor, action="emulation.dvk_indicator_added", obj=model,
                 after={"indicator": indicator.name, "baseline": baseline, "target": target})  # fmt: skip
    return indicator


def _clean_photos(photos: list[tuple[str, bytes]]) -> list[checks.CleanUpload]:
    if len(photos) > MAX_PHOTOS:
        raise _refuse(_("At most %(n)s photos per report.") % {"n": MAX_PHOTOS}, errors.DVK_TOO_MANY_PHOTOS)
    checks.pixels_check(photos)
    cleaned = [checks.inspect_upload(name, data) for name, data in photos]
    for clean in cleaned:
        if not clean.content_type.startswith("image/"):
            raise checks.UploadRejected(_("Only photos (JPEG, PNG, WebP) are accepted here."), code="unsupported_type")
    return cleaned


@transaction.atomic
def dvk_progress_report(*, actor: Any, model: DvkModel, text: str, reported_on: dt.date | None = None,
                        photos: list[tuple[str, bytes]] | None = None,
                        measurements: dict[int, Decimal] | None = None) -> DvkProgressReport:  # fmt: skip
    """A progress report (LAUNCHED → IMPLEMENTING on the first): text, photos checked by ``files.checks``
    (refused with their code: ``too_large``, ``unsupported_type`` …) and measurements of the model's
    own indicators."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, model)
    _lock(model)
    if model.stage not in {rules.Stage.LAUNCHED, rules.Stage.IMPLEMENTING}:
        raise _refuse(_("Progress is reported while the model is implemented."), errors.DVK_BAD_MOVE, stage=model.stage)
    if not text.strip():
        raise _refuse(_("Write what was done."), errors.DVK_EMPTY_REPORT)
    day = reported_on or clock.today()
    if day > clock.today() or (model.launched_on and day < model.launched_on):
        raise _refuse(_("The report's date must be between the launch and today."), errors.DVK_BAD_TIMELINE)
    own = {i.pk: i for i in model.indicators.all()}
    for indicator_id in measurements or {}:
        if indicator_id not in own:
            raise _refuse(_("Measure only this model's indicators."), errors.DVK_BAD_MEASUREMENT)
    cleaned = _clean_photos(photos or [])
    if model.stage == rules.Stage.LAUNCHED:
        _move(model, rules.Stage.IMPLEMENTING)
        model.save(update_fields=["stage", "updated_at"])
    report = DvkProgressReport.objects.create(model=model, reported_on=day, text=text.strip(), author=actor)
    for indicator_id, value in (measurements or {}).items():
        DvkMeasurement.objects.create(indicator=own[indicator_id], report=report, measured_on=day, value=value)
    for clean in cleaned:
        photo = DvkPhoto(report=report, name=clean.name, content_type=clean.content_type, size=clean.size,
                         sha256=clean.sha256)  # fmt: skip
        photo.file.save(f"{secrets.token_hex(8)}-{clean.name}", ContentFile(clean.data), save=False)
        photo.save()
    audit_record(actor=actor, action="emulation.dvk_progress_reported", obj=model,
                 after={"report": report.pk, "photos": len(cleaned), "measurements": len(measurements or {})})  # fmt: skip
    return report


# ------------------------------------------------------------------ the council


def _not_frozen(model: DvkModel) -> None:
    if model.council_concluded_at is not None:
        raise _refuse(_("The council has concluded: its result is frozen."), errors.DVK_COUNCIL_FROZEN)


def _not_own_unit_decider(actor: Any, obj: DvkModel | DvkExemplar) -> None:
    """Whoever convenes, concludes or decides answers for a unit other than the model's (or exemplar's): a
    ward does not judge its own work (the same own-unit rule as the evaluators', through the body the actor
    recognises with and every role they hold today)."""
    if selectors.dvk_is_own_unit(actor, obj, selectors.dvk_recognising_body(actor, obj)):
        raise _refuse(_("A unit does not convene, conclude or decide on its own model or exemplar."),
                      errors.DVK_OWN_UNIT_DECIDER)  # fmt: skip


@transaction.atomic
def dvk_council_seat(*, actor: Any, model: DvkModel, evaluator: Any, organization: Organization) -> DvkEvaluator:
    """Give ``evaluator`` (sitting for ``organization``, a body where they may score) a seat on the model's
    council. Whoever recognises for the model's unit convenes it; nobody of the model's own unit sits."""
    permissions.require(actor, emu_permissions.DVK_RECOGNISE, model)
    _not_own_unit_decider(actor, model)
    _lock(model)
    _not_frozen(model)
    if model.stage not in {rules.Stage.IMPLEMENTING, rules.Stage.LAUNCHED}:
        raise _refuse(_("The council is convened for a model being implemented."), errors.DVK_BAD_MOVE,
                      stage=model.stage)  # fmt: skip
    if not permissions.user_may(evaluator, emu_permissions.DVK_SCORE, organization):
        raise _refuse(_("This person does not evaluate for that body."), errors.DVK_NOT_ON_COUNCIL)
    if selectors.dvk_is_own_unit(evaluator, model, organization):
        raise _refuse(_("An evaluator may not come from the model's own unit."), errors.DVK_OWN_UNIT_SCORER)
    card = model.scorecard or selectors.dvk_scorecard_current()
    if card is None:
        raise _refuse(_("No scorecard is in force."), errors.DVK_NO_SCORECARD)
    if model.scorecard_id is None:
        model.scorecard = card
        model.save(update_fields=["scorecard", "updated_at"])
    seat, _created = DvkEvaluator.objects.get_or_create(model=model, user=evaluator,
                                                        defaults={"organization": organization})  # fmt: skip
    audit_record(actor=actor, action="emulation.dvk_council_seated", obj=model,
                 after={"evaluator": evaluator.pk, "organization": organization.pk})  # fmt: skip
    return seat


@transaction.atomic
def dvk_score_submit(*, actor: Any, model: DvkModel, scores: dict[str, tuple[int, str]]) -> DvkEvaluator:
    """The actor's scores on their seat: every criterion of the model's scorecard, 0..10, each with its
    reason; on or after the declared evaluation date; replaced until the council concludes."""
    permissions.require(actor, emu_permissions.DVK_SCORE)
    _lock(model)  # a score and the conclusion never interleave: a stale page cannot score after the freeze
    seat = DvkEvaluator.objects.filter(model=model, user=actor).select_related("organization").first()
    if seat is None:
        raise _refuse(_("You do not sit on this model's council."), errors.DVK_NOT_ON_COUNCIL)
    _not_frozen(model)
    if selectors.dvk_is_own_unit(actor, model, seat.organization):
        raise _refuse(_("An evaluator may not come from the model's own unit."), errors.DVK_OWN_UNIT_SCORER)
    if not rules.may_evaluate_on(clock.today(), model.evaluation_on):
        raise _refuse(_("The model is evaluated on or after its declared evaluation date (%(on)s).")
                      % {"on": model.evaluation_on}, errors.DVK_TOO_EARLY)  # fmt: skip
    criteria = {c.code: c for c in model.scorecard.criteria.all()} if model.scorecard else {}
    if set(scores) != set(criteria):
        raise _refuse(_("Score every criterion of the scorecard."), errors.DVK_SCORES_INCOMPLETE,
                      missing=sorted(set(criteria) - set(scores)))  # fmt: skip
    for code, (value, reason) in scores.items():
        if not (0 <= int(value) <= rules.SCORE_MAX) or not str(reason).strip():
            raise _refuse(_("Each score is from 0 to 10 and has its reason."), errors.DVK_BAD_SCORE, criterion=code)
    seat.scores.all().delete()
    DvkScore.objects.bulk_create(
        [DvkScore(evaluator=seat, criterion=criteria[code], value=int(v), reason=str(r).strip())
         for code, (v, r) in scores.items()]
    )  # fmt: skip
    seat.scored_at = clock.now()
    seat.save(update_fields=["scored_at"])
    audit_record(actor=actor, action="emulation.dvk_scored", obj=model,
                 after={code: v for code, (v, _r) in scores.items()})  # fmt: skip
    return seat


@transaction.atomic
def dvk_council_conclude(*, actor: Any, model: DvkModel) -> DvkModel:
    """IMPLEMENTING → EVALUATED: the council's score (``rules.dvk.council_score``) is computed and frozen."""
    permissions.require(actor, emu_permissions.DVK_RECOGNISE, model)
    _not_own_unit_decider(actor, model)
    _lock(model)
    _not_frozen(model)
    if not rules.may_evaluate_on(clock.today(), model.evaluation_on):
        raise _refuse(_("The model is evaluated on or after its declared evaluation date (%(on)s).")
                      % {"on": model.evaluation_on}, errors.DVK_TOO_EARLY)  # fmt: skip
    if not rules.may_move(model.stage, rules.Stage.EVALUATED):
        _move(model, rules.Stage.EVALUATED)  # raises dvk_bad_move before the sheets are read
    card = model.scorecard
    sheets = selectors.dvk_score_sheets(model)
    if card is None or len(sheets) < card.min_evaluators:
        raise _refuse(_("The council needs at least %(n)s evaluators who have scored.")
                      % {"n": card.min_evaluators if card else 2}, errors.DVK_COUNCIL_TOO_SMALL)  # fmt: skip
    if any(not sheet for sheet in sheets):
        raise _refuse(_("Every evaluator must score before the council concludes."), errors.DVK_SCORES_INCOMPLETE)
    weights = {c.code: c.weight for c in card.criteria.all()}
    model.score = rules.council_score(weights, sheets)
    before = _move(model, rules.Stage.EVALUATED)
    model.council_concluded_at, model.evaluated_on = clock.now(), clock.today()
    model.save(update_fields=["stage", "score", "council_concluded_at", "evaluated_on", "updated_at"])
    audit_record(actor=actor, action="emulation.dvk_evaluated", obj=model, before={"stage": before},
                 after={"stage": model.stage, "score": model.score, "scorecard": card.pk})  # fmt: skip
    return model


def _authority_level(actor: Any, model: DvkModel | DvkExemplar) -> str | None:
    """The highest level at which ``actor`` recognises for the model's (or exemplar's) unit (a province body: tỉnh; a
    commune's: xã; a superuser stands for the central level)."""
    if getattr(actor, "is_superuser", False):
        return rules.Level.TW
    levels = selectors.dvk_recognising_levels(actor, model)
    if UnitLevel.PROVINCE in levels:
        return rules.Level.TINH
    if UnitLevel.COMMUNE in levels:
        return rules.Level.XA
    return None


@transaction.atomic
def dvk_model_recognise(*, actor: Any, model: DvkModel, level: str, decision: str, recognised_on: dt.date) -> DvkModel:
    """EVALUATED → RECOGNISED at ``level`` (the actor's level or below), the score at the pass mark or above."""
    permissions.require(actor, emu_permissions.DVK_RECOGNISE, model)
    _not_own_unit_decider(actor, model)
    _lock(model)
    if level not in set(rules.Level):
        raise _refuse(_("Choose the level of recognition."), errors.DVK_LEVEL_ABOVE_AUTHORITY)
    authority = _authority_level(actor, model)
    if authority is None or not rules.may_recognise_at(level, authority):
        raise _refuse(_("You may recognise at your own level or below."), errors.DVK_LEVEL_ABOVE_AUTHORITY)
    if model.stage == rules.Stage.EVALUATED and (model.score is None or model.scorecard is None
                                                  or model.score < model.scorecard.pass_score):  # fmt: skip
        raise _refuse(_("The council's score is below the pass mark (%(mark)s).")
                      % {"mark": model.scorecard.pass_score if model.scorecard else "—"}, errors.DVK_BELOW_MARK)  # fmt: skip
    if recognised_on > clock.today() or (model.evaluated_on and recognised_on < model.evaluated_on):
        raise _refuse(_("The recognition is dated between the evaluation and today."), errors.DVK_BAD_TIMELINE)
    before = _move(model, rules.Stage.RECOGNISED)
    model.recognised_level, model.recognition_decision, model.recognised_on = (
        level,
        decision.strip()[:60],
        recognised_on,
    )
    model.recognised_by = selectors.dvk_recognising_body(actor, model)
    model.save(update_fields=["stage", "recognised_level", "recognition_decision", "recognised_on", "recognised_by",
                              "updated_at"])  # fmt: skip
    audit_record(actor=actor, action="emulation.dvk_recognised", obj=model, before={"stage": before},
                 after={"stage": model.stage, "level": level, "decision": model.recognition_decision})  # fmt: skip
    return model


@transaction.atomic
def dvk_model_not_recognise(*, actor: Any, model: DvkModel, reason: str) -> DvkModel:
    """EVALUATED → NOT_RECOGNISED, with the reason."""
    permissions.require(actor, emu_permissions.DVK_RECOGNISE, model)
    _not_own_unit_decider(actor, model)
    _lock(model)
    if not reason.strip():
        raise _refuse(_("Give the reason."), errors.DVK_REASON_REQUIRED)
    before = _move(model, rules.Stage.NOT_RECOGNISED)
    model.decision_note = reason.strip()
    model.save(update_fields=["stage", "decision_note", "updated_at"])
    audit_record(actor=actor, action="emulation.dvk_not_recognised", obj=model, before={"stage": before},
                 after={"stage": model.stage}, reason=model.decision_note)  # fmt: skip
    return model


@transaction.atomic
def dvk_model_commend_by_decision(*, actor: Any, proposal: CommendationProposal) -> DvkModel:
    """Commend a model from a decided commendation proposal about it (the commendation part's proposal →
    council → decision, which calls this in its own transaction): the model carries the decision's form,
    number, level and date; a RECOGNISED one moves to COMMENDED, a replicated or sustained one keeps its
    stage (``rules.COMMENDABLE``). There is no other way to commend a model."""
    model = proposal.model
    if model is None:
        raise _refuse(_("This decision does not concern a model."), errors.DVK_BAD_COMMENDATION)
    permissions.require(actor, emu_permissions.DVK_COMMEND, model)
    _lock(model)
    if (
        proposal.status != commendation_rules.Status.DECIDED
        or not proposal.decision_number
        or proposal.decided_form is None
    ):
        raise _refuse(_("A model is commended by a commendation decision."), errors.DVK_BAD_COMMENDATION)
    if not rules.may_be_commended(model.stage, model.commendation_decision_number):
        raise _refuse(_("This model cannot be commended at its stage, or is already commended."),
                      errors.DVK_BAD_COMMENDATION, stage=model.stage)  # fmt: skip
    before = _move(model, rules.Stage.COMMENDED) if rules.commendation_moves_stage(model.stage) else model.stage
    model.commendation_form = proposal.decided_form.name[:120]
    model.commendation_decision_number = proposal.decision_number[:60]
    model.commendation_level, model.commended_on = proposal.decided_level, proposal.decided_on
    model.save(update_fields=["stage", "commendation_form", "commendation_decision_number", "commendation_level",
                              "commended_on", "updated_at"])  # fmt: skip
    audit_record(actor=actor, action="emulation.dvk_commended", obj=model, before={"stage": before},
                 after={"form": model.commendation_form, "decision_number": model.commendation_decision_number,
                        "level": model.commendation_level, "on": model.commended_on, "proposal": proposal.pk})  # fmt: skip
    return model


@transaction.atomic
def dvk_model_replicate(*, actor: Any, origin: DvkModel, organization: Organization,
                        place: AdministrativeUnit | None = None, name: str = "") -> DvkModel:  # fmt: skip
    """A unit the actor manages replicates a recognised model: a new DRAFT model of that unit, its texts
    copied from the origin (to be adapted before registration), ``replicated_from`` the origin; the origin
    moves to REPLICATED (the first time)."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, organization)
    _lock(origin)
    if origin.stage not in rules.REPLICABLE:
        raise _refuse(_("Only a recognised model can be replicated."), errors.DVK_NOT_REPLICABLE, stage=origin.stage)
    if organization.pk == origin.organization_id:
        raise _refuse(_("A unit replicates another unit's model."), errors.DVK_BAD_UNIT)
    copy = DvkModel(
        organization=organization, created_by=actor, replicated_from=origin, field=origin.field,
        name=(name.strip() or origin.name)[:300], situation="", goals=origin.goals, content=origin.content,
        area="", outputs=origin.outputs, sustainability=origin.sustainability,
        place=place or (organization.unit if organization.unit.level == UnitLevel.COMMUNE else None),
    )  # fmt: skip
    if copy.place is not None and copy.place.province_id != organization.unit.province_id:
        raise _refuse(_("The place must be in the unit's province."), errors.DVK_BAD_UNIT)
    copy.search_text = _search_text(copy)
    copy.save()
    before = origin.stage
    if origin.stage != rules.Stage.REPLICATED:
        _move(origin, rules.Stage.REPLICATED)
        origin.save(update_fields=["stage", "updated_at"])
    audit_record(actor=actor, action="emulation.dvk_replicated", obj=origin, before={"stage": before},
                 after={"stage": origin.stage, "replication": copy.pk, "organization": organization.pk})  # fmt: skip
    audit_record(actor=actor, action="emulation.dvk_model_created", obj=copy,
                 after={"name": copy.name, "replicated_from": origin.pk})  # fmt: skip
    return copy


@transaction.atomic
def dvk_model_close(*, actor: Any, model: DvkModel, outcome: str, reason: str = "") -> DvkModel:
    """→ SUSTAINED (kept up after its recognition) or ARCHIVED (stopped; the reason is required)."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, model)
    _lock(model)
    target = rules.Stage(outcome) if outcome in {rules.Stage.SUSTAINED, rules.Stage.ARCHIVED} else None
    if target is None:
        raise _refuse(_("Choose sustained or archived."), errors.DVK_BAD_MOVE)
    if target == rules.Stage.ARCHIVED and not reason.strip():
        raise _refuse(_("Give the reason."), errors.DVK_REASON_REQUIRED)
    before = _move(model, target)
    model.closed_on = clock.today()
    model.decision_note = reason.strip() or model.decision_note
    model.save(update_fields=["stage", "closed_on", "decision_note", "updated_at"])
    audit_record(actor=actor, action=f"emulation.dvk_{target.value}", obj=model, before={"stage": before},
                 after={"stage": model.stage}, reason=reason.strip())  # fmt: skip
    return model


# ------------------------------------------------------------------ exemplars (điển hình)


def _check_exemplar(actor: Any, *, name: str, kind: str, field: str, achievement: str,
                    model: DvkModel | None) -> None:  # fmt: skip
    """An exemplar's fields, when proposed and when corrected before the decision."""
    if not name.strip() or not achievement.strip() or kind not in set(rules.ExemplarKind):
        raise _refuse(_("Give the name, kind and achievement."), errors.DVK_BAD_EXEMPLAR)
    if field not in set(rules.DvkField):
        raise _refuse(_("Choose one of the four fields."), errors.DVK_BAD_FIELD)
    if model is not None and not permissions.user_may(actor, emu_permissions.DVK_VIEW, model):
        raise _refuse(_("Link a model of your units."), errors.DVK_BAD_UNIT)


@transaction.atomic
def dvk_exemplar_propose(*, actor: Any, organization: Organization, name: str, kind: str, field: str,
                         achievement: str, model: DvkModel | None = None) -> DvkExemplar:  # fmt: skip
    """Propose an exemplary person or collective of a unit the actor manages (optionally linked to a model
    of the same unit or one it replicated)."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, organization)
    _check_exemplar(actor, name=name, kind=kind, field=field, achievement=achievement, model=model)
    exemplar = DvkExemplar.objects.create(name=normalize_spaces(name)[:200], kind=kind, organization=organization,
                                          field=field, achievement=achievement.strip(), model=model, created_by=actor)  # fmt: skip
    audit_record(actor=actor, action="emulation.dvk_exemplar_proposed", obj=exemplar, after={"name": exemplar.name})
    return exemplar


@transaction.atomic
def dvk_exemplar_decide(*, actor: Any, exemplar: DvkExemplar, recognised: bool, level: str = "",
                        decision_number: str = "", recognised_on: dt.date | None = None) -> DvkExemplar:  # fmt: skip
    """Recognise a proposed exemplar at the actor's level or below (with its decision number), or not."""
    permissions.require(actor, emu_permissions.DVK_RECOGNISE, exemplar)
    _not_own_unit_decider(actor, exemplar)
    _lock(exemplar)
    if exemplar.status != rules.ExemplarStatus.PROPOSED:
        raise _refuse(_("This exemplar has been decided."), errors.DVK_BAD_MOVE)
    if recognised:
        if level not in set(rules.Level):
            raise _refuse(_("Choose the level of recognition."), errors.DVK_LEVEL_ABOVE_AUTHORITY)
        authority = _authority_level(actor, exemplar)
        if authority is None or not rules.may_recognise_at(level, authority):
            raise _refuse(_("You may recognise at your own level or below."), errors.DVK_LEVEL_ABOVE_AUTHORITY)
        if not decision_number.strip():
            raise _refuse(_("Give the decision number."), errors.DVK_DECISION_NUMBER_REQUIRED)
        exemplar.status, exemplar.recognised_level = rules.ExemplarStatus.RECOGNISED, level
        exemplar.decision_number, exemplar.recognised_on = decision_number.strip()[:60], recognised_on or clock.today()
    else:
        exemplar.status = rules.ExemplarStatus.NOT_RECOGNISED
    exemplar.save()
    audit_record(actor=actor, action="emulation.dvk_exemplar_decided", obj=exemplar,
                 after={"status": exemplar.status, "level": exemplar.recognised_level})  # fmt: skip
    return exemplar


@transaction.atomic
def dvk_exemplar_change(*, actor: Any, exemplar: DvkExemplar, name: str, kind: str, field: str, achievement: str,
                        model: DvkModel | None = None) -> DvkExemplar:  # fmt: skip
    """The proposing unit corrects its proposed exemplar, until it is decided (then ``DVK_BAD_MOVE``)."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, exemplar)
    _lock(exemplar)
    if exemplar.status != rules.ExemplarStatus.PROPOSED:
        raise _refuse(_("This exemplar has been decided: it can no longer be changed."), errors.DVK_BAD_MOVE,
                      status=exemplar.status)  # fmt: skip
    _check_exemplar(actor, name=name, kind=kind, field=field, achievement=achievement, model=model)
    before = {"name": exemplar.name, "kind": exemplar.kind, "field": exemplar.field, "model": exemplar.model_id}
    exemplar.name, exemplar.kind, exemplar.field = normalize_spaces(name)[:200], kind, field
    exemplar.achievement, exemplar.model = achievement.strip(), model
    exemplar.save(update_fields=["name", "kind", "field", "achievement", "model", "updated_at"])
    audit_record(actor=actor, action="emulation.dvk_exemplar_changed", obj=exemplar, before=before,
                 after={"name": exemplar.name, "kind": kind, "field": field, "model": exemplar.model_id})  # fmt: skip
    return exemplar


@transaction.atomic
def dvk_exemplar_withdraw(*, actor: Any, exemplar: DvkExemplar, reason: str) -> DvkExemplar:
    """Withdraw (thu hồi) a recognised exemplar, with its reason: by whoever may decide on it — not from its
    own unit (``DVK_OWN_UNIT_DECIDER``), at the recognition's level or above (``DVK_LEVEL_ABOVE_AUTHORITY``).
    A withdrawn exemplar leaves the public gallery and the yearly figures."""
    permissions.require(actor, emu_permissions.DVK_RECOGNISE, exemplar)
    _not_own_unit_decider(actor, exemplar)
    _lock(exemplar)
    if exemplar.status != rules.ExemplarStatus.RECOGNISED:
        raise _refuse(_("Only a recognised exemplar can be withdrawn."), errors.DVK_BAD_MOVE, status=exemplar.status)
    authority = _authority_level(actor, exemplar)
    if authority is None or not rules.may_recognise_at(exemplar.recognised_level, authority):
        raise _refuse(_("You may withdraw a recognition at your own level or below."),
                      errors.DVK_LEVEL_ABOVE_AUTHORITY)  # fmt: skip
    if not reason.strip():
        raise _refuse(_("Give the reason."), errors.DVK_REASON_REQUIRED)
    exemplar.status = rules.ExemplarStatus.WITHDRAWN
    exemplar.withdrawal_reason, exemplar.withdrawn_on, exemplar.withdrawn_by = reason.strip(), clock.today(), actor
    exemplar.save(update_fields=["status", "withdrawal_reason", "withdrawn_on", "withdrawn_by", "updated_at"])
    audit_record(actor=actor, action="emulation.dvk_exemplar_withdrawn", obj=exemplar,
                 before={"status": rules.ExemplarStatus.RECOGNISED.value}, after={"status": exemplar.status},
                 reason=exemplar.withdrawal_reason)  # fmt: skip
    return exemplar


# ------------------------------------------------------------------ the scorecard's versions


@dataclass(frozen=True)
class CriterionInput:
    code: str
    name: str
    weight: Decimal
    description: str = ""


_SCORECARD_CODES: Final = {
    rules.ScorecardProblem.NO_CRITERIA: errors.DVK_SCORECARD_CODES,
    rules.ScorecardProblem.CODES: errors.DVK_SCORECARD_CODES,
    rules.ScorecardProblem.WEIGHTS: errors.DVK_SCORECARD_WEIGHTS,
    rules.ScorecardProblem.PASS_MARK: errors.DVK_SCORECARD_PASS_MARK,
    rules.ScorecardProblem.MIN_EVALUATORS: errors.DVK_SCORECARD_MIN_EVALUATORS,
}


def _may_keep_scorecards(actor: Any) -> None:
    require_reference_data_editor(actor, emu_permissions.DVK_KEEP_SCORECARDS)


def _check_scorecard(criteria: list[CriterionInput], pass_score: Decimal, min_evaluators: int) -> None:
    problems = rules.scorecard_problems([(c.code, c.name, c.weight) for c in criteria], pass_score, min_evaluators)
    messages = {
        rules.ScorecardProblem.NO_CRITERIA: _("A scorecard needs at least one criterion."),
        rules.ScorecardProblem.CODES: _("Each criterion needs a code and a name, and no two criteria the same code."),
        rules.ScorecardProblem.WEIGHTS: _("Each weight is above zero and the weights add up to %(total)s.")
        % {"total": rules.SCORECARD_WEIGHT_TOTAL},
        rules.ScorecardProblem.PASS_MARK: _("The pass mark is from 0 to 100."),
        rules.ScorecardProblem.MIN_EVALUATORS: _("The council needs at least one evaluator."),
    }
    if problems:
        first = problems[0]
        raise _refuse(str(messages[first]), _SCORECARD_CODES[first], problems=[p.value for p in problems])


def _frozen_scorecard(card: DvkScorecard) -> None:
    if not card.draft:
        raise _refuse(_("This version is in force: it can no longer be changed. Make a new version."),
                      errors.DVK_SCORECARD_FROZEN)  # fmt: skip


@transaction.atomic
def dvk_scorecard_new_version(*, actor: Any, scorecard: DvkScorecard) -> DvkScorecard:
    """A draft of the next version of ``scorecard``'s code, a copy of it (criteria included) to be edited;
    if a draft of that code exists already, that one (one draft at a time)."""
    _may_keep_scorecards(actor)
    # Every version of the code locked (evaluated now): a double submit waits here, then finds the draft.
    versions = list(DvkScorecard.objects.select_for_update().filter(code=scorecard.code).order_by("version"))
    existing = [v for v in versions if v.draft]
    if existing:
        return existing[-1]
    latest = max(v.version for v in versions)
    draft = DvkScorecard.objects.create(
        code=scorecard.code, version=latest + 1, name=scorecard.name, valid_from=clock.today(),
        pass_score=scorecard.pass_score, min_evaluators=scorecard.min_evaluators, source=scorecard.source,
        is_active=True, draft=True,
    )  # fmt: skip
    DvkCriterion.objects.bulk_create(
        [DvkCriterion(scorecard=draft, code=c.code, name=c.name, description=c.description, weight=c.weight,
                      sort_order=c.sort_order) for c in scorecard.criteria.all()]
    )  # fmt: skip
    audit_record(actor=actor, action="emulation.dvk_scorecard_drafted", obj=draft,
                 after={"code": draft.code, "version": draft.version, "from": scorecard.pk})  # fmt: skip
    return draft


@transaction.atomic
def dvk_scorecard_save(*, actor: Any, scorecard: DvkScorecard, name: str, pass_score: Decimal, min_evaluators: int,
                       criteria: list[CriterionInput], source: str = "") -> DvkScorecard:  # fmt: skip
    """Change a draft version: its name, source, pass mark, minimum evaluators and criteria (replaced as a
    whole). A version in force is frozen (``DVK_SCORECARD_FROZEN``)."""
    _may_keep_scorecards(actor)
    _lock_scorecard(scorecard)
    _frozen_scorecard(scorecard)
    if not name.strip():
        raise _refuse(_("Give the scorecard a name."), errors.DVK_SCORECARD_CODES)
    _check_scorecard(criteria, pass_score, min_evaluators)
    before = _scorecard_summary(scorecard)
    scorecard.name, scorecard.source = normalize_spaces(name)[:200], source.strip()[:300]
    scorecard.pass_score, scorecard.min_evaluators = pass_score, min_evaluators
    scorecard.save(update_fields=["name", "source", "pass_score", "min_evaluators", "updated_at"])
    scorecard.criteria.all().delete()
    DvkCriterion.objects.bulk_create(
        [DvkCriterion(scorecard=scorecard, code=c.code.strip().lower()[:60], name=c.name.strip()[:200],
                      description=c.description.strip()[:500], weight=c.weight, sort_order=i)
         for i, c in enumerate(criteria)]
    )  # fmt: skip
    audit_record(actor=actor, action="emulation.dvk_scorecard_changed", obj=scorecard, before=before,
                 after=_scorecard_summary(scorecard))  # fmt: skip
    return scorecard


@transaction.atomic
def dvk_scorecard_put_in_force(*, actor: Any, scorecard: DvkScorecard, valid_from: dt.date) -> DvkScorecard:
    """A draft version takes effect from ``valid_from`` (today or later): councils convened from that day
    use it; models already on an earlier version keep theirs. From now on the version is frozen."""
    _may_keep_scorecards(actor)
    _lock_scorecard(scorecard)
    _frozen_scorecard(scorecard)
    in_force = (DvkScorecard.objects.filter(code=scorecard.code, draft=False).exclude(pk=scorecard.pk)
                .order_by("-valid_from").values_list("valid_from", flat=True).first())  # fmt: skip
    if not rules.may_take_effect_on(valid_from, clock.today(), in_force):
        raise _refuse(_("A version takes effect from today or a later day, and not before the latest version "
                        "already put in force."), errors.DVK_BAD_TIMELINE)  # fmt: skip
    criteria = [CriterionInput(c.code, c.name, c.weight) for c in scorecard.criteria.all()]
    _check_scorecard(criteria, scorecard.pass_score, scorecard.min_evaluators)
    scorecard.draft, scorecard.valid_from, scorecard.is_active = False, valid_from, True
    scorecard.save(update_fields=["draft", "valid_from", "is_active", "updated_at"])
    audit_record(actor=actor, action="emulation.dvk_scorecard_in_force", obj=scorecard,
                 after={"version": scorecard.version, "valid_from": valid_from})  # fmt: skip
    return scorecard


def _lock_scorecard(card: DvkScorecard) -> None:
    rows: Any = DvkScorecard.objects.select_for_update()
    card.refresh_from_db(from_queryset=rows)


def _scorecard_summary(card: DvkScorecard) -> dict[str, Any]:
    return {"pass_score": card.pass_score, "min_evaluators": card.min_evaluators,
            "criteria": {c.code: c.weight for c in card.criteria.all()}}  # fmt: skip


def parse_decimal(value: Any) -> Decimal | None:
    """A form's number, or None (shared by the pages and the API so both read numbers alike)."""
    try:
        return Decimal(str(value).replace(",", ".")) if str(value).strip() else None
    except InvalidOperation:
        return None


# ------------------------------------------------------------------ public photos


def _photo_model(photo: DvkPhoto) -> DvkModel:
    return DvkModel.objects.select_related("organization").get(pk=photo.report.model_id)


@transaction.atomic
def dvk_photo_publish(*, actor: Any, photo: DvkPhoto, consent: bool) -> DvkPhoto:
    """Mark a progress photo public: by the model's unit (``DVK_MANAGE`` on the model), only with the
    attestation that the people who can be recognised in it agreed (``DVK_PHOTO_CONSENT_REQUIRED``). The
    public story shows it only while the model is public (``selectors.dvk.dvk_public_photos``). The file
    was cleaned by ``files.checks`` when it was uploaded (re-encoded, metadata and location dropped)."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, _photo_model(photo))
    if consent is not True:
        raise _refuse(_("Confirm that the people who can be recognised in the photo agreed to make it public."),
                      errors.DVK_PHOTO_CONSENT_REQUIRED, field="consent")  # fmt: skip
    photo.refresh_from_db(from_queryset=DvkPhoto.objects.select_for_update())
    if photo.is_public:
        return photo
    photo.is_public, photo.public_at, photo.public_by = True, clock.now(), actor
    photo.save(update_fields=["is_public", "public_at", "public_by"])
    audit_record(actor=actor, action="emulation.dvk_photo_published", obj=photo,
                 after={"model": photo.report.model_id, "photo": photo.pk, "consent_attested": True})  # fmt: skip
    return photo


@transaction.atomic
def dvk_photo_withdraw(*, actor: Any, photo: DvkPhoto) -> DvkPhoto:
    """Take a public photo back (the model's unit): from now on it answers "not found" publicly."""
    permissions.require(actor, emu_permissions.DVK_MANAGE, _photo_model(photo))
    photo.refresh_from_db(from_queryset=DvkPhoto.objects.select_for_update())
    if not photo.is_public:
        return photo
    before = {"public_at": photo.public_at.isoformat() if photo.public_at else None, "public_by": photo.public_by_id}
    photo.is_public, photo.public_at, photo.public_by = False, None, None
    photo.save(update_fields=["is_public", "public_at", "public_by"])
    audit_record(actor=actor, action="emulation.dvk_photo_withdrawn", obj=photo, before=before,
                 after={"model": photo.report.model_id, "photo": photo.pk})  # fmt: skip
    return photo
