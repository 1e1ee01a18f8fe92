"""Compliance and reports of citizen reception: the dashboard (heads, inspectors, dân vận and Front
officers of the parent bodies), the drill-down to one head's sessions in a month, and the exports —
the summary and the register to Excel/CSV, and the register printed (A4 landscape, NĐ 30 header).

Thin over ``selectors.compliance``: the figures and the scope are computed there. Bad parameters (a
body outside the reader's scope, a month that is not one) answer the page with a clear message and
status 400, never a 500; a reader who may not see compliance at all gets 404 like any unknown page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.periods import Period
from danvan.org import permissions
from danvan.org.models import Organization
from danvan.reception import permissions as rp
from danvan.reception.forms.compliance import SCOPE_BODY, SCOPE_TREE, ReportForm, month_from, period_default
from danvan.reception.selectors import compliance as sel
from danvan.ui import charts
from danvan.ui.downloads import require_table_format, table_download


@dataclass
class Choice:
    form: ReportForm
    org: Organization | None
    subtree: bool
    period: Period | None

    def query(self, **extra: Any) -> str:
        params = {"body": self.org.pk if self.org else "", "scope": SCOPE_TREE if self.subtree else SCOPE_BODY,
                  "period": str(self.period) if self.period else "", **extra}  # fmt: skip
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def _choice(request: HttpRequest, action: str) -> Choice:
    """What the reader asked for; ``org``/``period`` are None when the form refused them (its errors say why)."""
    user = request.user
    if not permissions.user_may(user, action):
        raise Http404
    bodies = Organization.objects.filter(permissions.scope_filter(user, action)).order_by("path")
    first = bodies.first()
    if first is None:
        raise Http404
    today = clock.today()
    defaults = {"body": str(first.pk), "scope": SCOPE_TREE, "period": str(period_default(today))}
    data = {key: request.GET.get(key) or value for key, value in defaults.items()}
    form = ReportForm(data, bodies=bodies, today=today)
    form.is_valid()
    org = form.cleaned_data.get("body")
    period = form.cleaned_data.get("period")
    subtree = form.cleaned_data.get("scope", SCOPE_TREE) != SCOPE_BODY
    return Choice(form, org, subtree, period)


def _percent(figures: sel.Figures) -> float | None:
    value = figures.percent
    return None if value is None else round(value, 1)


def _charts(report: sel.Report, choice: Choice) -> tuple[str, str]:
    url = reverse("reception:compliance")
    head_rows = [
        charts.BarRow(
            f"{row.head.get_full_name() or row.head.get_username()} ({row.organization.name})",
            _percent(row.figures),
            href=_head_url(row.head.pk, choice.period),
        )
        for row in report.heads
    ]
    body_rows = [
        charts.BarRow(
            b.organization.name,
            _percent(b.figures),
            href=f"{url}?{choice.query(body=b.organization.pk, scope=SCOPE_BODY)}",
        )
        for b in report.bodies
    ]
    top = max([100.0] + [r.value for r in head_rows + body_rows if r.value is not None])
    return (
        charts.bars_with_intervals(head_rows, title=_("Sessions held of those required (%), by head"), max_value=top),
        charts.bars_with_intervals(body_rows, title=_("Sessions held of those required (%), by body"), max_value=top),
    )


def _head_url(head_id: int, period: Period | None) -> str:
    month = period.narrowed("month", clock.today()) if period is not None else None
    query = f"?{urlencode({'month': str(month)})}" if month is not None else ""
    return reverse("reception:compliance_head", args=[head_id]) + query


@login_required
@never_cache
@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    choice = _choice(request, rp.VIEW_COMPLIANCE)
    context: dict[str, Any] = {"choice": choice, "form": choice.form, "report": None}
    if choice.org is None or choice.period is None:
        return render(request, "reception/compliance/dashboard.html", context, status=400)
    report = sel.compliance_report(request.user, top=choice.org, period=choice.period, subtree=choice.subtree)
    head_chart, body_chart = _charts(report, choice)
    q = choice.query()
    may_register = permissions.user_may(request.user, rp.VIEW_REGISTER, choice.org)
    context.update(
        report=report,
        head_rows=[(row, _head_url(row.head.pk, choice.period)) for row in report.heads],
        body_rows=[
            (b, f"{reverse('reception:compliance')}?{choice.query(body=b.organization.pk, scope=SCOPE_BODY)}")
            for b in report.bodies
        ],
        head_chart=head_chart,
        body_chart=body_chart,
        export_xlsx=f"{reverse('reception:compliance_export', args=['xlsx'])}?{q}",
        export_csv=f"{reverse('reception:compliance_export', args=['csv'])}?{q}",
        register_xlsx=f"{reverse('reception:register_export', args=['xlsx'])}?{q}" if may_register else "",
        register_print=f"{reverse('reception:register_print')}?{q}" if may_register else "",
    )
    return render(request, "reception/compliance/dashboard.html", context)


WHY = {
    sel.WHY_CANCELLED: lambda: _("Cancelled"),
    sel.WHY_NOT_HELD: lambda: _("Not recorded as held"),
    sel.WHY_AD_HOC: lambda: _("Ad hoc: counted apart, not toward the required sessions"),
    sel.WHY_DEPUTY: lambda: _("Held by a deputy: the rule in force does not let a deputy stand in"),
}


@login_required
@never_cache
@require_GET
def compliance_head(request: HttpRequest, head_id: int) -> HttpResponse:
    if not permissions.user_may(request.user, rp.VIEW_COMPLIANCE):
        raise Http404
    text = request.GET.get("month") or str(period_default(clock.today()))
    month = month_from(text)
    if month is None:
        context: dict[str, Any] = {"error": _("Write the month as 2026-07 (year, then month)."), "month_text": text}
        return render(request, "reception/compliance/head.html", context, status=400)
    try:
        data = sel.head_month(request.user, head_id=head_id, month=month)
    except NotFound:
        raise Http404 from None
    lines = [(line, WHY[line.why]() if line.why else "") for line in data.lines]
    context = {
        "data": data,
        "lines": lines,
        "previous": _head_url(head_id, month.previous()),
        "following": _head_url(head_id, month.following()),
        "back": f"{reverse('reception:compliance')}?{urlencode({'period': str(month)})}",
    }
    return render(request, "reception/compliance/head.html", context)


# Exports ------------------------------------------------------------------------------------------------------


def _summary_header() -> list[str]:
    return [_("Body"), _("Head"), _("Reporting period"), _("Sessions required"), _("Regular sessions held (counted)"),
            _("Held, not counted"), _("Compliance (%)"), _("Ad hoc sessions"), _("Cancelled sessions"), _("Visits"),
            _("Crowds"), _("Answers due"), _("Answered on time"), _("Answered late"), _("Answers overdue"),
            _("Tasks due"), _("Tasks done on time"), _("Tasks overdue"), _("Commitments due"),
            _("Commitments kept"), _("Commitments not kept")]  # fmt: skip


def summary_rows(report: sel.Report) -> list[list[Any]]:
    def figures(f: sel.Figures) -> list[Any]:
        return [f.required, f.held, f.held_not_counted, _percent(f), f.ad_hoc, f.cancelled, f.visits, f.crowds,
                f.outcomes_due, f.outcomes_on_time, f.outcomes_late, f.outcomes_overdue, f.tasks_due,
                f.tasks_on_time, f.tasks_overdue, f.commitments_due, f.commitments_kept,
                f.commitments_not_kept]  # fmt: skip

    label = report.period.label
    rows = [[r.organization.name, r.head.get_full_name() or r.head.get_username(), label, *figures(r.figures)]
            for r in report.heads]  # fmt: skip
    rows += [[b.organization.name, _("Whole body"), label, *figures(b.figures)] for b in report.bodies]
    rows.append([report.top.name, _("Total"), label, *figures(report.total)])
    return rows


@login_required
@never_cache
@require_GET
def compliance_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    choice = _choice(request, rp.VIEW_COMPLIANCE)
    if choice.org is None or choice.period is None:
        return render(request, "reception/compliance/dashboard.html",
                      {"choice": choice, "form": choice.form, "report": None}, status=400)  # fmt: skip
    report = sel.compliance_report(request.user, top=choice.org, period=choice.period, subtree=choice.subtree)
    return table_download(fmt, _summary_header(), summary_rows(report), sheet="tuan_thu",
                          filename=f"tiep-cong-dan-tuan-thu-{choice.org.pk}-{choice.period}.{fmt}")  # fmt: skip


def _register_header(identity: bool) -> list[str]:
    who = [_("Full name"), _("Address"), _("ID card number")] if identity else []
    return [_("Number"), _("Body"), _("Date"), *who, _("Number of people"), _("Content of the matter"),
            _("Earlier handling by competent bodies"), _("The visitor's requests"), _("Handling"),
            _("Receiving officer"), _("The head received in person"), _("Answer due on"), _("Answer"),
            _("Answered on")]  # fmt: skip


def register_lines(visits: Any, identity: bool) -> list[list[Any]]:
    """The register's rows; identity only when ``identity`` and never for a sealed visit (tố cáo)."""
    rows = []
    for v in visits:
        who = ([_("(sealed)")] * 3 if v.sealed else [v.visitor_name, v.visitor_address, v.visitor_id_number]) if identity else []  # fmt: skip
        rows.append([
            f"{v.serial_no:03d}/{v.year}", v.organization.name, clock.local(v.received_at).date(), *who, v.group_size,
            v.content, v.prior_handling, v.requests, v.get_handling_display(),
            v.receiving_officer.get_full_name() or v.receiving_officer.get_username(),
            _("Yes") if v.head_present else _("No"), v.outcome_due_on, v.get_outcome_display() if v.outcome else "",
            v.outcome_on,
        ])  # fmt: skip
    return rows


