"""The emulation hub: the parts this officer may use, one card each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.emulation.hub import hub_links_for


@login_required
@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    links = hub_links_for(request.user)
    if not links:
        raise Http404  # a page one may not use answers like one that does not exist
    return render(request, "emulation/hub/hub.html", {"links": links})
