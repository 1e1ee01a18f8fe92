"""Points and shapes on the map of Vietnam: which commune a point lies in. Pure: no Django.

Two ways to tell, best first:

1. **Boundaries** (GeoJSON Polygon/MultiPolygon, lon/lat in WGS 84): the point lies inside one, by
   ray casting, holes included. Exact, when an operator has loaded them.
2. **Centres**: every commune has a representative point and an area. The nearest centre, with the
   distance divided by the commune's radius (a large rural commune reaches further than a small
   urban ward), is a good guess and only a guess: callers say "estimate" and let the person check.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

EARTH_RADIUS_KM = 6371.0088
MIN_RADIUS_KM = 0.5  # a ward of a few hundred metres still catches points at its edge
# Beyond this many radii (plus a margin) from every centre the point is in no known commune: the sea,
# a neighbouring country, or a commune whose point is missing.
MAX_RADII = 2.5
MARGIN_KM = 2.0

Ring = Sequence[Sequence[float]]  # [[lon, lat], ...]


class GeometryError(ValueError):
    """Not a GeoJSON Polygon or MultiPolygon we can use."""


@dataclass(frozen=True, slots=True)
class Centre:
    key: int
    latitude: float
    longitude: float
    area_km2: float | None = None

    @property
    def radius_km(self) -> float:
        if not self.area_km2 or self.area_km2 <= 0:
            return MIN_RADIUS_KM
        return max(MIN_RADIUS_KM, math.sqrt(self.area_km2 / math.pi))


@dataclass(frozen=True, slots=True)
class Estimate:
    key: int
    distance_km: float


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def nearest_centre(latitude: float, longitude: float, centres: Iterable[Centre]) -> Estimate | None:
    """The commune whose centre is nearest in units of its own radius, or None if none is near."""
    best: tuple[float, Centre, float] | None = None
    for centre in centres:
        d = distance_km(latitude, longitude, centre.latitude, centre.longitude)
        if d > MAX_RADII * centre.radius_km + MARGIN_KM:
            continue
        score = d / centre.radius_km
        if best is None or score < best[0] or (score == best[0] and centre.key < best[1].key):
            best = (score, centre, d)
    return None if best is None else Estimate(best[1].key, round(best[2], 3))


def polygons(geometry: Any) -> list[list[Ring]]:
    """The polygons of a GeoJSON geometry, each a list of rings (outer first, then holes)."""
    if not isinstance(geometry, dict):
        raise GeometryError("geometry must be an object")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    found: list[Any]
    if kind == "Polygon":
        found = [coordinates]
    elif kind == "MultiPolygon":
        found = coordinates if isinstance(coordinates, list) else []
    else:
        raise GeometryError(f"unsupported geometry type {kind!r}")
    if not found:
        raise GeometryError("no coordinates")
    for polygon in found:
        if not isinstance(polygon, list) or not polygon:
            raise GeometryError("a polygon needs at least one ring")
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                raise GeometryError("a ring needs at least four positions")
            for position in ring:
                if (
                    not isinstance(position, list | tuple)
                    or len(position) < 2
                    or not all(isinstance(v, int | float) and math.isfinite(v) for v in position[:2])
                    or not (-180 <= position[0] <= 180 and -90 <= position[1] <= 90)
                ):
                    raise GeometryError("a position is [longitude, latitude] in degrees")
    return found


def bounding_box(geometry: Any) -> tuple[float, float, float, float]:
    """(min_lat, min_lon, max_lat, max_lon) of a Polygon or MultiPolygon."""
    lons = [p[0] for polygon in polygons(geometry) for p in polygon[0]]
    lats = [p[1] for polygon in polygons(geometry) for p in polygon[0]]
    return min(lats), min(lons), max(lats), max(lons)


def _in_ring(lat: float, lon: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(geometry: Any, latitude: float, longitude: float) -> bool:
    """Is the point inside the Polygon/MultiPolygon (and not in one of its holes)?"""
    for polygon in polygons(geometry):
        outer, holes = polygon[0], polygon[1:]
        if _in_ring(latitude, longitude, outer) and not any(_in_ring(latitude, longitude, h) for h in holes):
            return True
    return False
