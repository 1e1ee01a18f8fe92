"""The map's two look-ups, as JSON for ``org/place-map.js``: the commune at a point, and the communes in a box.

Public facts about the map (no one's data), rate-limited like the place look-up page.
"""

from __future__ import annotations

import math

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan.core import ratelimit
from danvan.org import places

AT_LIMIT = 120  # per client per minute: a pin dropped, dragged, dropped again
BOX_LIMIT = 240  # the map asks again after every pan or zoom


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _limited(request: HttpRequest, scope: str, limit: int) -> HttpResponse | None:
    verdict = ratelimit.hit(scope, _client(request), limit=limit, window_seconds=60)
    if verdict.allowed:
        return None
    response = JsonResponse({"error": "rate_limited", "message": _("Too many requests. Try again in a minute.")},
                            status=429)  # fmt: skip
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _number(raw: str | None, low: float, high: float) -> float | None:
    try:
        value = float(raw or "")
    except ValueError:
        return None
    return value if math.isfinite(value) and low <= value <= high else None


@require_GET
def place_at(request: HttpRequest) -> HttpResponse:
    lat = _number(request.GET.get("lat"), -90, 90)
    lon = _number(request.GET.get("lon"), -180, 180)
    if lat is None or lon is None:
        return JsonResponse({"error": "invalid", "message": _("Give a latitude and a longitude in degrees.")},
                            status=400)  # fmt: skip
    refused = _limited(request, "place_at", AT_LIMIT)
    if refused is not None:
        return refused
    found = places.place_at(lat, lon)
    if found is None:
        return JsonResponse({"found": False, "message": _("No commune or ward is known at this point.")})
    where = f"{found.name}, {found.province_name}" if found.province_name else found.name
    message = (
        where
        if found.exact
        else _("%(place)s — the nearest commune centre: an estimate, please check it.") % {"place": where}
    )
    return JsonResponse({
        "found": True, "unit": {"id": found.unit_id, "name": found.name, "province": found.province_name},
        "exact": found.exact, "message": message,
    })  # fmt: skip


@require_GET
def places_in_box(request: HttpRequest) -> HttpResponse:
    parts = (request.GET.get("bbox") or "").split(",")
    values = [_number(p, -180, 180) for p in parts] if len(parts) == 4 else []
    if len(values) != 4 or any(v is None for v in values):
        return JsonResponse({"error": "invalid", "message": _("Give the box as west,south,east,north.")}, status=400)
    west, south, east, north = (float(v) for v in values if v is not None)
    if west > east or south > north or north - south > 5 or east - west > 5:
        return JsonResponse({"error": "invalid", "message": _("The box is too large: zoom in.")}, status=400)
    refused = _limited(request, "place_box", BOX_LIMIT)
    if refused is not None:
        return refused
    return JsonResponse(places.places_in_box(south, west, north, east))
