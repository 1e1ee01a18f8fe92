"""Org's citizens' page: anyone may check which current commune an old or new address belongs to."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core import ratelimit
from danvan.org.forms.public import PlaceResolveForm
from danvan.org.resolver_data import place_resolve as resolve_place_text


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def place_resolve(request: HttpRequest) -> HttpResponse:
    form = PlaceResolveForm(request.GET or None)
    resolution = None
    if form.is_valid():
        verdict = ratelimit.hit("place", _client(request), limit=60, window_seconds=60)
        if not verdict.allowed:
            response = render(request, "ui/too_many.html", {"retry_after_minutes": 1}, status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        resolution = resolve_place_text(form.cleaned_data["q"])
    return render(request, "org/public/place_resolve.html", {"form": form, "resolution": resolution})