def _register(request: HttpRequest) -> tuple[Choice, Any, bool] | HttpResponse:
    choice = _choice(request, rp.VIEW_REGISTER)
    if choice.org is None or choice.period is None:
        return render(request, "reception/compliance/dashboard.html",
                      {"choice": choice, "form": choice.form, "report": None, "register": True}, status=400)  # fmt: skip
    visits, identity = sel.register_rows(request.user, top=choice.org, period=choice.period, subtree=choice.subtree)
    return choice, visits, identity


@login_required
@never_cache
@require_GET
def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    got = _register(request)
    if isinstance(got, HttpResponse):
        return got
    choice, visits, identity = got
    assert choice.org is not None and choice.period is not None
    return table_download(fmt, _register_header(identity), register_lines(visits, identity), sheet="so_tiep_cong_dan",
                          filename=f"so-tiep-cong-dan-{choice.org.pk}-{choice.period}.{fmt}")  # fmt: skip


@login_required
@never_cache
@require_GET
def register_print(request: HttpRequest) -> HttpResponse:
    got = _register(request)
    if isinstance(got, HttpResponse):
        return got
    choice, visits, identity = got
    org = choice.org
    assert org is not None and choice.period is not None
    context = {
        "parent_name": (org.parent.name if org.parent else "").upper(),
        "body_name": org.name.upper(),
        "place": org.unit.short_name if org.unit else "",
        "day": clock.today(),
        "period": choice.period,
        "visits": visits,
        "identity": identity,
    }
    with translation.override("vi"):  # an administrative document (NĐ 30/2020, Điều 8)
        return render(request, "reception/compliance/register_print.html", context)
