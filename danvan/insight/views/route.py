"""Routing's pages: the suggestions panel on a case's staff page (through ``ui.registry``'s slot
"cases.case_staff"), the clerk's choice, and the versions page where a model editor puts an older routing
model back in use. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.cases.selectors import case_get_for, case_may_view
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.reference_data import may_edit_reference_data
from danvan.insight.forms.route import RouteChoiceForm, VersionUseForm
from danvan.insight.models import ModelKind
from danvan.insight.permissions import MODEL_EDITOR_PERMISSION
from danvan.insight.selectors import model_versions as version_selectors
from danvan.insight.selectors import route as selectors
from danvan.insight.services import model_versions as version_services
from danvan.insight.services import route as services
from danvan.ui.forms import form_status, save_posted

SLOT = "cases.case_triage"


def _panel_facts(case: Any) -> dict[str, Any]:
    """The suggestions to show for ``case`` now (``services.route_suggestions_for``), with their per cents."""
    found = services.route_suggestions_for(case)
    if found.off:
        return {"off": found.off}
    shown = [
        {"topic": s.topic, "body": s.body, "confidence": s.confidence, "topic_name": s.topic_name,
         "body_name": s.body_name, "percent": round(100 * s.confidence) if s.confidence >= 0.005 else "<1",
         "current": s.current}
        for s in found.suggestions
    ]  # fmt: skip
    threshold = found.threshold
    return {"suggestions": shown, "auto": found.auto, "version": found.version, "threshold": threshold,
            "threshold_percent": round(100 * threshold) if threshold is not None else None,
            "topics": selectors.route_topics(), "bodies": sorted({(s.body, s.body_name) for s in found.suggestions})}  # fmt: skip


def route_panel(request: HttpRequest, *, case: Any, **facts: Any) -> str:
    """The panel for the clerk who triages ``case`` (``selectors.route.route_may_triage``: a received case,
    not a tố cáo, one the reader may handle)."""
    if not selectors.route_may_triage(request.user, case):
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
    except NotFound:  # a tố cáo: the panel is never shown on one
        raise Http404 from None
    except PermissionDenied:
        raise Forbidden from None
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
