"""Consultations' figures per body and place (issue 19 item 5): the province page (a row per place — the
province's own level, then each commune — sortable, with the headline rates, a table per consulting body
and charts), the drill-down to one place (its bodies and each consultation), and the Excel/CSV export.

Thin over ``selectors.dashboards``: the scope, the sums and the rates are computed there. Bad choices (a
province outside the reader's scope, a year not in the list) answer the page with a clear message and
status 400, never a 500; a reader who may not read the figures at all gets 404 like any unknown page.
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

from danvan.consultations import choices
from danvan.consultations import permissions as cp
from danvan.consultations.forms.dashboards import ASC, DESC, ProvinceForm, YearForm
from danvan.consultations.selectors import dashboards as sel
from danvan.core.errors import NotFound
from danvan.org import permissions
from danvan.org.choices import UnitLevel
from danvan.ui import charts
from danvan.ui.downloads import require_table_format, table_download

RATE_LABELS = {
    "views_answered": gettext_lazy("Views answered"),
    "summaries_on_time": gettext_lazy("Summaries published on time"),
    "households_share": gettext_lazy("Participants taking part for a household"),
}
_STATUS = dict(choices.Status.choices)
_CHANNEL = dict(choices.Channel.choices)
KEY_LABELS: dict[str, Any] = {
    "consultations": gettext_lazy("Consultations taking views in the period"),
    "opened": gettext_lazy("Opened in the period"),
    "closed": gettext_lazy("Closed in the period"),
    "published": gettext_lazy("Summaries published in the period"),
    **{f"status_{value}": _STATUS[value] for value in ("open", "closed", "published", "withdrawn")},
    "participants": gettext_lazy("Participants"),
    "households": gettext_lazy("Of whom for a household"),
    **{f"channel_{value}": _CHANNEL[value] for value in _CHANNEL},
    "people_all_channels": gettext_lazy("People, every channel"),
    "comments": gettext_lazy("Published comments"),
    "comments_answered": gettext_lazy("Published comments answered"),
    "comments_keyed": gettext_lazy("Comments keyed in from other channels"),
    "comments_hidden": gettext_lazy("Comments hidden"),
    "statements": gettext_lazy("Statements"),
    "votes": gettext_lazy("Votes on the platform"),
    "votes_counted": gettext_lazy("Votes counted at meetings and from ballots"),
    "summaries_due": gettext_lazy("Summaries due in the period"),
    "summaries_on_time": gettext_lazy("Published on time"),
    "summaries_late": gettext_lazy("Published late"),
    "summaries_overdue": gettext_lazy("Overdue, not yet published"),
}
# The counts grouped as the place page shows them.
GROUPS: list[tuple[Any, tuple[str, ...]]] = [
    (gettext_lazy("Consultations"), ("consultations", "opened", "closed", "published", *sel.STATUS_KEYS)),
    (gettext_lazy("Participation"), ("participants", "households", "people_all_channels")),
    (gettext_lazy("People by channel"), sel.CHANNEL_KEYS),
    (gettext_lazy("Views"), ("comments", "comments_answered", "comments_keyed", "comments_hidden", "statements",
                             "votes", "votes_counted")),
    (gettext_lazy("Summaries (Art. 11(11))"), ("summaries_due", "summaries_on_time", "summaries_late",
                                              "summaries_overdue")),
]  # fmt: skip
COLUMNS = ("consultations", "participants", "households")  # the counts beside the rates in the tables


def _may_view(request: HttpRequest) -> None:
    if not permissions.user_may(request.user, cp.VIEW_DASHBOARD):
        raise Http404


def _query(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def place_url(row: sel.PlaceRow, year: int) -> str:
    name = "consultations:dashboard_province_level" if row.is_province else "consultations:dashboard_commune"
    return f"{reverse(name, args=[row.unit.code])}?{_query(year=year)}"


def _province_form(request: HttpRequest) -> ProvinceForm:
    provinces = sel.visible_provinces(request.user)
    if not provinces:
        raise Http404
    defaults = {"province": str(provinces[0].code), "year": str(sel.default_year()), "sort": "name", "order": ASC}
    data = {key: request.GET.get(key) or value for key, value in defaults.items()}
    form = ProvinceForm(data, provinces=provinces)
    form.is_valid()
    return form


def place_name(row: sel.PlaceRow) -> str:
    if row.is_province:
        return _("%(province)s (province level)") % {"province": row.unit.name}
    return row.unit.name


def _cells(figures: sel.Figures) -> dict[str, Any]:
    return {"counts": [figures.count(k) for k in COLUMNS], "rates": [figures.rate(n) for n in sel.HEADLINE]}


def _charts(rows: list[tuple[str, str, sel.Figures]], where: str, year: int) -> list[tuple[str, Any]]:
    """One bar chart per headline rate, a bar per row (linking where the row links)."""
    made = []
    for name in sel.HEADLINE:
        bars = [charts.BarRow(label, f.rate(name).percent_float, href=href) for label, href, f in rows]
        title = _("%(rate)s (%%), %(where)s, %(year)s") % {"rate": RATE_LABELS[name], "where": where, "year": year}
        made.append((title, charts.bars_with_intervals(bars, title=title)))
    return made


def _headers(base: str, code: int, year: int, sort: str, order: str) -> list[dict[str, Any]]:
    labels = {"name": _("Place"), **{k: KEY_LABELS[k] for k in COLUMNS}, **RATE_LABELS}
    headers = []
    for name in ("name", "consultations", "participants", *sel.HEADLINE):
        current = name == sort
        flip = DESC if current and order == ASC else ASC
        headers.append({
            "label": labels[name],
            "href": f"{base}?{_query(province=code, year=year, sort=name, order=flip)}",
            "aria_sort": ("descending" if order == DESC else "ascending") if current else "",
        })  # fmt: skip
    return headers


@login_required
@never_cache
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    form = _province_form(request)
    context: dict[str, Any] = {"form": form, "report": None}
    if not form.is_valid():
        return render(request, "consultations/dashboards/province.html", context, status=400)
    code, year = form.cleaned_data["province"], form.cleaned_data["year"]
    sort, order = form.cleaned_data.get("sort") or "name", form.cleaned_data.get("order") or ASC
    report = sel.province_report(request.user, province_code=code, period=sel.Period.year(year))
    rows = sel.sorted_places(report.places, sort, descending=order == DESC)
    q = _query(province=code, year=year)
    context.update(
        report=report,
        year=year,
        headline=[(RATE_LABELS[n], r) for n, r in report.total.headline.items()],
        totals=[(KEY_LABELS[k], report.total.count(k)) for k in ("consultations", *COLUMNS[1:])],
        headers=_headers(reverse("consultations:dashboard"), code, year, sort, order),
        rows=[(place_name(r), place_url(r, year), _cells(r.figures)) for r in rows],
        total_cells=_cells(report.total),
        bodies=[(b.organization.name, _cells(b.figures)) for b in report.bodies],
        columns=[KEY_LABELS[k] for k in COLUMNS] + [RATE_LABELS[n] for n in sel.HEADLINE],
        charts=_charts([(place_name(r), place_url(r, year), r.figures) for r in report.places],
                       _("by place"), year),
        export_xlsx=f"{reverse('consultations:dashboard_export', args=['xlsx'])}?{q}",
        export_csv=f"{reverse('consultations:dashboard_export', args=['csv'])}?{q}",
    )  # fmt: skip
    return render(request, "consultations/dashboards/province.html", context)


def count_groups(figures: sel.Figures) -> list[tuple[str, list[tuple[str, int]]]]:
    return [(str(label), [(str(KEY_LABELS[k]), figures.count(k)) for k in keys]) for label, keys in GROUPS]


def _place(request: HttpRequest, level: str, code: int) -> HttpResponse:
    _may_view(request)
    form = YearForm({"year": request.GET.get("year") or str(sel.default_year())})
    if not form.is_valid():
        return render(request, "consultations/dashboards/place.html", {"form": form, "row": None}, status=400)
    year = form.cleaned_data["year"]
    try:
        report, row = sel.place_report(request.user, level=level, code=code, period=sel.Period.year(year))
    except NotFound:
        raise Http404 from None
    rates = list(row.figures.rates.items())
    back = f"{reverse('consultations:dashboard')}?{_query(province=report.province.code, year=year)}"
    detail = [
        (c.consultation, _STATUS.get(c.consultation.status, c.consultation.status), c.consultation.organization.name,
         _cells(c.figures))
        for c in row.consultations
    ]  # fmt: skip
    context = {
        "form": form, "row": row, "name": place_name(row), "year": year, "back": back,
        "rates": [(RATE_LABELS[n], r) for n, r in rates],
        "groups": count_groups(row.figures),
        "bodies": [(b.organization.name, _cells(b.figures)) for b in row.bodies],
        "consultations": detail,
        "columns": [KEY_LABELS[k] for k in COLUMNS] + [RATE_LABELS[n] for n in sel.HEADLINE],
        "charts": _charts([(b.organization.name, "", b.figures) for b in row.bodies], _("by body"), year),
    }  # fmt: skip
    return render(request, "consultations/dashboards/place.html", context)


@login_required
@never_cache
@require_GET
def commune(request: HttpRequest, code: int) -> HttpResponse:
    return _place(request, UnitLevel.COMMUNE, code)


@login_required
@never_cache
@require_GET
def province_level(request: HttpRequest, code: int) -> HttpResponse:
    return _place(request, UnitLevel.PROVINCE, code)


# Export -------------------------------------------------------------------------------------------------------


def export_header() -> list[str]:
    rates = [f"{RATE_LABELS[name]} (%)" for name in sel.RATES]
    counts = [str(KEY_LABELS[key]) for key in sel.KEYS]
    return [_("Province"), _("Place"), _("GSO code"), _("Body"), _("Consultation"), _("Status"), _("Year"),
            *rates, *counts]  # fmt: skip


def _shown(rate: Any) -> float | str:
    """A rate as an Excel cell: the number (rounded as on the page), or "—" when the denominator is 0."""
    value = rate.percent_float
    return "—" if value is None else value


def export_rows(report: sel.ProvinceReport) -> list[list[Any]]:
    """A row per consultation, then a row per place (all its bodies), then the province's total."""

    def values(f: sel.Figures) -> list[Any]:
        return [*(_shown(f.rate(name)) for name in sel.RATES), *(f.count(key) for key in sel.KEYS)]

    year = report.period.start.year
    province = report.province.name
    rows: list[list[Any]] = []
    for place in report.places:
        for c in place.consultations:
            item = c.consultation
            rows.append([province, place_name(place), place.unit.code, item.organization.name, item.title,
                         str(_STATUS.get(item.status, item.status)), year, *values(c.figures)])  # fmt: skip
    for place in report.places:
        rows.append([province, place_name(place), place.unit.code, _("All bodies"), _("All consultations"), "", year,
                     *values(place.figures)])  # fmt: skip
    rows.append([province, _("Total"), report.province.code, _("All bodies"), _("All consultations"), "", year,
                 *values(report.total)])  # fmt: skip
    return rows


@login_required
@never_cache
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    _may_view(request)
    form = _province_form(request)
    if not form.is_valid():
        return render(request, "consultations/dashboards/province.html", {"form": form, "report": None}, status=400)
    code, year = form.cleaned_data["province"], form.cleaned_data["year"]
    report = sel.province_report(request.user, province_code=code, period=sel.Period.year(year))
    return table_download(fmt, export_header(), export_rows(report), sheet="gop_y",
                          filename=f"gop-y-du-thao-{code}-{year}.{fmt}")  # fmt: skip
