"""Consultations: the maps part's pages (parse, call a service or selector, render).

Public: ``/gop-y/<code>/ban-do-y-kien/`` — the opinion map as a chart (server-drawn SVG, no script) and
the same figures in tables, with a search over the statements (``?q=``, with or without diacritics).
Staff: ``/van-hanh/gop-y/dot/<code>/ban-do-y-kien/`` — the figures behind it and the maps kept, and the
"recompute now" button (``tinh-lai/``, MANAGE).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from danvan.consultations.models import Consultation
from danvan.consultations.permissions import MANAGE
from danvan.consultations.selectors import maps as selectors
from danvan.consultations.services import maps as services
from danvan.core.errors import PermissionDenied
from danvan.org.permissions import user_may

QUERY_LIMIT = 100


@require_GET
def map_page(request: HttpRequest, code: str) -> HttpResponse:
    consultation = selectors.public_consultation(code)
    if consultation is None:
        raise Http404
    query = request.GET.get("q", "")[:QUERY_LIMIT]
    view = selectors.map_view(consultation, query=query)
    return render(request, "consultations/maps/map.html",
                  {"consultation": consultation, "view": view, "query": query})  # fmt: skip


def _staff_consultation(request: HttpRequest, code: str) -> Consultation:
    consultation = selectors.any_consultation(code)
    if consultation is None or not user_may(request.user, MANAGE, consultation):
        raise Http404
    return consultation


@login_required
@never_cache
@require_GET
def map_staff(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _staff_consultation(request, code)
    context = {
        "consultation": consultation,
        "view": selectors.map_view(consultation),
        "history": selectors.map_history(consultation),
    }
    return render(request, "consultations/maps/staff.html", context)


@login_required
@never_cache
@require_POST
def map_recompute(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _staff_consultation(request, code)
    try:
        row = services.map_recompute_now(actor=request.user, consultation=consultation)
    except PermissionDenied:
        raise Http404 from None
    messages.success(
        request,
        _("The opinion map was recomputed from %(votes)s votes: %(groups)s groups.")
        % {"votes": row.votes_seen, "groups": row.groups},
    )
    return redirect("consultations:map_staff", code=consultation.code)


# Blocks on the consultation's pages (registered in ``blocks_parts.maps``) -----------------------------------


def block_public(consultation: Consultation, request: HttpRequest) -> dict[str, Any] | None:
    """A thumbnail of the chart, the top common-ground statement and the link. Before a map (no vote
    yet) the block still says so and links to the map page, so the page always leads to every part."""
    return {"view": selectors.map_view(consultation)}


def block_staff(consultation: Consultation, request: HttpRequest) -> dict[str, Any] | None:
    return {
        "view": selectors.map_view(consultation),
        "may_recompute": user_may(request.user, MANAGE, consultation),
    }
