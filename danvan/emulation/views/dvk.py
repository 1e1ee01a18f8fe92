"""The dvk part's pages. Staff (``/van-hanh/thi-dua/mo-hinh/``): the list with filters, the registration
form, a model's page with its steps, the progress report, the council's scoring, the exemplars (proposed,
corrected, decided, withdrawn), the scorecard's versions (``/van-hanh/thi-dua/bang-diem/``). Public
(``/dan-van-kheo/``): the gallery of recognised models (search by field, place, level and words with or
without diacritics), the place list, a model's story with its indicators, its replication tree and the
models that solved a similar problem. Views parse, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.emulation import permissions as emu_permissions
from danvan.emulation.forms import dvk as f
from danvan.emulation.models.dvk import StageChoices
from danvan.emulation.rules import dvk as rules
from danvan.emulation.selectors import dvk as selectors
from danvan.emulation.services import dvk as services
from danvan.files.checks import UploadRejected
from danvan.files.serving import public_image_response
from danvan.org import permissions
from danvan.ui.forms import form_status, save_posted
from danvan.ui.paging import CappedPaginator
from danvan.ui.throttle import limited

PAGE_SIZE = 25


def _filters(form: f.GalleryForm, stage: str = "") -> selectors.DvkFilters:
    d = form.cleaned_data if form.is_valid() else {}
    return selectors.DvkFilters(field=d.get("linh_vuc") or "", level=d.get("cap") or "", province=d.get("tinh"),
                                commune=d.get("xa"), q=d.get("q") or "", stage=stage)  # fmt: skip


def _model(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.dvk_model_for(request.user, pk)
    except NotFound:
        raise Http404 from None


def _exemplar(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.dvk_exemplar_for(request.user, pk)
    except NotFound:
        raise Http404 from None


# ------------------------------------------------------------------ staff


@login_required
@require_GET
def model_list(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, emu_permissions.DVK_VIEW) and not permissions.user_may(
        request.user, emu_permissions.DVK_SCORE
    ):
        raise Http404
    form = f.StaffFilterForm(request.GET or None, provinces=selectors.dvk_gallery_provinces(),
                             stages=StageChoices.choices)  # fmt: skip
    stage = form.cleaned_data.get("trang_thai", "") if form.is_valid() else ""
    qs = selectors.dvk_models_for(request.user, _filters(form, stage)).order_by("-updated_at", "-id")
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "emulation/dvk/staff_list.html", {
        "form": form, "page": page, "to_score": selectors.dvk_models_to_score(request.user)[:20],
        "may_register": permissions.user_may(request.user, emu_permissions.DVK_MANAGE),
        "may_keep_scorecards": selectors.dvk_may_keep_scorecards(request.user),
    })  # fmt: skip


def _model_form(request: HttpRequest, model: Any = None) -> HttpResponse:
    units, places = selectors.dvk_units_for(request.user), selectors.dvk_places_for(request.user)
    initial = f.ModelForm.initial_from(model) if model is not None else None
    form = f.ModelForm(request.POST or None, units=units, places=places, initial=initial)
    if model is not None:
        form.fields["organization"].disabled = True
    saved = save_posted(request, form, lambda: services.dvk_model_save(
        actor=request.user, organization=form.cleaned_data["organization"], data=form.to_input(), model=model,
        register=bool(request.POST.get("register"))))  # fmt: skip
    if saved is not None:
        messages.success(request, _("The model is saved."))
        return redirect("emulation:dvk_detail", saved.result.pk)
    return render(request, "emulation/dvk/model_form.html", {"form": form, "model": model}, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def model_register(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, emu_permissions.DVK_MANAGE):
        raise Http404
    return _model_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model(request, pk)
    if not permissions.user_may(request.user, emu_permissions.DVK_MANAGE, model):
        raise Http404
    return _model_form(request, model)


def _step_forms(request: HttpRequest, model: Any, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    """The forms of the steps the user may take now (a bound one, after a refusal, replaces its blank)."""
    user, stage = request.user, model.stage
    manage = permissions.user_may(user, emu_permissions.DVK_MANAGE, model)
    recognise = permissions.user_may(user, emu_permissions.DVK_RECOGNISE, model)
    today: dict[str, Any] = {
        "launched_on": clock.today(),
        "recognised_on": clock.today(),
    }
    forms: dict[str, Any] = {}
    if manage and stage == rules.Stage.REGISTERED:
        forms["launch"] = f.LaunchForm(initial=today)
    if manage and not model.council_concluded_at and stage != rules.Stage.ARCHIVED:
        forms["indicator"] = f.IndicatorForm()
    if recognise and stage in {rules.Stage.LAUNCHED, rules.Stage.IMPLEMENTING} and not model.council_concluded_at:
        forms["seat"] = f.SeatForm(candidates=selectors.dvk_scorer_candidates(user, model))
    if recognise and stage == rules.Stage.EVALUATED:
        forms["recognise"] = f.RecogniseForm(initial=today)
        forms["not_recognise"] = f.ReasonForm()
    if stage in rules.REPLICABLE:
        units = selectors.dvk_replicating_units_for(user, model)
        if units.exists():
            forms["replicate"] = f.ReplicateForm(units=units)
    if manage and stage in rules.REPLICABLE | {rules.Stage.DRAFT, rules.Stage.NOT_RECOGNISED}:
        forms["close"] = f.CloseForm()
    forms.update(bound or {})
    return forms


def _detail(request: HttpRequest, model: Any, bound: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    manage = permissions.user_may(request.user, emu_permissions.DVK_MANAGE, model)
    return render(request, "emulation/dvk/detail.html", {
        "model": model, "stages": StageChoices.choices, "steps": _step_forms(request, model, bound), "detail": selectors.dvk_model_detail(model),
        "council": selectors.dvk_council(model), "seat": selectors.dvk_seat_of(request.user, model),
        "tree": selectors.dvk_tree(model), "manage": manage,
        "may_conclude": permissions.user_may(request.user, emu_permissions.DVK_RECOGNISE, model)
        and model.stage == rules.Stage.IMPLEMENTING and not model.council_concluded_at,
        "may_register": manage and model.stage == rules.Stage.DRAFT,
        "may_edit": manage and model.stage in {rules.Stage.DRAFT, rules.Stage.REGISTERED},
        "may_report": manage and model.stage in {rules.Stage.LAUNCHED, rules.Stage.IMPLEMENTING},
        "may_propose_commendation": _may_propose_commendation(request.user, model),
    }, status=status)  # fmt: skip


def _may_propose_commendation(user: Any, model: Any) -> bool:
    """A model that may be commended (``rules.may_be_commended``) is commended through the commendation
    part's proposal (the only path): the page links to its form, pre-filled, for whoever may propose for the
    model's unit."""
    return rules.may_be_commended(model.stage, model.commendation_decision_number) and permissions.user_may(
        user, emu_permissions.COMMENDATION_PROPOSE, model.organization
    )


