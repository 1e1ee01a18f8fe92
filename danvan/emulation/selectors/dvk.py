"""Every read of the "Dân vận khéo" models and exemplars: staff reads through the permission gate
(``DVK_VIEW`` on the model's unit), the public gallery through ``rules.dvk.PUBLIC_STAGES`` only, the
council's sheets, the replication tree, the similar models, and the yearly figures the evaluation part
reads (``dvk_yearly_figures``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from django.db.models import Count, Prefetch, Q, QuerySet

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.reference_data import may_edit_reference_data
from danvan.core.text import fold
from danvan.emulation import permissions as emu_permissions
from danvan.emulation.models import (
    DvkCriterion,
    DvkEvaluator,
    DvkExemplar,
    DvkIndicator,
    DvkModel,
    DvkPhoto,
    DvkProgressReport,
    DvkScorecard,
)
from danvan.emulation.rules import dvk as rules
from danvan.org import permissions
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, RoleAssignment

TREE_MAX_NODES: Final = 200  # a public tree is bounded: the first 200 descendants, breadth first
MAX_SEARCH_WORDS: Final = 8


@dataclass(frozen=True)
class DvkFilters:
    field: str = ""
    stage: str = ""
    level: str = ""
    province: int | None = None  # GSO code
    commune: int | None = None  # GSO code
    q: str = ""


def _words(q: str) -> list[str]:
    return fold(q).split()[:MAX_SEARCH_WORDS]


def _filtered(qs: QuerySet[DvkModel], f: DvkFilters) -> QuerySet[DvkModel]:
    if f.field in set(rules.DvkField):
        qs = qs.filter(field=f.field)
    if f.stage in set(rules.Stage):
        qs = qs.filter(stage=f.stage)
    if f.level in set(rules.Level):
        qs = qs.filter(recognised_level=f.level)
    if f.commune:
        qs = qs.filter(place__code=f.commune, place__level=UnitLevel.COMMUNE, place__era=UnitEra.CURRENT)
    elif f.province:
        qs = qs.filter(Q(place__province__code=f.province) | Q(place__code=f.province, place__level=UnitLevel.PROVINCE),
                       place__era=UnitEra.CURRENT)  # fmt: skip
    for word in _words(f.q):  # folded on both sides: "dan van kheo" finds "Dân vận khéo"
        qs = qs.filter(search_text__contains=word)
    return qs


# ------------------------------------------------------------------ staff


def dvk_models_for(user: Any, filters: DvkFilters | None = None) -> QuerySet[DvkModel]:
    visible = permissions.scope_filter(user, emu_permissions.DVK_VIEW, "organization")
    qs = DvkModel.objects.filter(visible).select_related("organization", "place")
    return _filtered(qs, filters or DvkFilters())


def dvk_model_for(user: Any, pk: int) -> DvkModel:
    """A model whose staff page the user may read: ``DVK_VIEW`` on its body, or a seat on its council (the
    page shows progress photos, reports' authors and the council). A missing one and a forbidden one alike
    raise ``NotFound``; an officer of another unit reads a recognised model's public story instead
    (``dvk_model_to_replicate``)."""
    model = (
        DvkModel.objects.filter(pk=pk)
        .select_related("organization", "organization__unit", "place", "replicated_from", "scorecard", "recognised_by")
        .first()
    )
    if model is None or not (
        permissions.user_may(user, emu_permissions.DVK_VIEW, model) or dvk_seat_of(user, model) is not None
    ):
        raise NotFound("model not found")
    return model


def dvk_model_to_replicate(user: Any, pk: int) -> DvkModel:
    """A public (recognised) model, for a user who registers models somewhere (``DVK_MANAGE``): what any
    unit's officer may reach of another unit's model — its public story and the replicate step."""
    model = (
        _public().filter(pk=pk).select_related("organization", "place", "place__province", "replicated_from").first()
    )
    if model is None or not permissions.user_may(user, emu_permissions.DVK_MANAGE):
        raise NotFound("model not found")
    return model


def dvk_units_for(user: Any) -> QuerySet[Organization]:
    """The bodies for which the user registers models (the form's choices)."""
    return Organization.objects.filter(
        permissions.scope_filter(user, emu_permissions.DVK_MANAGE), is_active=True
    ).order_by("path")


def dvk_scoring_units_for(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(
        permissions.scope_filter(user, emu_permissions.DVK_SCORE), is_active=True
    ).order_by("path")


def dvk_seat_of(user: Any, model: DvkModel) -> DvkEvaluator | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return DvkEvaluator.objects.filter(model=model, user=user).first()


def dvk_models_to_score(user: Any) -> QuerySet[DvkModel]:
    """The models on whose council the user sits and that are not concluded."""
    return DvkModel.objects.filter(evaluators__user=user, council_concluded_at__isnull=True).select_related(
        "organization"
    )


def dvk_is_own_unit(user: Any, owner: DvkModel | DvkExemplar, organization: Organization | None) -> bool:
    """Does the person come from the model's (or exemplar's) own unit? The body they act for (a council
    seat's, or the body they recognise with; None for a superuser), or any body where they hold a role
    today, lies in the owner's administrative unit (a ward's bodies all answer to the same ward), or is the
    owner's body or under it. Evaluators and deciders alike (``DVK_OWN_UNIT_SCORER``/``_DECIDER``)."""
    body = owner.organization
    if organization is not None and (organization.unit_id == body.unit_id or organization.is_within(body)):
        return True
    return (
        RoleAssignment.objects.active_on(clock.today())
        .filter(user=user)
        .filter(Q(organization__unit_id=body.unit_id) | Q(organization__path__startswith=body.path))
        .exists()
    )


def dvk_recognising_levels(user: Any, obj: Any) -> set[str]:
    """The levels (province, commune) of the bodies through which the user recognises for ``obj``'s unit."""
    return {b.unit.level for b in _recognising_bodies(user, obj)}


def _recognising_bodies(user: Any, obj: Any) -> list[Organization]:
    roles = permissions.registered_actions()[emu_permissions.DVK_RECOGNISE].roles
    target = obj.permission_organization()
    assignments = RoleAssignment.objects.active_on(clock.today()).filter(user=user, role__in=roles)
    return [a.organization for a in assignments.select_related("organization__unit") if a.covers(target)]


def dvk_recognising_body(user: Any, model: DvkModel | DvkExemplar) -> Organization | None:
    """The highest body through which the user recognises the model (recorded on the recognition)."""
    bodies = sorted(_recognising_bodies(user, model), key=lambda b: b.depth)
    return bodies[0] if bodies else None


def dvk_scorecard_current() -> DvkScorecard | None:
    return (
        DvkScorecard.objects.filter(is_active=True, draft=False, valid_from__lte=clock.today())
        .order_by("-valid_from", "-version")
        .first()
    )


def dvk_score_sheets(model: DvkModel) -> list[dict[str, int]]:
    """Each seat's scores by criterion code (an empty dict for a seat that has not scored)."""
    sheets: dict[int, dict[str, int]] = {s.pk: {} for s in model.evaluators.all()}
    for seat_id, code, value in model.evaluators.values_list("pk", "scores__criterion__code", "scores__value"):
        if code is not None:
            sheets[seat_id][code] = value
    return list(sheets.values())


@dataclass
class CouncilView:
    criteria: list[DvkCriterion]
    seats: list[DvkEvaluator]
    score: Decimal | None
    frozen: bool


def dvk_council(model: DvkModel) -> CouncilView:
    criteria = list(model.scorecard.criteria.all()) if model.scorecard else []
    seats = list(model.evaluators.select_related("user", "organization").prefetch_related("scores__criterion"))
    return CouncilView(criteria=criteria, seats=seats, score=model.score, frozen=model.council_concluded_at is not None)


def dvk_model_detail(model: DvkModel) -> dict[str, Any]:
    """What a model's pages show beside it: indicators with their measurements, reports with photos."""
    indicators = list(model.indicators.prefetch_related("measurements"))
    reports = list(model.reports.select_related("author").prefetch_related("photos", "measurements__indicator")[:50])
    return {"indicators": [_indicator_row(i) for i in indicators], "reports": reports}


@dataclass
class IndicatorRow:
    indicator: DvkIndicator
    latest: Decimal | None
    measurements: list[Any]
    reached: bool


def _indicator_row(indicator: DvkIndicator) -> IndicatorRow:
    measured = list(indicator.measurements.all())
    latest = measured[-1].value if measured else None
    reached = latest is not None and (
        latest >= indicator.target if indicator.higher_is_better else latest <= indicator.target
    )
    return IndicatorRow(indicator=indicator, latest=latest, measurements=measured, reached=reached)


def dvk_exemplars_for(user: Any) -> QuerySet[DvkExemplar]:
    visible = permissions.scope_filter(user, emu_permissions.DVK_VIEW, "organization")
    return DvkExemplar.objects.filter(visible).select_related("organization", "model")


def dvk_exemplar_for(user: Any, pk: int) -> DvkExemplar:
    exemplar = DvkExemplar.objects.filter(pk=pk).select_related("organization").first()
    if exemplar is None or not permissions.user_may(user, emu_permissions.DVK_VIEW, exemplar):
        raise NotFound("exemplar not found")
    return exemplar


def dvk_models_to_link(user: Any) -> QuerySet[DvkModel]:
    return dvk_models_for(user).exclude(stage=rules.Stage.ARCHIVED).order_by("name")


# ------------------------------------------------------------------ public gallery


def _public() -> QuerySet[DvkModel]:
    return DvkModel.objects.filter(stage__in=list(rules.PUBLIC_STAGES)).exclude(recognised_level="")


def dvk_public_models(filters: DvkFilters | None = None) -> QuerySet[DvkModel]:
    """The gallery: recognised models only (drafts and models under way are the units' business)."""
    qs = _public().select_related("organization", "place", "place__province")
    public_replications = Q(replications__stage__in=list(rules.PUBLIC_STAGES)) & ~Q(replications__recognised_level="")
    qs = qs.annotate(replication_count=Count("replications", filter=public_replications))
    return _filtered(qs, filters or DvkFilters()).order_by("-recognised_on", "-id")


def dvk_public_model(pk: int) -> DvkModel:
    model = (
        _public().filter(pk=pk).select_related("organization", "place", "place__province", "replicated_from").first()
    )
    if model is None:
        raise NotFound("model not found")
    return model


def dvk_public_exemplars(limit: int = 12) -> list[DvkExemplar]:
    return list(DvkExemplar.objects.filter(status=rules.ExemplarStatus.RECOGNISED).select_related("organization")
                .order_by("-recognised_on", "-id")[:limit])  # fmt: skip


@dataclass
class TreeNode:
    model: DvkModel
    public: bool
    children: list[TreeNode] = field(default_factory=list)


def dvk_tree(root: DvkModel, *, public: bool = False) -> TreeNode:
    """The model's replications and theirs, breadth first, at most ``TREE_MAX_NODES``, one query per level.
    Staff see the nodes past the launch (``TREE_STAGES``); the public (``public=True``) only recognised ones
    (``PUBLIC_STAGES``), so no unit's replication under way or not recognised is named to everyone."""
    top = TreeNode(model=root, public=root.stage in rules.PUBLIC_STAGES and bool(root.recognised_level))
    frontier = {root.pk: top}
    seen = 0
    while frontier and seen < TREE_MAX_NODES:
        level = DvkModel.objects.filter(replicated_from_id__in=list(frontier))
        if public:
            level = level.filter(stage__in=list(rules.PUBLIC_STAGES)).exclude(recognised_level="")
        else:
            level = level.filter(stage__in=list(rules.TREE_STAGES))
        rows = list(level.select_related("organization", "place").order_by("created_at", "id")[: TREE_MAX_NODES - seen])
        seen += len(rows)
        nxt: dict[int, TreeNode] = {}
        for row in rows:
            node = TreeNode(model=row, public=row.stage in rules.PUBLIC_STAGES and bool(row.recognised_level))
            frontier[row.replicated_from_id].children.append(node)  # type: ignore[index]
            nxt[row.pk] = node
        frontier = nxt
    return top


def dvk_tree_size(node: TreeNode) -> int:
    return sum(1 + dvk_tree_size(child) for child in node.children)


def dvk_similar(model: DvkModel, limit: int = rules.SIMILAR_MAX) -> list[DvkModel]:
    """Recognised models that solved a similar problem: TF-IDF over the folded texts of the newest
    ``SIMILAR_CORPUS_MAX`` public models (``rules.dvk.similar``)."""
    fields = ("name", "situation", "goals", "content")  # the problem and the answer, not the unit or the place
    rows = _public().order_by("-recognised_on", "-id").values_list("pk", *fields)[: rules.SIMILAR_CORPUS_MAX]
    corpus = {row[0]: fold(" ".join(row[1:])) for row in rows}
    corpus.setdefault(model.pk, fold(" ".join(getattr(model, name) for name in fields)))
    ranked = [pk for pk, _score in rules.similar(corpus, model.pk, limit=limit)]
    found = {m.pk: m for m in _public().filter(pk__in=ranked).select_related("organization", "place")}
    return [found[pk] for pk in ranked if pk in found]


@dataclass
class PlaceRow:
    code: int
    name: str
    count: int
    communes: list[tuple[int, str, int]]


def dvk_places() -> list[PlaceRow]:
    """The provinces and communes that have recognised models, with their counts (the gallery's place list)."""
    rows = (
        _public().exclude(place=None)
        .values("place__code", "place__name", "place__level", "place__province__code", "place__province__name")
        .annotate(n=Count("id"))
        .order_by("place__province__name", "place__name")
    )  # fmt: skip
    provinces: dict[int, PlaceRow] = {}
    for r in rows:
        if r["place__level"] == UnitLevel.PROVINCE:
            code, name = r["place__code"], r["place__name"]
        else:
            code, name = r["place__province__code"], r["place__province__name"]
        row = provinces.setdefault(code, PlaceRow(code=code, name=name, count=0, communes=[]))
        row.count += r["n"]
        if r["place__level"] == UnitLevel.COMMUNE:
            row.communes.append((r["place__code"], r["place__name"], r["n"]))
    return sorted(provinces.values(), key=lambda p: fold(p.name))


def dvk_gallery_provinces() -> list[AdministrativeUnit]:
    ids = _public().exclude(place=None).values("place__province_id")
    return list(AdministrativeUnit.objects.filter(pk__in=ids).order_by("name"))


# ------------------------------------------------------------------ for the yearly evaluation


@dataclass(frozen=True)
class DvkYearFigures:
    registered: int
    recognised_xa: int
    recognised_tinh: int
    recognised_tw: int
    replicated: int
    exemplars: int

    @property
    def recognised(self) -> int:
        return self.recognised_xa + self.recognised_tinh + self.recognised_tw


def dvk_yearly_figures(*, organization_ids: list[int], year: int) -> dict[int, DvkYearFigures]:
    """Per organization (every id given, zeros included): models registered in ``year``, recognised in
    ``year`` by level, replications made in ``year`` from its models (by any unit), and its exemplars
    recognised in ``year``. Plain numbers; no permission gate (the evaluation part gates its pages). Four
    queries whatever the number of organizations."""
    ids = list(organization_ids)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    registered = (DvkModel.objects.filter(organization_id__in=ids, registered_at__year=year)
                  .values("organization_id").annotate(n=Count("id")))  # fmt: skip
    for r in registered:
        counts[r["organization_id"]]["registered"] = r["n"]
    recognised = (DvkModel.objects.filter(organization_id__in=ids, recognised_on__year=year).exclude(recognised_level="")
                  .values("organization_id", "recognised_level").annotate(n=Count("id")))  # fmt: skip
    for r in recognised:
        counts[r["organization_id"]][f"recognised_{r['recognised_level']}"] = r["n"]
    replicated = (DvkModel.objects.filter(replicated_from__organization_id__in=ids, created_at__year=year)
                  .values("replicated_from__organization_id").annotate(n=Count("id")))  # fmt: skip
    for origin_org, n in replicated.values_list("replicated_from__organization_id", "n"):
        counts[origin_org]["replicated"] = n
    exemplars = (DvkExemplar.objects.filter(organization_id__in=ids, status=rules.ExemplarStatus.RECOGNISED,
                                            recognised_on__year=year)
                 .values("organization_id").annotate(n=Count("id")))  # fmt: skip
    for r in exemplars:
        counts[r["organization_id"]]["exemplars"] = r["n"]
    return {
        pk: DvkYearFigures(
            registered=counts[pk].get("registered", 0),
            recognised_xa=counts[pk].get("recognised_xa", 0),
            recognised_tinh=counts[pk].get("recognised_tinh", 0),
            recognised_tw=counts[pk].get("recognised_tw", 0),
            replicated=counts[pk].get("replicated", 0),
            exemplars=counts[pk].get("exemplars", 0),
        )
        for pk in ids
    }


def dvk_reports_prefetch() -> Prefetch[Any]:
    return Prefetch("reports", queryset=DvkProgressReport.objects.order_by("-reported_on"))


def dvk_places_for(user: Any) -> QuerySet[AdministrativeUnit]:
    """The communes (current map) of the provinces where the user registers models (the form's places)."""
    provinces = dvk_units_for(user).values("unit__province_id")
    return AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE,
                                             province_id__in=provinces).order_by("name")  # fmt: skip


def dvk_scorer_candidates(user: Any, model: DvkModel) -> list[tuple[int, str]]:
    """The roles that may score, held today in bodies the convener recognises for, outside the model's own
    unit: (role assignment id, "person — body"). Bounded to 200."""
    roles = permissions.registered_actions()[emu_permissions.DVK_SCORE].roles
    rows = (
        RoleAssignment.objects.active_on(clock.today())
        .filter(role__in=roles)
        .filter(permissions.scope_filter(user, emu_permissions.DVK_RECOGNISE, "organization"))
        .exclude(organization__unit_id=model.organization.unit_id)
        .exclude(user__in=model.evaluators.values("user"))
        .select_related("user", "organization")
        .order_by("organization__path", "user__full_name")[:200]
    )
    return [(a.pk, f"{a.user} — {a.organization.name}") for a in rows]


def dvk_scorer_candidate(user: Any, model: DvkModel, assignment_id: int) -> tuple[Any, Organization] | None:
    for pk, _label in dvk_scorer_candidates(user, model):
        if pk == assignment_id:
            a = RoleAssignment.objects.select_related("user", "organization").get(pk=pk)
            return a.user, a.organization
    return None


def dvk_replicating_units_for(user: Any, origin: DvkModel) -> QuerySet[Organization]:
    return dvk_units_for(user).exclude(pk=origin.organization_id)


def dvk_indicators_of(model: DvkModel) -> list[DvkIndicator]:
    return list(model.indicators.all())


def dvk_sheet_initial(seat: DvkEvaluator) -> dict[str, Any]:
    """An evaluator's scores so far, as the scoring form's initial values."""
    initial: dict[str, Any] = {}
    for score in seat.scores.select_related("criterion"):
        initial[f"score_{score.criterion.code}"] = score.value
        initial[f"reason_{score.criterion.code}"] = score.reason
    return initial


def dvk_photo_of(user: Any, model_pk: int, photo_pk: int) -> DvkPhoto:
    """A progress report's photo of a model the user may read (staff only: people may be in them)."""
    model = dvk_model_for(user, model_pk)
    photo = DvkPhoto.objects.filter(pk=photo_pk, report__model=model).first()
    if photo is None:
        raise NotFound("photo not found")
    return photo


# ------------------------------------------------------------------ public photos and the gallery's map


def dvk_public_photos(model: DvkModel) -> list[DvkPhoto]:
    """The photos the model's unit made public, while the model itself is public (``_public``); one query."""
    photos = DvkPhoto.objects.filter(is_public=True, report__model_id=model.pk, report__model__in=_public())
    return list(photos.select_related("report").order_by("report__reported_on", "id"))


def dvk_public_photo(model_pk: int, photo_pk: int) -> DvkPhoto:
    """A public photo of a public model; a private, withdrawn or missing one, or one of a model that is not
    (or no longer) public, is "not found" alike."""
    photo = DvkPhoto.objects.filter(pk=photo_pk, is_public=True, report__model_id=model_pk,
                                    report__model__in=_public()).first()  # fmt: skip
    if photo is None:
        raise NotFound("photo not found")
    return photo


@dataclass(frozen=True)
class MapMarker:
    code: int  # the commune's GSO code
    name: str
    province: str
    latitude: float
    longitude: float
    count: int


def dvk_map_markers(filters: DvkFilters | None = None) -> list[MapMarker]:
    """The gallery's map: one marker per commune (at its centre, ``org.UnitPlace``) with the number of public
    models there that match the gallery's filters. A model placed at a province, or in a commune without a
    known centre, has no marker (the place list shows it). One query."""
    rows = (
        _filtered(_public(), filters or DvkFilters())
        .filter(place__level=UnitLevel.COMMUNE, place__era=UnitEra.CURRENT, place__place__isnull=False)
        .values("place__code", "place__name", "place__province__name", "place__place__latitude",
                "place__place__longitude")
        .annotate(n=Count("id", distinct=True))
        .order_by("place__province__name", "place__name")
    )  # fmt: skip
    return [
        MapMarker(code=r["place__code"], name=r["place__name"], province=r["place__province__name"] or "",
                  latitude=float(r["place__place__latitude"]), longitude=float(r["place__place__longitude"]),
                  count=r["n"])
        for r in rows
    ]  # fmt: skip


# ------------------------------------------------------------------ the scorecard's versions


def dvk_may_keep_scorecards(user: Any) -> bool:
    """Who keeps the scorecard (a national table of criteria, weights, pass mark and minimum evaluators): the
    model permission, not a role over a unit (``core.reference_data``). The councils use it; they do not
    change it."""
    return may_edit_reference_data(user, emu_permissions.DVK_KEEP_SCORECARDS)


def dvk_scorecards() -> list[DvkScorecard]:
    """Every version, newest first, with its criteria (a handful of rows)."""
    return list(DvkScorecard.objects.prefetch_related("criteria").order_by("code", "-version"))


def dvk_scorecard_for(user: Any, pk: int) -> DvkScorecard:
    card = DvkScorecard.objects.filter(pk=pk).prefetch_related("criteria").first()
    if card is None or not dvk_may_keep_scorecards(user):
        raise NotFound("scorecard not found")
    return card


def dvk_scorecard_models(card: DvkScorecard) -> int:
    """How many models were put on this version (they keep it whatever version comes after)."""
    return DvkModel.objects.filter(scorecard=card).count()
