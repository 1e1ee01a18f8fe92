"""The yearly dân vận evaluation's pages (staff): the year's evaluations of the units in scope, ranked,
with charts, the trend over years and the export; one unit's evaluation with each indicator's figure,
points and source and the committee's form; the methodology.

Thin: parse, call one selector or service, render. A reader who may not see evaluations gets 404."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.emulation.forms.evaluation import GRADE_LABELS, ConfirmForm, MethodologyForm, RunForm, YearForm
from danvan.emulation.selectors import evaluation as sel
from danvan.emulation.selectors import evaluation_indicators as ind
from danvan.emulation.services import evaluation as services
from danvan.ui import charts
from danvan.ui.downloads import require_table_format, table_download
from danvan.ui.forms import form_status, save_posted

PAGE_SIZE = 100

WHY_LABELS = {
    ind.NO_PROVIDER: gettext_lazy("not measured: the platform does not record this yet"),
    ind.NO_DATA: gettext_lazy("not measured: no data of this unit for the year"),
    ind.TOO_FEW: gettext_lazy("not measured: too few people answered the survey"),
    ind.NOT_APPLICABLE: gettext_lazy("not measured: not a duty of this kind of body"),
    ind.NOT_DUE_YET: gettext_lazy("not measured yet: the year-end review of the commitments has not closed"),
    ind.YEARLY_ONLY: gettext_lazy("shown in the yearly evaluation"),
}
STATUS_LABELS = {
    "proposed": gettext_lazy("Proposed, awaiting the committee"),
    "confirmed": gettext_lazy("Confirmed by the committee"),
    "superseded": gettext_lazy("Replaced by a later version"),
}


def _may_view(request: HttpRequest) -> None:
    if not sel.may_view(request.user):
        raise Http404


def grade_label(code: str) -> str:
    return str(GRADE_LABELS.get(code, "")) if code else ""


def _year_form(request: HttpRequest) -> YearForm:
    form = YearForm({"year": request.GET.get("year") or str(sel.default_year())})
    form.is_valid()
    return form


def unit_url(pk: int) -> str:
    return reverse("emulation:evaluation_unit", args=[pk])


@login_required
@never_cache
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    form = _year_form(request)
    context: dict[str, Any] = {"form": form, "ranking": None, "provisional": False,
                               "run_form": RunForm(initial={"year": sel.default_year()}),
                               "may_run": sel.may_run(request.user)}  # fmt: skip
    if not form.is_valid():
        return render(request, "emulation/evaluation/dashboard.html", context, status=400)
    year = form.cleaned_data["year"]
    window = sel.window(year)
    if window.opens_on is not None and not window.open:
        return _year_to_date(request, context, year, window)
    ranked = sel.year_ranking(request.user, year=year)
    # The ranks are computed over every unit (one query, without the indicators); the table and its chart
    # show a page of them.
    page = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("page"))
    ranking = list(page.object_list)
    trend = sel.trend(request.user, until=year)
    bars_title = _("Score of each unit, %(year)s (0–100)") % {"year": year}
    trend_title = _("Mean score of the units, by year (0–100)")
    rows = [(r, grade_label(r.evaluation.shown_grade), STATUS_LABELS[r.evaluation.status]) for r in ranking]
    q = urlencode({"year": year})
    context.update(
        year=year, ranking=rows, page=page, units=len(ranked),
        bars=charts.bars_with_intervals(
            [charts.BarRow(r.evaluation.organization.name, r.evaluation.score, href=unit_url(r.evaluation.pk))
             for r in ranking], title=bars_title),
        bars_title=bars_title,
        trend=charts.trend_lines([charts.TrendPoint(str(p.year), p.mean) for p in trend], title=trend_title),
        trend_title=trend_title,
        trend_rows=[(p, [(grade_label(g), p.grades.get(g, 0)) for g in GRADE_LABELS]) for p in trend],
        export_xlsx=f"{reverse('emulation:evaluation_export', args=['xlsx'])}?{q}",
        export_csv=f"{reverse('emulation:evaluation_export', args=['csv'])}?{q}",
    )  # fmt: skip
    return render(request, "emulation/evaluation/dashboard.html", context)


def _year_to_date(request: HttpRequest, context: dict[str, Any], year: int, window: sel.Window) -> HttpResponse:
    """A year whose window is not open yet: each unit's figures to date, read now (never stored, no score,
    no grade), a page of the units the reader may see at a time."""
    page = Paginator(sel.scope(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = sel.year_to_date(list(page.object_list), year=year)
    context.update(year=year, provisional=True, opens_on=window.opens_on, measured_on=clock.today(), page=page,
                   ytd=[(r, _shown(r.lines)) for r in rows], units=page.paginator.count)  # fmt: skip
    return render(request, "emulation/evaluation/dashboard.html", context)


@login_required
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    if not sel.may_run(request.user):
        raise Http404
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the year to evaluate, for example 2025."))
        return redirect("emulation:evaluation_dashboard")
    year = form.cleaned_data["year"]
    try:
        result = services.evaluation_run(user=request.user, organizations=sel.organizations_for_run(request.user),
                                         year=year)  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("emulation:evaluation_dashboard")
    if result.queued:
        messages.success(request, _("%(n)s units are being evaluated in the background; come back in a few minutes.")
                         % {"n": result.queued})  # fmt: skip
    else:
        messages.success(request, _("Proposals computed: %(computed)s; confirmed evaluations left as they are: "
                                    "%(frozen)s.") % {"computed": result.computed, "frozen": result.frozen})  # fmt: skip
    return redirect(f"{reverse('emulation:evaluation_dashboard')}?{urlencode({'year': year})}")


def _shown(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Indicator lines (stored or provisional) with the words of why one is not measured and the interval."""
    out = []
    for line in lines:
        figure = line.get("figure")
        shown = dict(line)
        shown["why_label"] = WHY_LABELS.get(line.get("why") or "", "") if figure is None else ""
        if figure is not None and figure.get("lower") is not None:
            shown["interval"] = charts.value_with_interval(figure["value"], figure["lower"], figure["upper"])
        out.append(shown)
    return out


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    try:
        evaluation = sel.evaluation_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    may_confirm = sel.may_confirm(request.user, evaluation)
    # A top-level unit: say why nobody confirms it here instead of just showing no form.
    no_evaluating_level = sel.evaluating_level(evaluation.organization) is None
    initial = {"grade": evaluation.shown_grade or None}
    form = ConfirmForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not may_confirm:
            raise Http404
        if form.is_valid():
            try:
                done = services.evaluation_confirm(user=request.user, evaluation=evaluation, **form.cleaned_data)
            except DomainError as exc:
                form.add_error("reason" if exc.code == "evaluation_reason_required" else None, exc.message)
            else:
                messages.success(request, _("The grade is confirmed: %(grade)s.") % {"grade": grade_label(done.grade)})
                return redirect("emulation:evaluation_unit", pk=done.pk)
    trend = sel.trend(request.user, until=evaluation.year, organization_id=evaluation.organization_id)
    trend_title = _("Score of %(unit)s, by year (0–100)") % {"unit": evaluation.organization.name}
    history = [(v, grade_label(v.grade), STATUS_LABELS[v.status]) for v in sel.evaluation_history(evaluation)]
    context = {
        "e": evaluation, "lines": _shown(evaluation.lines), "form": form, "may_confirm": may_confirm,
        "no_evaluating_level": no_evaluating_level,
        "proposed_label": grade_label(evaluation.proposed_grade), "grade_label": grade_label(evaluation.grade),
        "status_label": STATUS_LABELS[evaluation.status], "history": history,
        "trend": charts.trend_lines([charts.TrendPoint(str(p.year), p.mean) for p in trend], title=trend_title),
        "trend_title": trend_title,
        "back": f"{reverse('emulation:evaluation_dashboard')}?{urlencode({'year': evaluation.year})}",
    }  # fmt: skip
    return render(request, "emulation/evaluation/unit.html", context, status=400 if form.errors else 200)


