"""The per-official figures' pages (staff): a unit's officials with their figures for a year (CSV/Excel),
and one official's sheet with each figure, its source and the page behind it. Inputs to the head's
evaluation: no grade, no score.

Thin: parse, call one selector, render. Who may read follows the Chỉ thị 05 reviews (the person, his head,
an evaluator from above); anyone else gets 404, as for a commitment's reviews."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.core import parsing
from danvan.core.errors import NotFound
from danvan.emulation.forms.evaluation_people import PeopleFilterForm, SheetYearForm
from danvan.emulation.selectors import evaluation_indicators as ind
from danvan.emulation.selectors import evaluation_people as sel
from danvan.emulation.selectors.evaluation import default_year
from danvan.ui.downloads import require_table_format, table_download

WHY_LABELS = {
    ind.NO_PROVIDER: gettext_lazy("not measured: the platform does not record this yet"),
    ind.NO_DATA: gettext_lazy("not measured: no data of this official for the year"),
    ind.NOT_APPLICABLE: gettext_lazy("not measured: not this official's duty"),
}


def shown(measured: ind.Measured, kind: str) -> str:
    """A figure as the pages and the export show it: "75% (3/4)", "2", or "not measured"."""
    figure = measured.figure
    if figure is None:
        return str(_("not measured"))
    if kind == "share":
        return f"{figure.value:g}% ({figure.numerator}/{figure.denominator})"
    return f"{figure.value:g}"


def _cells(sheet: sel.Sheet) -> list[dict[str, Any]]:
    return [
        {"key": line.indicator.key, "label": line.indicator.label, "source": line.indicator.source,
         "text": shown(line.measured, line.indicator.kind), "figure": line.measured.figure,
         "why_label": WHY_LABELS.get(line.measured.why, "") if line.measured.figure is None else ""}
        for line in sheet.lines
    ]  # fmt: skip


def person_url(organization_pk: int, person_pk: int, year: int) -> str:
    url = reverse("emulation:evaluation_person", args=[organization_pk, person_pk])
    return f"{url}?{urlencode({'year': year})}"


def _filters(request: HttpRequest) -> tuple[PeopleFilterForm, Any, bool]:
    """The form, the unit asked for (gated: a unit the reader may not see is 404 before anything else is read)
    and whether the reader has any unit at all."""
    units = list(sel.units_for(request.user)[: sel.PICKER_CAP])
    raw = request.GET.get("don_vi", "")
    unit = None
    if raw:
        try:
            unit = sel.unit_get_for(user=request.user, pk=parsing.object_id(raw) or 0)
        except NotFound:
            raise Http404 from None
        if unit not in units:  # past the picker's cap: still his to read
            units.append(unit)
    elif units:
        unit = units[0]
    data = {"don_vi": str(unit.pk) if unit else "", "year": request.GET.get("year") or str(default_year())}
    form = PeopleFilterForm(data, units=units)
    form.is_valid()
    return form, unit, bool(units)


@login_required
@never_cache
@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/thi-dua/danh-gia/can-bo/?don_vi=&year=``: the officials of a unit with their figures. An
    official who evaluates nobody is sent to his own sheet."""
    form, unit, any_unit = _filters(request)
    if not any_unit:
        own = sel.own_units(request.user).first()
        if own is None or request.user.pk is None:
            raise Http404
        return redirect(person_url(own.pk, request.user.pk, form.cleaned_data.get("year") or default_year()))
    context: dict[str, Any] = {"form": form, "rows": None, "indicators": sel.person_indicators()}
    if not form.is_valid():
        return render(request, "emulation/evaluation/people_list.html", context, status=400)
    year = form.cleaned_data["year"]
    q = urlencode({"don_vi": unit.pk, "year": year})
    context.update(
        unit=unit, year=year,
        rows=[(s, person_url(unit.pk, s.person.pk, year), _cells(s)) for s in sel.unit_sheets(unit, year)],
        export_xlsx=f"{reverse('emulation:evaluation_people_export', args=['xlsx'])}?{q}",
        export_csv=f"{reverse('emulation:evaluation_people_export', args=['csv'])}?{q}",
    )  # fmt: skip
    return render(request, "emulation/evaluation/people_list.html", context)


def export_header() -> list[str]:
    return [_("Official"), _("Unit"), _("Year"), *[str(i.label) for i in sel.person_indicators()]]


def export_rows(sheets: list[sel.Sheet]) -> list[list[Any]]:
    return [
        [s.person.get_full_name() or s.person.get_username(), s.organization.name, s.year,
         *[shown(line.measured, line.indicator.kind) for line in s.lines]]
        for s in sheets
    ]  # fmt: skip


@login_required
@never_cache
@require_GET
def people_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    form, unit, _any_unit = _filters(request)
    if unit is None or not form.is_valid():
        raise Http404
    year = form.cleaned_data["year"]
    return table_download(fmt, export_header(), export_rows(sel.unit_sheets(unit, year)), sheet="can_bo",
                          filename=f"so-lieu-can-bo-{unit.pk}-{year}.{fmt}")  # fmt: skip


@login_required
@never_cache
@require_GET
def person_sheet(request: HttpRequest, organization_pk: int, person_pk: int) -> HttpResponse:
    """One official's figures in a unit for a year, each with its source and the page behind it."""
    form = SheetYearForm({"year": request.GET.get("year") or str(default_year())})
    try:
        # The gate first: a reader who may not see this sheet learns nothing, whatever the year says.
        sheet = sel.person_sheet_for(user=request.user, organization_pk=organization_pk, person_pk=person_pk,
                                     year=form.cleaned_data["year"] if form.is_valid() else default_year())  # fmt: skip
    except NotFound:
        raise Http404 from None
    context = {
        "sheet": sheet, "cells": _cells(sheet), "form": form, "own": sheet.person.pk == request.user.pk,
        "back": f"{reverse('emulation:evaluation_people')}?{urlencode({'don_vi': organization_pk, 'year': sheet.year})}",
        "may_list": sel.units_for(request.user).filter(pk=organization_pk).exists(),
    }  # fmt: skip
    return render(request, "emulation/evaluation/people_sheet.html", context, status=400 if form.errors else 200)
