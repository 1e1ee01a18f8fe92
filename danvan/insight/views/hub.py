"""The insight hub: one page behind the one menu entry, listing the parts the reader may open with a live figure
each (``selectors.hub``). Thin: a reader who may open none of them gets 404, like every insight page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.insight.selectors import hub as selectors


@login_required
@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    rows = selectors.hub_for(user=request.user)
    if not rows:
        raise Http404
    return render(request, "insight/staff/hub.html", {"rows": rows})