@login_required
@require_GET
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        return _detail(request, selectors.dvk_model_for(request.user, pk))
    except NotFound:
        pass
    try:  # another unit's officer: the public story, with the replicate form
        return redirect("emulation:dvk_story", selectors.dvk_model_to_replicate(request.user, pk).pk)
    except NotFound:
        raise Http404 from None


def _call(request: HttpRequest, model: Any, step: str, form: Any) -> Any:
    u, d = request.user, form.cleaned_data
    calls: dict[str, Callable[[], Any]] = {
        "register": lambda: services.dvk_model_register(actor=u, model=model),
        "launch": lambda: services.dvk_model_launch(actor=u, model=model, launched_on=d["launched_on"],
                                                    commitments=d["commitments"]),
        "indicator": lambda: services.dvk_indicator_add(actor=u, model=model, **d),
        "seat": lambda: _seat(request, model, d["seat"]),
        "conclude": lambda: services.dvk_council_conclude(actor=u, model=model),
        "recognise": lambda: services.dvk_model_recognise(actor=u, model=model, **d),
        "not_recognise": lambda: services.dvk_model_not_recognise(actor=u, model=model, reason=d["reason"]),
        "replicate": lambda: services.dvk_model_replicate(actor=u, origin=model, **d),
        "close": lambda: services.dvk_model_close(actor=u, model=model, **d),
    }  # fmt: skip
    return calls[step]()


