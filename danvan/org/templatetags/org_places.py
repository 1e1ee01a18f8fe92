"""``{% place_map form %}``: the map that fills a form's latitude and longitude (org/_place_map.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from danvan.org import places

register = template.Library()

VIETNAM = (16.0, 106.5, 5)  # the whole country, when the home province has no point loaded


@register.inclusion_tag("org/_place_map.html")
def place_map(form: Any) -> dict[str, Any]:
    home = getattr(settings, "DANVAN_MAP_HOME_PROVINCE_CODE", None) or settings.DANVAN_DEMO_PROVINCE_CODE
    centre = places.province_centre(int(home))
    lat, lon, zoom = (centre[0], centre[1], 10) if centre else VIETNAM
    return {
        "tiles_url": settings.DANVAN_MAP_TILES_URL,
        "tiles_attribution": settings.DANVAN_MAP_TILES_ATTRIBUTION,
        "center_lat": f"{lat:.6f}",
        "center_lon": f"{lon:.6f}",
        "zoom": zoom,
        "lat_id": form["latitude"].auto_id,
        "lon_id": form["longitude"].auto_id,
    }