def export_header() -> list[str]:
    return [_("Rank"), _("Unit"), _("Year"), _("Score (0–100)"), _("Share of the weight measured (%)"),
            _("Proposed grade"), _("Grade"), _("Status"), _("Version"), _("Figures as of")]  # fmt: skip


def export_rows(ranking: list[sel.Ranked]) -> list[list[Any]]:
    return [
        [r.rank if r.rank is not None else "—", r.evaluation.organization.name, r.evaluation.year,
         r.evaluation.score if r.evaluation.score is not None else "—", round(100 * r.evaluation.measured_share, 1),
         grade_label(r.evaluation.proposed_grade), grade_label(r.evaluation.grade), str(STATUS_LABELS[r.evaluation.status]),
         r.evaluation.version, r.evaluation.measured_on.strftime("%d/%m/%Y")]
        for r in ranking
    ]  # fmt: skip


@login_required
@never_cache
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    _may_view(request)
    form = _year_form(request)
    if not form.is_valid():
        raise Http404
    year = form.cleaned_data["year"]
    ranking = sel.year_ranking(request.user, year=year)
    return table_download(fmt, export_header(), export_rows(ranking), sheet="danh_gia_dan_van",
                          filename=f"danh-gia-dan-van-{year}.{fmt}")  # fmt: skip


@login_required
@never_cache
@require_GET
def methodology(request: HttpRequest) -> HttpResponse:
    if not (sel.may_view(request.user) or sel.may_manage_methodology(request.user)):
        raise Http404
    versions = list(sel.methodology_list())
    return render(request, "emulation/evaluation/methodology.html",
                  {"versions": versions, "grade_labels": [(g, GRADE_LABELS[g]) for g in GRADE_LABELS],
                   "may_manage": sel.may_manage_methodology(request.user)})  # fmt: skip


def _managed(request: HttpRequest, pk: int) -> Any:
    if not sel.may_manage_methodology(request.user):
        raise Http404
    try:
        return sel.methodology_get(pk)
    except NotFound:
        raise Http404 from None


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def methodology_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change weights, steps, grade minimums and the opening day; a confirmed version becomes a new draft."""
    current = _managed(request, pk)
    form = MethodologyForm(request.POST or None, methodology=current)
    if saved := save_posted(request, form, lambda: services.methodology_edit(
            user=request.user, methodology=current, indicators=form.indicators(), grade_minimums=form.grade_minimums(),
            opens=form.opens(), note=form.cleaned_data["note"])):  # fmt: skip
        messages.success(request, _("Saved as version %(version)s (draft): confirm it to use it.")
                         % {"version": saved.result.version})  # fmt: skip
        return redirect("emulation:evaluation_methodology")
    return render(request, "emulation/evaluation/methodology_edit.html", {"m": current, "form": form},
                  status=form_status(form))  # fmt: skip


@login_required
@require_POST
def methodology_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    current = _managed(request, pk)
    try:
        done = services.methodology_confirm(user=request.user, methodology=current)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Version %(version)s is confirmed.") % {"version": done.version})
    return redirect("emulation:evaluation_methodology")
