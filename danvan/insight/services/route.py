"""Routing by a model of the deployment's own confirmed cases (issue 18, docs/insight.md).

- What it learns from (``route_training_examples``): cases whose topic and body officials confirmed — the
  body moved the case past its first handling step (registered, accepted, under study, answered …; a
  transfer puts a case back to "received", so a case past that step was not transferred afterwards) —
  and every clerk's choice on a suggestion (``RoutingCorrection``, the latest per case wins). Tố cáo are
  never used: a denunciation is routed by the rules to its own body, and its content must not shape
  suggestions others see (no per-body model exists yet; docs/insight.md).
- At intake (``route_on_received``, on ``cases.case_received``): the model in use suggests the three most
  likely (topic, body) pairs; at or above the version's threshold the case is routed by the cases app's
  service (``case_route_by_model``), else the suggestions wait for the clerk. A model that cannot be read
  leaves the rules' routing as it is; the suggestion row and the case page say why.
- The clerk's choice (``route_choose``) is stored and applied through ``case_route_choose``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.cases import rules as case_rules
from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, RoutingRule, TopicCategory
from danvan.cases.services.routing import case_route_by_model, case_route_choose
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.insight import errors as codes
from danvan.insight.models import ModelKind, ModelVersion, RoutingCorrection, RoutingSuggestion
from danvan.insight.selectors import route as route_selectors
from danvan.insight.selectors.route import route_names, route_suggestion_for
from danvan.insight.selectors.sources import shared_case_filter, shared_cases
from danvan.insight.services.model_versions import model_version_store
from danvan.nlp import classifier, routing, storage
from danvan.org.models import Organization

log = logging.getLogger(__name__)

# Past the first handling step with the body that has it (a transfer returns a case to RECEIVED).
CONFIRMED_STATUSES = (
    Status.REGISTERED, Status.UNDER_STUDY, Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE, Status.SUSPENDED,
    Status.DECIDED, Status.CONCLUDED, Status.NOTIFIED, Status.ANSWERED, Status.FINAL,
)  # fmt: skip


def case_text(title: str, content: str) -> str:
    """What the model reads of a case: its title and its text (as stored: a tố cáo's is never read)."""
    return f"{title}\n{content}"


# The routing rules, as the last back-off --------------------------------------------------------------


class RuleTable:
    """The active routing rules in memory, answering "which body do the rules name for this track, place and
    topic" (``cases.rules.route_best``) for many cases without a query each."""

    def __init__(self, rows: Sequence[tuple[Any, ...]] | None = None) -> None:
        if rows is None:
            rows = list(RoutingRule.objects.filter(is_active=True)
                        .values_list("pk", "organization_id", "track", "topic_id", "unit_id", "priority"))  # fmt: skip
        self.by_unit: dict[int | None, list[case_rules.RouteCandidate]] = {}
        for pk, org, track, topic, unit, priority in rows:
            self.by_unit.setdefault(unit, []).append(case_rules.RouteCandidate(pk, org, track, topic, unit, priority))
        self.topic_ids = dict(TopicCategory.objects.values_list("code", "pk"))
        self._memo: dict[tuple[str, int | None, int | None], dict[str, str]] = {}

    @classmethod
    def for_place(cls, *, track: str, commune_id: int | None, province_id: int | None) -> RuleTable:
        """Only the rules that may match one case (one query: the intake's)."""
        places = [u for u in (commune_id, province_id) if u is not None]
        rows = list(
            RoutingRule.objects.filter(is_active=True).filter(Q(track="") | Q(track=track))
            .filter(Q(unit__isnull=True) | Q(unit_id__in=places))
            .values_list("pk", "organization_id", "track", "topic_id", "unit_id", "priority")
        )  # fmt: skip
        return cls(rows)

    def bodies(self, *, track: str, commune_id: int | None, province_id: int | None) -> dict[str, str]:
        """topic code → the body (id as text) the rules name for it here."""
        key = (track, commune_id, province_id)
        if key not in self._memo:
            candidates = list(self.by_unit.get(None, []))
            for unit in {commune_id, province_id} - {None}:
                candidates.extend(self.by_unit.get(unit, []))
            answer = {}
            for code, topic_id in self.topic_ids.items():
                best = case_rules.route_best(candidates, track=track, topic_id=topic_id, commune_id=commune_id,
                                             province_id=province_id)  # fmt: skip
                if best is not None:
                    answer[code] = str(best.organization_id)
            self._memo[key] = answer
        return self._memo[key]


# What it learns from ------------------------------------------------------------------------------------


def route_training_examples(rules: RuleTable | None = None) -> list[routing.Example]:
    """Every confirmed case (not tố cáo) as a labelled example, the clerks' latest choices overriding."""
    rules = rules or RuleTable()
    chosen: dict[int, tuple[str, int]] = {}
    for case_id, topic, body in (
        RoutingCorrection.objects.filter(shared_case_filter("case__")).order_by("case_id", "-at", "-id")
        .values_list("case_id", "topic__code", "organization_id")
    ):  # fmt: skip
        chosen.setdefault(case_id, (topic, body))
    # A closed case counts when its body had accepted or answered it (not one closed unanswered, withdrawn).
    handled = Q(status__in=CONFIRMED_STATUSES) | Q(status=Status.CLOSED, accepted_on__isnull=False) | Q(
        status=Status.CLOSED, decided_on__isnull=False)  # fmt: skip
    confirmed = handled & Q(topic__isnull=False, handling_organization__isnull=False)
    rows = (
        shared_cases().filter(confirmed | Q(pk__in=list(chosen)))
        .values_list("pk", "title", "content", "track", "topic__code", "handling_organization_id", "place_unit_id",
                     "place_unit__province_id")
        .order_by("pk").iterator(chunk_size=5000)
    )  # fmt: skip
    examples = []
    for pk, title, content, track, topic, body, commune, province in rows:
        topic, body = chosen.get(pk, (topic, body))
        if not topic or body is None:
            continue
        rule_bodies = rules.bodies(track=track, commune_id=commune, province_id=province)
        examples.append(routing.Example(
            text=case_text(title, content), topic=topic, body=str(body), track=track,
            commune=str(commune or ""), province=str(province or ""), rule_bodies=tuple(sorted(rule_bodies.items())),
        ))  # fmt: skip
    return examples


def route_train(*, actor: Any = None, settings: routing.Settings | None = None, note: str = "") -> ModelVersion:
    """Train a routing model from the confirmed cases and corrections, store it as the next version, in use.

    ``DomainError`` (``insight_too_few_labelled``, with ``needed`` and ``have``) when too few are confirmed."""
    settings = settings or routing.Settings()
    examples = route_training_examples()
    try:
        trained = routing.train(examples, settings)
    except classifier.TooFewExamples as exc:
        raise DomainError(
            _("Too few confirmed cases to train the routing model: %(have)s usable, at least %(needed)s needed "
              "(and %(per_label)s in each of two topics).") % {"have": exc.have, "needed": exc.needed,
                                                             "per_label": exc.per_label},
            code=codes.TOO_FEW_LABELLED, details={"needed": exc.needed, "have": exc.have},
        ) from exc  # fmt: skip
    metrics = trained.metrics() | {"corrections": RoutingCorrection.objects.count()}
    return model_version_store(
        kind=ModelKind.ROUTE, model=trained.model.to_artifact(), training_size=trained.training_size,
        held_back_size=trained.held_back_size, metrics=metrics, threshold=trained.figures.threshold,
        settings=settings.as_dict(), actor=actor, trusted=routing.TRUSTED, note=note,
    )  # fmt: skip


# The model in use, loaded once per process ---------------------------------------------------------------


class RouteOff(Exception):
    """No routing suggestion can be made; ``reason`` says why, for the clerk."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Loaded:
    model: routing.RouteModel
    version_id: int
    number: int
    threshold: float | None


# (version pk, number, sha) -> the model, or the reason it could not be read (not retried for the same bytes)
_loaded: dict[str, tuple[tuple[int, int, str], Loaded | str]] = {}


def route_model_in_use() -> Loaded:
    """The routing model in use (read and checked once per process and version); ``RouteOff`` with the reason
    when none is in use or its bytes cannot be read (missing, altered, untrusted) — the rules route then."""
    row = (ModelVersion.objects.filter(kind=ModelKind.ROUTE, in_use=True)
           .values_list("pk", "number", "artifact_sha256", "threshold").first())  # fmt: skip
    if row is None:
        raise RouteOff(_("no routing model is in use yet"))
    pk, number, sha, threshold = row
    key = (pk, number, sha)
    known = _loaded.get(ModelKind.ROUTE)
    if known is None or known[0] != key:
        data = ModelVersion.objects.filter(pk=pk).values_list("artifact", flat=True).first()
        try:
            model = routing.RouteModel.from_artifact(
                storage.model_from_bytes(bytes(data) if data else None, sha, trusted=routing.TRUSTED)
            )
            known = (key, Loaded(model, pk, number, threshold))
        except (storage.ModelUnavailable, ValueError) as exc:
            log.error("routing model v%s cannot be used, cases are routed by the rules: %s", number, exc)
            known = (key, str(exc))
        _loaded[ModelKind.ROUTE] = known
    if isinstance(known[1], str):
        raise RouteOff(_("routing model v%(number)s cannot be read (%(why)s); the routing rules route the cases")
                       % {"number": number, "why": known[1]})  # fmt: skip
    return known[1] if known[1].threshold == threshold else Loaded(known[1].model, pk, number, threshold)


def route_suggest(case: Case, loaded: Loaded, *, top: int = 3) -> list[routing.RouteSuggestion]:
    """The model's suggestions for one case (its text, track and place; the rules as the last back-off)."""
    commune = case.place_unit_id
    province = case.place_unit.province_id if case.place_unit is not None else None
    rules = RuleTable.for_place(track=case.track, commune_id=commune, province_id=province)
    by_rules = rules.bodies(track=case.track, commune_id=commune, province_id=province)
    return routing.suggest(loaded.model, case_text(case.title, case.content), track=case.track,
                           commune=str(commune or ""), province=str(province or ""), rules=by_rules.get,
                           top=top)  # fmt: skip


@dataclass(frozen=True)
class Shown:
    """A suggestion as the clerk reads it: codes with their names, and whether it is the case's routing now."""

    topic: str
    topic_name: str
    body: int
    body_name: str
    confidence: float
    current: bool


@dataclass(frozen=True)
class Suggestions:
    """What the triage panel (and ``GET /insight/cases/{id}/route-suggestions``) shows for a case now: the
    suggestions of the version in use, or why there are none (``off``)."""

    off: str = ""
    suggestions: tuple[Shown, ...] = ()
    auto: bool = False
    version: int | None = None
    threshold: float | None = None


def route_suggestions_for(case: Case) -> Suggestions:
    """The suggestions for ``case`` now: the stored ones when the same version is still in use, else the
    model's answer now; or why there are none. Reads only; who may see them is ``selectors.route.route_may_triage``."""
    try:
        loaded = route_model_in_use()
    except RouteOff as off:
        return Suggestions(off=off.reason)
    stored = route_suggestion_for(case.pk)
    if stored is not None and stored.version_id == loaded.version_id:
        suggestions, auto = stored.suggestions, stored.auto
    else:
        suggestions, auto = [s.as_dict() for s in route_suggest(case, loaded)], False
    topics, bodies = route_names([s["topic"] for s in suggestions], [int(s["body"]) for s in suggestions])
    current_topic = case.topic.code if case.topic is not None else ""
    shown = tuple(
        Shown(s["topic"], topics[s["topic"]], int(s["body"]), bodies[int(s["body"])], float(s["confidence"]),
              s["topic"] == current_topic and int(s["body"]) == case.handling_organization_id)
        for s in suggestions if s["topic"] in topics and int(s["body"]) in bodies
    )  # fmt: skip
    return Suggestions(suggestions=shown, auto=auto, version=loaded.number, threshold=loaded.threshold)


# At intake ---------------------------------------------------------------------------------------------


def route_on_received(received: Any) -> None:
    """``cases.case_received``: suggest, and route the case when the model is sure enough. Never makes the
    intake fail: anything going wrong here is logged, and the case keeps the rules' routing."""
    if received.track == Track.TO_CAO:
        return  # routed by the rules to its own body; no deployment-wide model reads a denunciation
    try:
        with transaction.atomic():  # a savepoint: a failure here rolls back only this
            route_received(received.case_id)
    except Exception:
        log.exception("routing suggestion for case %s failed; it keeps the rules' routing", received.case_id)


def route_received(case_id: int) -> RoutingSuggestion:
    case = Case.objects.select_related("place_unit").get(pk=case_id)
    try:
        loaded = route_model_in_use()
    except RouteOff as off:
        row, _created = RoutingSuggestion.objects.update_or_create(
            case=case, defaults={"off_reason": off.reason[:300], "suggestions": [], "auto": False, "version": None}
        )
        return row
    suggestions = route_suggest(case, loaded)
    auto = False
    if routing.is_automatic(suggestions, loaded.threshold):
        first = suggestions[0]
        auto = case_route_by_model(case=case, topic_code=first.topic, organization_id=int(first.body),
                                   confidence=first.confidence, version=loaded.number)  # fmt: skip
    row, _created = RoutingSuggestion.objects.update_or_create(case=case, defaults={
        "version_id": loaded.version_id, "suggestions": [s.as_dict() for s in suggestions],
        "threshold": loaded.threshold, "auto": auto, "off_reason": "",
    })  # fmt: skip
    return row


# The clerk's choice -------------------------------------------------------------------------------------


def route_choose(*, actor: Any, case: Case, topic_code: str, organization_id: int) -> Case:
    """The clerk accepts a suggestion or makes another choice: kept as a correction (what the next training
    learns from) and applied by the cases app (the topic set; another body is a transfer). Only where the
    triage panel is shown (``selectors.route.route_triage_refusal``): never a tố cáo (no NotFound hint that
    one exists), only who may handle the case, only while it is received (``ROUTE_NOT_WAITING``)."""
    refusal = route_selectors.route_triage_refusal(actor, case)
    if refusal == route_selectors.NOT_TRIAGED_TO_CAO:
        raise NotFound("case not found")
    if refusal == route_selectors.NOT_HANDLER:
        raise PermissionDenied("may not handle this case")
    if refusal == route_selectors.NOT_WAITING:
        raise DomainError(_("The case is no longer waiting to be routed."), code=codes.ROUTE_NOT_WAITING)
    body = Organization.objects.filter(pk=organization_id, is_active=True).first()
    topic = TopicCategory.objects.filter(code=topic_code, is_active=True).first()
    if body is None or topic is None:
        raise DomainError(_("Choose a topic and a body in use."), code=codes.ROUTE_CHOICE_UNKNOWN)
    suggested = RoutingSuggestion.objects.filter(case=case).values_list("suggestions", flat=True).first() or []
    with transaction.atomic():
        moved = case_route_choose(case=case, actor=actor, topic_code=topic.code, organization=body)
        RoutingCorrection.objects.create(case=case, suggested=suggested[0] if suggested else {}, topic=topic,
                                         organization=body, by=actor)  # fmt: skip
    return moved
