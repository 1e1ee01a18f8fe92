"""'Dân nói gì': the topics of a period and place in the reader's scope, their trend and tone, typical cases the
reader may open; renaming a topic and labelling a case's tone; the worst-rated themes of each body in scope.

Thin: parse, call one service or selector, render. Readers without the action get 404."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.insight import permissions as insight_permissions
from danvan.insight.forms.topics import ToneLabelForm, TopicFilterForm, TopicRenameForm, WorstFilterForm
from danvan.insight.selectors import tone as tone_selectors
from danvan.insight.selectors import topics as selectors
from danvan.insight.services import tone as tone_services
from danvan.insight.services import topics as services
from danvan.org import permissions
from danvan.ui import charts
from danvan.ui.forms import form_status


def _may_read(request: HttpRequest) -> None:
    if not permissions.user_may(request.user, insight_permissions.VIEW_TOPICS):
        raise Http404


@login_required
@require_GET
def topic_list(request: HttpRequest) -> HttpResponse:
    _may_read(request)
    runs = list(selectors.topic_runs()[:24])
    filters = TopicFilterForm(request.GET or None, runs=[(r.pk, f"{r.starts_on:%d/%m/%Y}–{r.ends_on:%d/%m/%Y}") for r in runs],
                              initial={"run": runs[0].pk if runs else None})  # fmt: skip
    asked = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    chosen = next((r for r in runs if r.pk == asked.get("run")), runs[0] if runs else None)  # default: the latest
    places = selectors.places_for(user=request.user, run=chosen) if chosen else []
    filters.offer_places([(u.pk, u.name) for u in places])
    place = next((u for u in places if u.pk == asked.get("place")), None)
    rows = selectors.topics_for(user=request.user, run=chosen, place=place) if chosen else []
    charts_of = {}
    if chosen is not None:
        first_week = chosen.starts_on - dt.timedelta(days=chosen.starts_on.weekday())
        for row in rows:
            charts_of[row.topic.pk] = charts.count_columns(
                [(f"{w:%d/%m}", n) for w, n in row.weeks], split=len([w for w, _n in row.weeks if w < first_week]),
                title=_("Cases per week: %(topic)s") % {"topic": row.topic.label},
            )  # fmt: skip
    tone = tone_selectors.tone_model()
    context = {
        "filters": filters, "run": chosen, "rows": [(row, charts_of[row.topic.pk]) for row in rows], "place": place, "tone_state": tone.state,
        "tone_f1": tone.macro_f1,
        "tone_number": tone.version.number if tone.on else None,
        "may_label": permissions.user_may(request.user, insight_permissions.LABEL_TOPICS),
        "tone_form": ToneLabelForm(),
    }  # fmt: skip
    return render(request, "insight/staff/topics_list.html", context, status=form_status(filters))


@login_required
@require_POST
def topic_rename(request: HttpRequest, pk: int) -> HttpResponse:
    form = TopicRenameForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        topic = services.topic_rename(actor=request.user, topic_id=pk, label=form.cleaned_data["label"])
    except NotFound:
        raise Http404 from None
    messages.success(request, _("Saved."))
    return redirect(f"{_list_url()}?run={topic.run_id}")


@login_required
@require_POST
def tone_label(request: HttpRequest) -> HttpResponse:
    form = ToneLabelForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        tone_services.tone_label(actor=request.user, case_id=form.cleaned_data["case"],
                                 tone_value=form.cleaned_data["tone"])  # fmt: skip
    except DomainError:
        raise Http404 from None  # a case the labeller may not open is "not found", like one that is not there
    messages.success(request, _("Thank you: the tone model will learn from it at its next training."))
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(back if back and safe else _list_url())


def _list_url() -> str:
    from django.urls import reverse

    return reverse("insight:topic_list")


@login_required
@require_GET
def worst_rated(request: HttpRequest) -> HttpResponse:
    _may_read(request)
    today = clock.today()
    filters = WorstFilterForm(request.GET or None)
    start, end = today - dt.timedelta(days=364), today
    if filters.is_bound and filters.is_valid():
        start = filters.cleaned_data["start"] or start
        end = filters.cleaned_data["end"] or end
    bodies = selectors.worst_rated_themes(user=request.user, start=min(start, end), end=max(start, end))
    return render(request, "insight/staff/topics_worst.html",
                  {"filters": filters, "bodies": bodies, "start": start, "end": end,
                   "min_ratings": selectors.WORST_MIN_RATINGS}, status=form_status(filters))  # fmt: skip