def _seat(request: HttpRequest, model: Any, assignment: str) -> Any:
    found = selectors.dvk_scorer_candidate(request.user, model, int(assignment)) if assignment.isdigit() else None
    if found is None:
        raise DomainError(_("Choose an evaluator from the list."), code="required", details={"field": "seat"})
    return services.dvk_council_seat(actor=request.user, model=model, evaluator=found[0], organization=found[1])


_STEP_FORMS: dict[str, Any] = {
    "register": None, "conclude": None, "launch": f.LaunchForm, "indicator": f.IndicatorForm, "seat": f.SeatForm,
    "recognise": f.RecogniseForm, "not_recognise": f.ReasonForm,
    "replicate": f.ReplicateForm, "close": f.CloseForm,
}  # fmt: skip


@login_required
@require_POST
def model_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in _STEP_FORMS:
        raise Http404
    try:
        model, insider = selectors.dvk_model_for(request.user, pk), True
    except NotFound:
        if step != "replicate":
            raise Http404 from None
        try:  # an outsider replicates from the public story
            model, insider = selectors.dvk_model_to_replicate(request.user, pk), False
        except NotFound:
            raise Http404 from None
    form_class = _STEP_FORMS[step]
    kwargs: dict[str, Any] = {}
    if step == "seat":
        kwargs["candidates"] = selectors.dvk_scorer_candidates(request.user, model)
    if step == "replicate":
        kwargs["units"] = selectors.dvk_replicating_units_for(request.user, model)
    form = form_class(request.POST, **kwargs) if form_class else f.ReasonForm({})
    if form.is_valid():
        try:
            result = _call(request, model, step, form)
        except DomainError as exc:
            if form_class is None:
                messages.error(request, str(exc.message))
                return redirect("emulation:dvk_detail", model.pk)
            form.refused(exc)
        else:
            messages.success(request, _("Done."))
            target = result.pk if step == "replicate" else model.pk
            return redirect("emulation:dvk_detail", target)
    if not insider:
        return _story(request, selectors.dvk_model_to_replicate(request.user, model.pk), form, status=400)
    return _detail(request, selectors.dvk_model_for(request.user, model.pk), {step: form}, status=400)


