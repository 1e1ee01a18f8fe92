"""Routing's pages: the suggestions panel on a case's staff page (through ``ui.registry``'s slot
"cases.case_staff"), the clerk's choice, and the versions page where a model editor puts an older routing
model back in use. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Status, Track
from danvan.cases.selectors import case_get_for, case_may_view
from danvan.core.errors import DomainError, NotFound
from danvan.core.reference_data import may_edit_reference_data
from danvan.insight.forms.route import RouteChoiceForm, VersionUseForm
from danvan.insight.models import ModelKind
from danvan.insight.permissions import MODEL_EDITOR_PERMISSION
from danvan.insight.selectors import model_versions as version_selectors
from danvan.insight.selectors import route as selectors
from danvan.insight.services import model_versions as version_services
from danvan.insight.services import route as services
from danvan.org import permissions
from danvan.ui.forms import form_status, save_posted

SLOT = "cases.case_triage"


def _panel_facts(case: Any) -> dict[str, Any]:
    """The suggestions to show for ``case`` now: the stored ones when the same version is still in use,
    else the model's answer now; or why there are none."""
    try:
        loaded = services.route_model_in_use()
    except services.RouteOff as off:
        return {"off": off.reason}
    stored = selectors.route_suggestion_for(case.pk)
    if stored is not None and stored.version_id == loaded.version_id:
        suggestions, auto = stored.suggestions, stored.auto
    else:
        suggestions, auto = [s.as_dict() for s in services.route_suggest(case, loaded)], False
    topics, bodies = selectors.route_names([s["topic"] for s in suggestions], [int(s["body"]) for s in suggestions])
    current_topic = case.topic.code if case.topic_id else ""
    shown = [
        {**s, "topic_name": topics.get(s["topic"], s["topic"]), "body_name": bodies.get(int(s["body"]), s["body"]),
         "percent": round(100 * s["confidence"]) if s["confidence"] >= 0.005 else "<1",
         "current": s["topic"] == current_topic and int(s["body"]) == case.handling_organization_id}
        for s in suggestions if s["topic"] in topics and int(s["body"]) in bodies
    ]  # fmt: skip
    return {"suggestions": shown, "auto": auto, "version": loaded.number, "threshold": loaded.threshold,
            "threshold_percent": round(100 * loaded.threshold) if loaded.threshold is not None else None,
            "topics": selectors.route_topics(), "bodies": sorted({(int(s["body"]), s["body_name"]) for s in shown})}  # fmt: skip


def route_panel(request: HttpRequest, *, case: Any, **facts: Any) -> str:
    """The panel for the clerk who triages ``case``: only on a case waiting at its body (received), only to
    who may handle it, never on a tố cáo (the model never reads nor suggests denunciations)."""
    if case.track == Track.TO_CAO or case.status != Status.RECEIVED:
        return ""
    if not permissions.user_may(request.user, case_permissions.HANDLE, case):
        return ""
    return render_to_string("insight/staff/route_panel.html", {"case": case, **_panel_facts(case)}, request=request)


@login_required
@require_POST
def route_choose(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        case = case_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    form = RouteChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a topic and a body in use."))
        return redirect("cases:case_detail", pk=case.pk)
    try:
        moved = services.route_choose(actor=request.user, case=case, topic_code=form.cleaned_data["topic"],
                                      organization_id=form.cleaned_data["organization"])  # fmt: skip
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("cases:case_detail", pk=case.pk)
    messages.success(request, _("Routing saved: %(topic)s, %(body)s.") % {
        "topic": moved.topic.name if moved.topic else "", "body": moved.handling_organization.name
        if moved.handling_organization else ""})  # fmt: skip
    if not case_may_view(request.user, moved):  # sent to a body this clerk does not see
        return redirect("cases:case_inbox")
    return redirect("cases:case_detail", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def route_versions(request: HttpRequest) -> HttpResponse:
    """The routing model's versions (training date, size, figures, threshold, in use) and the rollback."""
    if not may_edit_reference_data(request.user, MODEL_EDITOR_PERMISSION):
        raise Http404
    versions = list(version_selectors.model_versions(ModelKind.ROUTE)[:50])
    form = VersionUseForm(request.POST or None, numbers=[v.number for v in versions if not v.in_use])

    def save() -> object:
        return version_services.model_version_put_in_use(actor=request.user, kind=ModelKind.ROUTE,
                                                         number=form.cleaned_data["number"],
                                                         reason=form.cleaned_data["reason"])  # fmt: skip

    saved = save_posted(request, form, save)
    if saved:
        messages.success(request, _("Version %(number)s is now in use.") % {"number": form.cleaned_data["number"]})
        return redirect("insight:route_versions")
    rows = [{"version": v, "figures": (v.metrics or {}).get("as_written") or {},
             "folded": (v.metrics or {}).get("without_diacritics") or {}} for v in versions]  # fmt: skip
    return render(request, "insight/staff/route_versions.html", {"rows": rows, "form": form},
                  status=form_status(form))  # fmt: skip
