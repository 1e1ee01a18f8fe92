"""The report of receipt and handling (báo cáo tình hình tiếp nhận, giải quyết): per handling body,
the cases received in a period — by track; in progress, answered, decided, closed or ended otherwise
(``cases.selectors.REPORT_STAGES``, each case once); in progress past its deadline today —
within what the reader may see. Read from ``cases.selectors.case_report`` (one grouped query)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from danvan.cases import permissions as case_permissions
from danvan.cases import selectors
from danvan.cases.forms import staff as f
from danvan.cases.selectors import REPORT_COUNTS, ReportRow
from danvan.core import clock
from danvan.org import permissions
from danvan.org import selectors as org_selectors
from danvan.ui.downloads import require_table_format, table_download

PAGE_SIZE = 50


def _period(request: HttpRequest) -> tuple[f.ReportPeriodForm, dt.date, dt.date]:
    today = clock.today()
    default = {"start": today.replace(month=1, day=1), "end": today}
    form = f.ReportPeriodForm(request.GET if request.GET.get("start") or request.GET.get("end") else None,
                            initial=default)  # fmt: skip
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default["start"], default["end"]


def _require(request: HttpRequest) -> None:
    if not permissions.user_may(request.user, case_permissions.VIEW):
        raise Http404


def _totals(rows: list[ReportRow]) -> dict[str, int]:
    return {name: sum(getattr(row, name) for row in rows) for name in REPORT_COUNTS}


def _names(rows: list[ReportRow]) -> dict[int, str]:
    return org_selectors.organization_names([row.organization_id for row in rows if row.organization_id is not None])


@login_required
@never_cache
def case_report(request: HttpRequest) -> HttpResponse:
    _require(request)
    form, start, end = _period(request)
    rows = selectors.case_report(user=request.user, start=start, end=end)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    names = _names(list(page))
    context = {
        "form": form, "start": start, "end": end, "page": page, "totals": _totals(rows),
        "rows": [{"row": row, "name": names.get(row.organization_id or 0, "")} for row in page],
        "query": f"start={start.isoformat()}&end={end.isoformat()}",
    }  # fmt: skip
    return render(request, "cases/staff/report.html", context, status=400 if form.errors else 200)


def _export_header() -> list[str]:
    return [_("Body"), _("Received"), _("Feedback and petitions"), _("Complaints"), _("Denunciations"),
            _("In progress"), _("Answered"), _("Decision or conclusion"), _("File closed"), _("Ended otherwise"),
            _("In progress and overdue")]  # fmt: skip


@login_required
@never_cache
def case_report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    _require(request)
    _form, start, end = _period(request)
    rows = selectors.case_report(user=request.user, start=start, end=end)
    names = _names(rows)
    table = [[names.get(row.organization_id or 0, _("(no body yet)")), *(getattr(row, n) for n in REPORT_COUNTS)]
             for row in rows]  # fmt: skip
    totals = _totals(rows)
    table.append([_("Total"), *(totals[name] for name in REPORT_COUNTS)])
    return table_download(fmt, _export_header(), table, sheet="bao_cao", filename=f"bao-cao-{start}-{end}.{fmt}")