@login_required
@require_GET
def model_photo(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    """A progress photo, served as the other apps serve attachments (stored type, nosniff, attachment)."""
    try:
        photo = selectors.dvk_photo_of(request.user, pk, photo_pk)
    except NotFound:
        raise Http404 from None
    with photo.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=photo.content_type)
    response["Content-Disposition"] = content_disposition_header(True, photo.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def model_report(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model(request, pk)
    if not permissions.user_may(request.user, emu_permissions.DVK_MANAGE, model):
        raise Http404
    indicators = selectors.dvk_indicators_of(model)
    form = f.ReportForm(request.POST or None, request.FILES or None, indicators=indicators,
                        initial={"reported_on": clock.today()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.dvk_progress_report(actor=request.user, model=model, text=form.cleaned_data["text"],
                                         reported_on=form.cleaned_data["reported_on"], photos=form.photo_files(),
                                         measurements=form.measurements())  # fmt: skip
        except UploadRejected as exc:
            form.add_error("photos", str(exc.message))
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The progress report is saved."))
            return redirect("emulation:dvk_detail", model.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "emulation/dvk/report_form.html", {"form": form, "model": model}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def model_score(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model(request, pk)
    seat = selectors.dvk_seat_of(request.user, model)
    if seat is None:
        raise Http404
    council = selectors.dvk_council(model)
    initial = selectors.dvk_sheet_initial(seat)
    form = f.ScoreForm(request.POST or None, criteria=council.criteria, initial=initial)
    if save_posted(
        request, form, lambda: services.dvk_score_submit(actor=request.user, model=model, scores=form.scores())
    ):
        messages.success(request, _("Your scores are saved."))
        return redirect("emulation:dvk_detail", model.pk)
    return render(request, "emulation/dvk/score_form.html", {"form": form, "model": model, "council": council},
                  status=form_status(form))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_list(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, emu_permissions.DVK_VIEW):
        raise Http404
    may_propose = permissions.user_may(request.user, emu_permissions.DVK_MANAGE)
    form = f.ExemplarForm(request.POST or None, units=selectors.dvk_units_for(request.user),
                          models=selectors.dvk_models_to_link(request.user)) if may_propose else None  # fmt: skip
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.dvk_exemplar_propose(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.refused(exc)
            else:
                messages.success(request, _("The exemplar is proposed."))
                return redirect("emulation:dvk_exemplars")
    page = CappedPaginator(selectors.dvk_exemplars_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "emulation/dvk/exemplars.html", {
        "form": form, "page": page, "decide_form": f.ExemplarDecideForm(initial={"recognised_on": clock.today()}),
        "may_decide": permissions.user_may(request.user, emu_permissions.DVK_RECOGNISE),
        **_exemplar_actions(request, page),
    }, status=status)  # fmt: skip


def _exemplar_actions(request: HttpRequest, page: Any) -> dict[str, Any]:
    """The proposed exemplars of the page the user may correct (their unit's), and the withdrawal form."""
    changeable = {e.pk for e in page if e.status == rules.ExemplarStatus.PROPOSED
                  and permissions.user_may(request.user, emu_permissions.DVK_MANAGE, e)}  # fmt: skip
    for e in page:  # one form per exemplar, each with its own ids
        e.withdraw_form = f.ExemplarWithdrawForm(auto_id=f"id_thu_hoi_{e.pk}_%s")
    return {"changeable": changeable}


@login_required
@require_POST
def exemplar_decide(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        exemplar = selectors.dvk_exemplar_for(request.user, pk)
    except NotFound:
        raise Http404 from None
    form = f.ExemplarDecideForm(request.POST)
    if form.is_valid():
        try:
            services.dvk_exemplar_decide(actor=request.user, exemplar=exemplar, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Done."))
    else:
        messages.error(request, _("Please correct the marked fields."))
    return redirect("emulation:dvk_exemplars")


# ------------------------------------------------------------------ public


@require_GET
def gallery(request: HttpRequest) -> HttpResponse:
    provinces = selectors.dvk_gallery_provinces()
    form = f.GalleryForm(request.GET or None, provinces=provinces)
    page = CappedPaginator(selectors.dvk_public_models(_filters(form)), 12).get_page(request.GET.get("page"))
    return render(request, "emulation/dvk/gallery.html", {
        "form": form, "page": page, "exemplars": selectors.dvk_public_exemplars(6), **_map_context(request),
    })  # fmt: skip


@require_GET
def places(request: HttpRequest) -> HttpResponse:
    return render(request, "emulation/dvk/places.html", {"provinces": selectors.dvk_places()})


@require_GET
def story(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        model = selectors.dvk_public_model(pk)
    except NotFound:
        raise Http404 from None
    return _story(request, model)


def _story(request: HttpRequest, model: Any, replicate: Any = None, status: int = 200) -> HttpResponse:
    if replicate is None and permissions.user_may(request.user, emu_permissions.DVK_MANAGE):
        units = selectors.dvk_replicating_units_for(request.user, model)
        replicate = f.ReplicateForm(units=units) if units.exists() else None
    return render(request, "emulation/dvk/story.html", {
        "model": model, "detail": selectors.dvk_model_detail(model), "tree": selectors.dvk_tree(model, public=True),
        "similar": selectors.dvk_similar(model), "replicate": replicate,
        "public_photos": selectors.dvk_public_photos(model),
    }, status=status)  # fmt: skip


# ------------------------------------------------------------------ the gallery's map and public photos

MARKERS_LIMIT = 300  # map loads per client address per 10 minutes (each gallery page asks once)


def _gallery_query(request: HttpRequest, **changes: Any) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


def _map_context(request: HttpRequest) -> dict[str, Any]:
    """The map's element, as the public feed's (cases/public/feed.html): the markers' URL with the gallery's
    filters, and the tile source, a technical setting (without one: markers on a plain background)."""
    query = _gallery_query(request)
    return {
        "markers_url": reverse("emulation:dvk_markers") + (f"?{query}" if query else ""),
        "map": {"tiles": str(settings.DANVAN_MAP_TILES_URL or ""),
                "attribution": str(settings.DANVAN_MAP_TILES_ATTRIBUTION or "")},
    }  # fmt: skip


@require_GET
def map_markers(request: HttpRequest) -> HttpResponse:
    """The gallery map's markers as JSON: per commune its code, name, centre, number of public models that
    match the gallery's filters, and the gallery's link filtered to it. Two queries."""
    refused = limited(request, "dvk_markers", MARKERS_LIMIT, 600)
    if refused is not None:
        return refused
    form = f.GalleryForm(request.GET or None, provinces=selectors.dvk_gallery_provinces())
    gallery_url = reverse("emulation:dvk_gallery")
    markers = [
        {"code": m.code, "name": m.name, "province": m.province, "lat": m.latitude, "lng": m.longitude,
         "count": m.count, "url": f"{gallery_url}?{_gallery_query(request, xa=str(m.code))}"}
        for m in selectors.dvk_map_markers(_filters(form))
    ]  # fmt: skip
    response = JsonResponse({"markers": markers})
    # The same public numbers for everyone, in no language; on the answer only, never on a refusal (a shared
    # cache would serve one address's 429 to everyone).
    patch_cache_control(response, public=True, max_age=300)
    return response


@require_GET
def public_photo(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    """A photo the model's unit made public, while the model is public; served as the public feed serves a
    report's public photo (stored type, nosniff, not kept by shared caches: it may be withdrawn)."""
    try:
        photo = selectors.dvk_public_photo(pk, photo_pk)
    except NotFound:
        raise Http404 from None
    return public_image_response(photo.file, photo.content_type)


# ------------------------------------------------------------------ exemplars: correct, withdraw


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_edit(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk)
    if not permissions.user_may(request.user, emu_permissions.DVK_MANAGE, exemplar):
        raise Http404
    initial = {"name": exemplar.name, "kind": exemplar.kind, "field": exemplar.field,
               "achievement": exemplar.achievement, "model": exemplar.model_id}  # fmt: skip
    form = f.ExemplarChangeForm(request.POST or None, models=selectors.dvk_models_to_link(request.user),
                                initial=initial)  # fmt: skip
    if save_posted(request, form, lambda: services.dvk_exemplar_change(actor=request.user, exemplar=exemplar,
                                                                    **form.cleaned_data)):  # fmt: skip
        messages.success(request, _("The exemplar is changed."))
        return redirect("emulation:dvk_exemplars")
    return render(request, "emulation/dvk/exemplar_form.html", {"form": form, "exemplar": exemplar},
                  status=form_status(form))  # fmt: skip


@login_required
@require_POST
def photo_publicity(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    """Make a progress photo public (with the attestation) or withdraw it, from the model's staff page."""
    try:
        photo = selectors.dvk_photo_of(request.user, pk, photo_pk)
    except NotFound:
        raise Http404 from None
    if not permissions.user_may(request.user, emu_permissions.DVK_MANAGE, photo.report.model):
        raise Http404
    form = f.PhotoPublishForm(request.POST)
    form.is_valid()
    try:
        if request.POST.get("action") == "withdraw":
            services.dvk_photo_withdraw(actor=request.user, photo=photo)
            messages.success(request, _("The photo is no longer public."))
        else:
            services.dvk_photo_publish(actor=request.user, photo=photo,
                                       consent=bool(form.cleaned_data.get("consent")))  # fmt: skip
            messages.success(request, _("The photo is public while the model is."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(reverse("emulation:dvk_detail", args=[pk]) + "#anh")


@login_required
@require_POST
def exemplar_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk)
    if not permissions.user_may(request.user, emu_permissions.DVK_RECOGNISE, exemplar):
        raise Http404
    form = f.ExemplarWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.dvk_exemplar_withdraw(actor=request.user, exemplar=exemplar, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The recognition is withdrawn."))
    else:
        messages.error(request, _("Give the reason."))
    return redirect("emulation:dvk_exemplars")


# ------------------------------------------------------------------ the scorecard's versions


def _keeper(request: HttpRequest) -> None:
    if not selectors.dvk_may_keep_scorecards(request.user):
        raise Http404


@login_required
@require_GET
def scorecard_list(request: HttpRequest) -> HttpResponse:
    _keeper(request)
    return render(request, "emulation/dvk/scorecards.html", {
        "scorecards": selectors.dvk_scorecards(), "current": selectors.dvk_scorecard_current(),
    })  # fmt: skip


@login_required
@require_POST
def scorecard_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    card = _scorecard(request, pk)
    draft = services.dvk_scorecard_new_version(actor=request.user, scorecard=card)
    return redirect("emulation:dvk_scorecard", draft.pk)


def _scorecard(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.dvk_scorecard_for(request.user, pk)
    except NotFound:
        raise Http404 from None


def _scorecard_page(request: HttpRequest, card: Any, *, form: Any = None, criteria: Any = None, in_force: Any = None,
                    status: int = 200) -> HttpResponse:  # fmt: skip
    """A version: a draft's form with its criteria and the "put in force" form, or a frozen version read only."""
    card.refresh_from_db()
    rows = list(card.criteria.all())
    if form is None:
        form = f.ScorecardForm(initial={"name": card.name, "pass_score": card.pass_score,
                                        "min_evaluators": card.min_evaluators, "source": card.source})  # fmt: skip
    if criteria is None:
        criteria = f.CriterionFormSet(prefix=f.CRITERIA_PREFIX, initial=[
            {"code": c.code, "name": c.name, "weight": c.weight, "description": c.description} for c in rows])  # fmt: skip
    if in_force is None:
        in_force = f.PutInForceForm(initial={"valid_from": clock.today()})
    return render(request, "emulation/dvk/scorecard.html", {
        "card": card, "rows": rows, "form": form, "criteria": criteria, "in_force": in_force,
        "models_on_it": selectors.dvk_scorecard_models(card), "total": sum((c.weight for c in rows), Decimal(0)),
    }, status=status)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    card = _scorecard(request, pk)
    if request.method == "GET":
        return _scorecard_page(request, card)
    form = f.ScorecardForm(request.POST)
    criteria = f.CriterionFormSet(request.POST, prefix=f.CRITERIA_PREFIX)

    def save() -> Any:
        return services.dvk_scorecard_save(actor=request.user, scorecard=card, criteria=f.criteria_from(criteria),
                                           **form.cleaned_data)  # fmt: skip

    if save_posted(request, form, save, criteria):
        messages.success(request, _("The draft version is saved."))
        return redirect("emulation:dvk_scorecard", card.pk)
    return _scorecard_page(request, card, form=form, criteria=criteria, status=400)


@login_required
@require_POST
def scorecard_put_in_force(request: HttpRequest, pk: int) -> HttpResponse:
    card = _scorecard(request, pk)
    form = f.PutInForceForm(request.POST)

    def put() -> Any:
        return services.dvk_scorecard_put_in_force(actor=request.user, scorecard=card,
                                                   valid_from=form.cleaned_data["valid_from"])  # fmt: skip

    if save_posted(request, form, put):
        messages.success(request, _("The version is in force from the date given."))
        return redirect("emulation:dvk_scorecard", card.pk)
    return _scorecard_page(request, card, in_force=form, status=400)
