"""Hotspots (counts per place × topic against the period before, with the cases behind each cell) and the
weekly "tình hình dư luận" digest (page, Excel, printable). Thin: parse, call one selector, render; a body
or a cell outside the reader's scope answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.insight import permissions as insight_permissions
from danvan.insight.forms.warnings import DigestForm, HotspotCellForm, HotspotFilterForm
from danvan.insight.selectors import digest as selectors
from danvan.org import permissions
from danvan.ui import charts
from danvan.ui.downloads import table_download
from danvan.ui.forms import form_status
from danvan.ui.paging import CappedPaginator


def _axis(values: list[int]) -> int:
    """The chart's top: the largest count rounded up to a multiple of 4, so that its ticks are whole."""
    return max(4, -(-max([*values, 0]) // 4) * 4)


TABLE_ROWS = 200  # cells shown on the hotspots page (the rest: a smaller period or a lower body)


def _allowed(request: HttpRequest) -> None:
    if not permissions.user_may(request.user, insight_permissions.VIEW_DIGEST):
        raise Http404


def _cell_link(cell: selectors.Cell, start: dt.date, end: dt.date) -> str:
    query = {"tu": start.isoformat(), "den": end.isoformat()}
    if cell.unit_id:
        query["xa"] = str(cell.unit_id)
    if cell.topic_id:
        query["chu_de"] = str(cell.topic_id)
    return f"{reverse('insight:hotspot_cases')}?{urlencode(query)}"


@login_required
@require_GET
def hotspots(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    form = HotspotFilterForm(request.GET or None)
    days = (form.cleaned_data.get("days") if form.is_valid() else None) or 7
    end = clock.today()
    start = end - dt.timedelta(days=days - 1)
    cells = selectors.hotspots_for(user=request.user, end=end, days=days)
    shown = [(cell, _cell_link(cell, start, end)) for cell in cells[:TABLE_ROWS]]
    top = [charts.BarRow(f"{c.place or _('no commune')} · {c.topic or _('no topic')}", c.now, href=link)
           for c, link in shown[:10]]  # fmt: skip
    chart = charts.bars_with_intervals(
        top, title=_("Most cases in the period"), max_value=max([c.now for c in cells[:1]] or [1])
    )
    return render(request, "insight/staff/warnings_hotspots.html", {
        "form": form, "rows": shown, "more": max(0, len(cells) - TABLE_ROWS), "start": start, "end": end,
        "days": days, "chart": chart,
    }, status=form_status(form))  # fmt: skip


@login_required
@require_GET
def hotspot_cases(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    form = HotspotCellForm(request.GET)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    cases = selectors.hotspot_cases_for(user=request.user, unit_id=data["xa"], topic_id=data["chu_de"],
                                        start=data["tu"], end=data["den"])  # fmt: skip
    page = CappedPaginator(cases, 50).get_page(request.GET.get("page"))
    return render(request, "insight/staff/warnings_cell.html", {"page": page, "start": data["tu"], "end": data["den"]})


def _digest(request: HttpRequest) -> tuple[DigestForm, selectors.Digest]:
    """The form and the digest asked for; a field in error (``?tuan=9999-12-31``, ``?co_quan=²``) is the
    default (the reader's top body, the last whole week) and the form shows the error."""
    _allowed(request)
    bodies = list(selectors.digest_bodies(request.user)[:300].values_list("pk", "name"))
    form = DigestForm(request.GET or None, bodies=bodies)
    form.is_valid()
    data: dict[str, Any] = getattr(form, "cleaned_data", {})  # the fields that parsed
    try:  # a body asked for outside the reader's scope is "not found", not their own body instead
        body = selectors.digest_body_for(user=request.user, pk=data.get("co_quan"))
    except NotFound:
        raise Http404 from None
    week = data.get("tuan") or selectors.digest_default_week(clock.today())
    return form, selectors.digest_for(user=request.user, body=body, week=week)


def _refused(request: HttpRequest, form: DigestForm, digest: selectors.Digest) -> HttpResponse:
    """The digest page with the form's errors (400): a printout or a file of another week than the one asked
    for would mislead."""
    query = urlencode({"co_quan": str(digest.body.pk), "tuan": digest.start.isoformat()})
    return render(request, "insight/staff/warnings_digest.html",
                  {"form": form, "digest": digest, "query": query, **_charts(digest)}, status=400)  # fmt: skip


def _charts(digest: selectors.Digest) -> dict[str, Any]:
    top = _axis([c.now for c in digest.topics])
    topics = [charts.BarRow(c.topic or _("no topic"), c.now) for c in digest.topics[:8]]
    weeks = [charts.TrendPoint(day.strftime("%d/%m"), n) for day, n in digest.weeks]
    return {
        "topics_chart": charts.bars_with_intervals(topics, title=_("Cases by topic this week"), max_value=top),
        "weeks_chart": charts.trend_lines(
            weeks, title=_("Cases per week"), max_value=max([n for _d, n in digest.weeks] + [1])
        ),
    }


@login_required
@require_GET
def digest(request: HttpRequest) -> HttpResponse:
    form, digest = _digest(request)
    query = urlencode({"co_quan": str(digest.body.pk), "tuan": digest.start.isoformat()})
    return render(request, "insight/staff/warnings_digest.html",
                  {"form": form, "digest": digest, "query": query, **_charts(digest)},
                  status=form_status(form))  # fmt: skip


@login_required
@require_GET
def digest_print(request: HttpRequest) -> HttpResponse:
    form, digest = _digest(request)
    if form_status(form) != 200:
        return _refused(request, form, digest)
    return render(request, "insight/staff/warnings_digest_print.html",
                  {"digest": digest, "day": clock.today(), **_charts(digest)})  # fmt: skip


@login_required
@require_GET
def digest_download(request: HttpRequest) -> HttpResponse:
    form, digest = _digest(request)
    if form_status(form) != 200:
        return _refused(request, form, digest)
    header = [_("Kind"), _("Name"), _("This week"), _("Week before"), _("Usual week"), _("Change on the week before")]
    rows: list[list[Any]] = [[_("Total"), digest.body.name, digest.now, digest.before, round(digest.usual, 1),
                              digest.now - digest.before]]  # fmt: skip
    rows += [
        [_("Topic"), c.topic or _("no topic"), c.now, c.before, round(c.usual, 1), c.change] for c in digest.topics
    ]
    rows += [[_("Commune"), c.place or _("no commune"), c.now, c.before, round(c.usual, 1), c.change]
             for c in digest.places]  # fmt: skip
    if digest.alerts:  # the alerts below, under their own header (the counts' columns do not fit them)
        rows += [[], [_("Alert"), _("Name"), _("Kind"), _("Status")]]
        rows += [[_("Alert"), a.display_title, a.get_kind_display(), a.get_status_display()] for a in digest.alerts]
    return table_download("xlsx", header, rows, sheet=_("Public opinion"),
                          filename=f"tinh-hinh-du-luan-{digest.start.isoformat()}.xlsx")  # fmt: skip
