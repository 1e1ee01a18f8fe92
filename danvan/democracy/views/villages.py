"""The villages part's pages. Public (no account): ``/dan-chu/`` (the communes that have villages) and
``/dan-chu/<commune code>/`` (the commune's page: its villages with household counts, then every
part's section). Officers: villages and households under ``/van-hanh/dan-chu/thon/``. Views parse,
call and render; a page an officer may not use answers "not found"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import tabular
from danvan.core.errors import DomainError, NotFound
from danvan.democracy import sections
from danvan.democracy.forms import villages as f
from danvan.democracy.permissions import MANAGE_VILLAGES, VIEW_HOUSEHOLDS
from danvan.democracy.selectors import villages as selectors
from danvan.democracy.services import villages as services
from danvan.org import permissions

# Public -----------------------------------------------------------------------------------------------------


@require_GET
def communes(request: HttpRequest) -> HttpResponse:
    """``/dan-chu/``: the communes that keep their villages here, by province; ``?q=`` without diacritics."""
    query = request.GET.get("q", "")[:100]
    return render(request, "democracy/villages/communes.html",
                  {"groups": selectors.communes_public(query), "q": query})  # fmt: skip


@require_GET
def commune(request: HttpRequest, code: int) -> HttpResponse:
    """``/dan-chu/<code>/``: the commune's public page (no personal data)."""
    try:
        unit = selectors.commune_public(code)
    except NotFound:
        raise Http404 from None
    parts = []
    for section in sections.commune_sections():
        data = section.context(unit)
        if data is None:
            continue
        html = render_to_string(section.template, {"commune": unit, "data": data}, request=request)
        parts.append({"key": section.key, "title": section.title, "html": html})
    context = {"commune": unit, "villages": selectors.villages_public(unit), "sections": parts}
    return render(request, "democracy/villages/commune.html", context)


# Officers ---------------------------------------------------------------------------------------------------


def _require_any(request: HttpRequest) -> None:
    if not (permissions.user_may(request.user, MANAGE_VILLAGES) or permissions.user_may(request.user, VIEW_HOUSEHOLDS)):
        raise Http404


@login_required
@require_GET
def village_list(request: HttpRequest) -> HttpResponse:
    _require_any(request)
    villages = list(selectors.villages_for(request.user)[:1000])
    return render(request, "democracy/villages/staff_list.html", {
        "villages": villages, "may_manage": permissions.user_may(request.user, MANAGE_VILLAGES)})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def village_new(request: HttpRequest) -> HttpResponse:
    communes_ = selectors.communes_managed(request.user)
    if not communes_:
        raise Http404
    form = f.VillageForm(request.POST or None, communes=communes_)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            village = services.village_create(actor=request.user, commune=data["commune"], code=data["code"],
                                              name=data["name"], kind=data["kind"])  # fmt: skip
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The village was added."))
            return redirect("democracy:village_detail", pk=village.pk)
    return render(request, "democracy/villages/village_form.html", {"form": form, "village": None},
                  status=400 if form.errors else 200)  # fmt: skip


def _village(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.village_for(request.user, pk)
    except NotFound:
        raise Http404 from None


@login_required
@require_GET
def village_detail(request: HttpRequest, pk: int) -> HttpResponse:
    village = _village(request, pk)
    listing = selectors.village_households(request.user, village)
    return render(request, "democracy/villages/staff_detail.html", {"village": village, "listing": listing})


@login_required
@require_http_methods(["GET", "POST"])
def village_edit(request: HttpRequest, pk: int) -> HttpResponse:
    village = _village(request, pk)
    if not permissions.user_may(request.user, MANAGE_VILLAGES, village):
        raise Http404
    initial = {"name": village.name, "kind": village.kind}
    form = f.VillageForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.village_update(actor=request.user, village=village, name=form.cleaned_data["name"],
                                    kind=form.cleaned_data["kind"])  # fmt: skip
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The village was saved."))
            return redirect("democracy:village_detail", pk=village.pk)
    return render(request, "democracy/villages/village_form.html", {"form": form, "village": village},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def household_new(request: HttpRequest, pk: int) -> HttpResponse:
    village = _village(request, pk)
    if not permissions.user_may(request.user, MANAGE_VILLAGES, village):
        raise Http404
    form = f.HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_create(actor=request.user, village=village, **form.cleaned_data)
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The household was added."))
            return redirect("democracy:village_detail", pk=village.pk)
    return render(request, "democracy/villages/household_form.html",
                  {"form": form, "village": village, "household": None}, status=400 if form.errors else 200)  # fmt: skip


def _household(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.household_for(request.user, pk)
    except NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household(request, pk)
    initial = {k: getattr(household, k) for k in ("representative_name", "phone", "email", "members")}
    form = f.HouseholdForm(request.POST or None, initial=initial, editing=True)
    uncount = f.UncountForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.household_update(actor=request.user, household=household, **form.cleaned_data)
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The household was saved."))
            return redirect("democracy:village_detail", pk=household.village_id)
    return render(request, "democracy/villages/household_form.html",
                  {"form": form, "village": household.village, "household": household, "uncount": uncount},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_POST
def household_uncount(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household(request, pk)
    uncount = f.UncountForm(request.POST)
    if uncount.is_valid():
        try:
            services.household_uncount(actor=request.user, household=household, reason=uncount.cleaned_data["reason"])
        except DomainError as exc:
            uncount.refused(exc)
        else:
            messages.success(request, _("The household is no longer counted."))
            return redirect("democracy:village_detail", pk=household.village_id)
    initial = {k: getattr(household, k) for k in ("representative_name", "phone", "email", "members")}
    return render(request, "democracy/villages/household_form.html",
                  {"form": f.HouseholdForm(initial=initial, editing=True), "village": household.village,
                   "household": household, "uncount": uncount}, status=400)  # fmt: skip


_FILES = {
    "villages": (services.VILLAGE_COLUMNS, services.villages_import),
    "households": (services.HOUSEHOLD_COLUMNS, services.households_import),
}


def _import(request: HttpRequest, which: str) -> HttpResponse:
    if not permissions.user_may(request.user, MANAGE_VILLAGES):
        raise Http404
    columns, run = _FILES[which]
    form = f.ImportForm(request.POST or None, request.FILES or None)
    report = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = services.file_rows(upload.name, upload.read(), which=which)
        except tabular.FileError as exc:
            file_error = str(exc)
        else:
            report = run(actor=request.user, rows=rows, dry_run=form.cleaned_data["dry_run"],
                         reason=form.cleaned_data["reason"])  # fmt: skip
            if report.ok and not report.dry_run:
                messages.success(request, _("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                                 % {"created": report.created, "updated": report.updated,
                                    "unchanged": report.unchanged})  # fmt: skip
                return redirect("democracy:village_list")
    return render(request, "democracy/villages/import.html",
                  {"form": form, "report": report, "file_error": file_error, "columns": columns, "which": which},
                  status=400 if (report and not report.ok) or file_error else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def village_import(request: HttpRequest) -> HttpResponse:
    return _import(request, "villages")


@login_required
@require_http_methods(["GET", "POST"])
def household_import(request: HttpRequest) -> HttpResponse:
    return _import(request, "households")
