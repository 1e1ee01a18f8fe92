"""Grassroots democracy's figures per commune and up the tree (issue 16 item 6): the province view (a row
per commune, sortable, the three headline rates and their counts, with charts), the drill-down to one
commune (every part's figures), and the Excel/CSV export.

Thin over ``selectors.dashboards``: the scope, the sums and the rates are computed there. Bad choices (a
province outside the reader's scope, a year not in the list) answer the page with a clear message and
status 400, never a 500; a reader who may not see the dashboards at all gets 404 like any unknown page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.core.errors import NotFound
from danvan.democracy import permissions as dp
from danvan.democracy.forms.dashboards import ASC, DESC, ProvinceForm, YearForm
from danvan.democracy.selectors import dashboards as sel
from danvan.org import permissions
from danvan.ui import charts
from danvan.ui.downloads import require_table_format, table_download

# What each rate and each part's count is called on the pages and in the export.
RATE_LABELS = {
    "disclosures_on_time": gettext_lazy("Disclosures on time"),
    "disclosure_channels_complete": gettext_lazy("Disclosures on every required channel"),
    "decisions_recognised_on_time": gettext_lazy("Decisions recognised on time"),
    "records_sent_on_time": gettext_lazy("Meeting records sent on time"),
    "recommendations_answered_on_time": gettext_lazy("Board recommendations answered on time"),
    "online_turnout": gettext_lazy("Households that voted online"),
    "conferences_held": gettext_lazy("Villages that held their yearly conference"),
}
PART_LABELS = {
    "disclosures": gettext_lazy("Disclosures"),
    "decisions": gettext_lazy("Community decisions"),
    "voting": gettext_lazy("Online voting"),
    "boards": gettext_lazy("People's inspection and community investment supervision boards"),
    "conferences": gettext_lazy("Yearly community conferences"),
}
KEY_LABELS = {
    ("disclosures", "disclosures"): gettext_lazy("Items disclosed"),
    ("disclosures", "on_time"): gettext_lazy("Published on time"),
    ("disclosures", "late"): gettext_lazy("Published late"),
    ("disclosures", "overdue_unpublished"): gettext_lazy("Overdue, not yet published"),
    ("disclosures", "channels_complete"): gettext_lazy("On every required channel"),
    ("disclosures", "channels_incomplete"): gettext_lazy("Missing a required channel"),
    ("decisions", "matters"): gettext_lazy("Matters put to the community"),
    ("decisions", "passed"): gettext_lazy("Passed"),
    ("decisions", "failed"): gettext_lazy("Not passed"),
    ("decisions", "records_sent_on_time"): gettext_lazy("Records sent on time"),
    ("decisions", "records_sent_late"): gettext_lazy("Records sent late"),
    ("decisions", "records_overdue"): gettext_lazy("Records overdue"),
    ("decisions", "recognised_on_time"): gettext_lazy("Recognised on time"),
    ("decisions", "recognised_late"): gettext_lazy("Recognised late"),
    ("decisions", "recognition_overdue"): gettext_lazy("Recognition overdue"),
    ("voting", "online_rounds"): gettext_lazy("Online voting rounds"),
    ("voting", "online_households_voted"): gettext_lazy("Households that voted online"),
    ("voting", "online_households_total"): gettext_lazy("Households called to vote online"),
    ("boards", "boards"): gettext_lazy("Boards"),
    ("boards", "boards_meeting_rules"): gettext_lazy("Boards meeting the rules"),
    ("boards", "recommendations"): gettext_lazy("Recommendations"),
    ("boards", "answered_on_time"): gettext_lazy("Answered on time"),
    ("boards", "answered_late"): gettext_lazy("Answered late"),
    ("boards", "unanswered_overdue"): gettext_lazy("Unanswered, overdue"),
    ("conferences", "villages"): gettext_lazy("Villages and residential groups"),
    ("conferences", "conferences_held"): gettext_lazy("Conferences held"),
}


def _may_view(request: HttpRequest) -> None:
    if not permissions.user_may(request.user, dp.VIEW_DASHBOARD):
        raise Http404


def _query(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def commune_url(code: int, year: int) -> str:
    return f"{reverse('democracy:dashboard_commune', args=[code])}?{_query(year=year)}"


def _province_form(request: HttpRequest) -> ProvinceForm:
    provinces = sel.visible_provinces(request.user)
    if not provinces:
        raise Http404
    defaults = {"province": str(provinces[0].code), "year": str(sel.default_year()), "sort": "name", "order": ASC}
    data = {key: request.GET.get(key) or value for key, value in defaults.items()}
    form = ProvinceForm(data, provinces=provinces)
    form.is_valid()
    return form


def _rate_cells(figures: sel.Figures) -> list[tuple[str, sel.Rate]]:
    return [(name, figures.rate(name)) for name in sel.HEADLINE]


def _province_charts(report: sel.ProvinceReport) -> list[tuple[str, str, Any]]:
    """One chart per headline rate, a bar per commune (linking to its drill-down)."""
    made = []
    for name in sel.HEADLINE:
        rows = [
            charts.BarRow(row.commune.name, row.figures.rate(name).percent_float,
                          href=commune_url(row.commune.code, report.year))
            for row in report.communes
        ]  # fmt: skip
        title = _("%(rate)s (%%), by commune, %(year)s") % {"rate": RATE_LABELS[name], "year": report.year}
        made.append((name, title, charts.bars_with_intervals(rows, title=title)))
    return made


@login_required
@never_cache
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    form = _province_form(request)
    context: dict[str, Any] = {"form": form, "report": None}
    if not form.is_valid():
        return render(request, "democracy/dashboards/province.html", context, status=400)
    code, year = form.cleaned_data["province"], form.cleaned_data["year"]
    sort, order = form.cleaned_data.get("sort") or "name", form.cleaned_data.get("order") or ASC
    report = sel.province_report(request.user, province_code=code, year=year)
    rows = sel.sorted_rows(report.communes, sort, descending=order == DESC)
    base = reverse("democracy:dashboard")
    headers = []
    for name in ("name", *sel.HEADLINE):
        current = name == sort
        flip = DESC if current and order == ASC else ASC
        headers.append({
            "name": name,
            "label": _("Commune") if name == "name" else RATE_LABELS[name],
            "href": f"{base}?{_query(province=code, year=year, sort=name, order=flip)}",
            "aria_sort": ("descending" if order == DESC else "ascending") if current else "",
        })  # fmt: skip
    q = _query(province=code, year=year)
    context.update(
        report=report,
        headline=[(RATE_LABELS[n], r) for n, r in _rate_cells(report.total)],
        headers=headers,
        rows=[(row, commune_url(row.commune.code, year), _rate_cells(row.figures)) for row in rows],
        charts=_province_charts(report),
        export_xlsx=f"{reverse('democracy:dashboard_export', args=['xlsx'])}?{q}",
        export_csv=f"{reverse('democracy:dashboard_export', args=['csv'])}?{q}",
    )
    return render(request, "democracy/dashboards/province.html", context)


def part_tables(figures: sel.Figures) -> list[tuple[str, list[tuple[str, int]]]]:
    """Each part's named counts, in the pages' order."""
    return [
        (str(PART_LABELS[part]), [(str(label), figures.count(p, key)) for (p, key), label in KEY_LABELS.items()
                                  if p == part])
        for part in sel.PARTS
    ]  # fmt: skip


@login_required
@never_cache
@require_GET
def commune(request: HttpRequest, code: int) -> HttpResponse:
    _may_view(request)
    form = YearForm({"year": request.GET.get("year") or str(sel.default_year())})
    if not form.is_valid():
        return render(request, "democracy/dashboards/commune.html", {"form": form, "row": None}, status=400)
    year = form.cleaned_data["year"]
    try:
        row = sel.commune_report(request.user, commune_code=code, year=year)
    except NotFound:
        raise Http404 from None
    rates = [(RATE_LABELS[name], rate) for name, rate in row.figures.rates.items()]
    title = _("Rates of %(commune)s (%%), %(year)s") % {"commune": row.commune.name, "year": year}
    chart = charts.bars_with_intervals([charts.BarRow(str(label), r.percent_float) for label, r in rates], title=title)
    province = row.commune.province
    back = reverse("democracy:dashboard") + "?" + _query(province=province.code if province else "", year=year)
    context = {"form": form, "row": row, "year": year, "rates": rates, "chart": chart, "chart_title": title,
               "parts": part_tables(row.figures), "back": back}  # fmt: skip
    return render(request, "democracy/dashboards/commune.html", context)


# Export -------------------------------------------------------------------------------------------------------


def export_header() -> list[str]:
    rates = [f"{RATE_LABELS[name]} (%)" for name in sel.RATES]
    counts = [f"{PART_LABELS[part]}: {label}" for (part, _key), label in KEY_LABELS.items()]
    return [_("Province"), _("Commune"), _("GSO code"), _("Year"), *rates, *counts]


def _shown(rate: sel.Rate) -> float | str:
    """A rate as an Excel cell: the number (rounded as on the page), or "—" when nothing fell due."""
    value = rate.percent_float
    return "—" if value is None else value


def export_rows(report: sel.ProvinceReport) -> list[list[Any]]:
    def values(f: sel.Figures) -> list[Any]:
        rates = [_shown(f.rate(name)) for name in sel.RATES]
        return [*rates, *(f.count(part, key) for part, key in KEY_LABELS)]

    province = report.province.name
    rows = [[province, r.commune.name, r.commune.code, report.year, *values(r.figures)] for r in report.communes]
    rows.append([province, _("Total"), "", report.year, *values(report.total)])
    return rows


@login_required
@never_cache
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    _may_view(request)
    form = _province_form(request)
    if not form.is_valid():
        return render(request, "democracy/dashboards/province.html", {"form": form, "report": None}, status=400)
    code, year = form.cleaned_data["province"], form.cleaned_data["year"]
    report = sel.province_report(request.user, province_code=code, year=year)
    return table_download(fmt, export_header(), export_rows(report), sheet="dan_chu_co_so",
                          filename=f"dan-chu-co-so-{code}-{year}.{fmt}")  # fmt: skip
