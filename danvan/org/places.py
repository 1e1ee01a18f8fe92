"""Where units lie: loading their points and boundaries (writes), and "which commune is this point in".

The writes (``unit_places_load``, ``unit_boundaries_load``) are services in the house sense: one
transaction, audited, idempotent. The reads (``place_at``, ``places_in_box``) are public facts about
the map, not people's data, so they need no permission gate.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from danvan.core.audit import audit_record
from danvan.org import geo
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, UnitPlace

CENTRES_FILE = Path(__file__).resolve().parent / "data" / "commune_centres_2025.csv"
CENTRES_SOURCE = "vietnamadminunits 1.0.4 (MIT)"
MICRO = Decimal("0.000001")
# Centres further than this (in degrees, about 55 km) are never the nearest commune worth naming.
SEARCH_DEGREES = 0.5
MAX_FEATURES = 500  # the offline map's vector layer: enough for a province, never the whole country


@dataclass
class PlacesReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    missing_units: list[str] = field(default_factory=list)  # codes in the file that are not loaded units

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _current_units() -> dict[tuple[str, int], AdministrativeUnit]:
    return {(u.level, u.code): u for u in AdministrativeUnit.objects.filter(era=UnitEra.CURRENT)}


@transaction.atomic
def unit_places_load(*, actor: Any = None, path: Path = CENTRES_FILE, source: str = CENTRES_SOURCE) -> PlacesReport:
    """Bring the units' points in line with the shipped file (or ``path``). Idempotent; boundaries untouched."""
    report = PlacesReport()
    units = _current_units()
    existing = {p.unit_id: p for p in UnitPlace.objects.all()}
    to_create: list[UnitPlace] = []
    to_update: list[UnitPlace] = []
    with path.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            unit = units.get((row["level"], int(row["code"])))
            if unit is None:
                report.missing_units.append(f"{row['level']}/{row['code']}")
                continue
            lat = Decimal(row["latitude"]).quantize(MICRO)
            lon = Decimal(row["longitude"]).quantize(MICRO)
            area = Decimal(row["area_km2"]).quantize(Decimal("0.01")) if row.get("area_km2") else None
            place = existing.get(unit.pk)
            if place is None:
                to_create.append(UnitPlace(unit=unit, latitude=lat, longitude=lon, area_km2=area, point_source=source))
            elif (place.latitude, place.longitude, place.area_km2, place.point_source) != (lat, lon, area, source):
                place.latitude, place.longitude, place.area_km2, place.point_source = lat, lon, area, source
                to_update.append(place)
            else:
                report.unchanged += 1
    UnitPlace.objects.bulk_create(to_create, batch_size=1000)
    UnitPlace.objects.bulk_update(to_update, ["latitude", "longitude", "area_km2", "point_source"], batch_size=1000)
    report.created, report.updated = len(to_create), len(to_update)
    if report.changed:
        audit_record(actor=actor, action="org.unit_places_load", object_type="org.unitplace", object_id="*",
                     object_repr=source, after={"created": report.created, "updated": report.updated})  # fmt: skip
    return report


@transaction.atomic
def unit_boundaries_load(*, actor: Any = None, geojson: dict[str, Any], code_property: str,
                         source: str) -> PlacesReport:  # fmt: skip
    """Store the commune boundaries of a GeoJSON FeatureCollection whose ``code_property`` is the GSO code.

    A feature with a bad geometry or an unknown code is reported, never guessed; a commune that has
    no point yet gets the centre of its boundary's box as its point, marked as such.
    """
    features = geojson.get("features") if isinstance(geojson, dict) else None
    if not isinstance(features, list):
        raise geo.GeometryError("not a GeoJSON FeatureCollection")
    report = PlacesReport()
    units = _current_units()
    existing = {p.unit_id: p for p in UnitPlace.objects.all()}
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {} if isinstance(feature, dict) else {}
        raw = str(properties.get(code_property, "")).strip()
        unit = units.get((UnitLevel.COMMUNE, int(raw))) if raw.isdigit() else None
        if unit is None:
            report.missing_units.append(f"#{number}: {raw or '?'}")
            continue
        geometry = feature.get("geometry")
        try:
            box = geo.bounding_box(geometry)
        except geo.GeometryError as exc:
            report.missing_units.append(f"#{number}: {raw} ({exc})")
            continue
        place = existing.get(unit.pk)
        if place is None:
            place = UnitPlace(
                unit=unit,
                latitude=Decimal((box[0] + box[2]) / 2).quantize(MICRO),
                longitude=Decimal((box[1] + box[3]) / 2).quantize(MICRO),
                point_source=f"{source} (centre of the boundary's box)",
            )
            report.created += 1
        elif place.boundary == geometry and place.boundary_source == source:
            report.unchanged += 1
            continue
        else:
            report.updated += 1
        place.boundary, place.boundary_source = geometry, source
        place.min_latitude, place.min_longitude, place.max_latitude, place.max_longitude = box
        place.save()
        existing[unit.pk] = place
    if report.changed:
        audit_record(actor=actor, action="org.unit_boundaries_load", object_type="org.unitplace", object_id="*",
                     object_repr=source, after={"created": report.created, "updated": report.updated})  # fmt: skip
    return report


def unit_boundaries_read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return data if isinstance(data, dict) else {}


# Reads ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceAt:
    """The current commune a point lies in: ``exact`` by its boundary, else the nearest centre (estimate)."""

    unit_id: int
    name: str
    province_name: str
    exact: bool
    distance_km: float | None = None


def _describe(unit_id: int, exact: bool, distance: float | None) -> PlaceAt:
    unit = AdministrativeUnit.objects.select_related("province").get(pk=unit_id)
    province = unit.province.name if unit.province is not None else ""
    return PlaceAt(unit.pk, unit.name, province, exact, distance)


def place_at(latitude: float, longitude: float) -> PlaceAt | None:
    """The current commune at a point, or None when no commune is known near it."""
    communes = UnitPlace.objects.filter(unit__era=UnitEra.CURRENT, unit__level=UnitLevel.COMMUNE)
    framing = communes.filter(
        boundary__isnull=False, min_latitude__lte=latitude, max_latitude__gte=latitude,
        min_longitude__lte=longitude, max_longitude__gte=longitude,
    ).values_list("unit_id", "boundary")  # fmt: skip
    for unit_id, boundary in framing:
        if geo.contains(boundary, latitude, longitude):
            return _describe(unit_id, True, None)
    near = communes.filter(
        latitude__range=(latitude - SEARCH_DEGREES, latitude + SEARCH_DEGREES),
        longitude__range=(longitude - SEARCH_DEGREES, longitude + SEARCH_DEGREES),
    ).values_list("unit_id", "latitude", "longitude", "area_km2", "boundary")
    # A commune whose boundary is loaded and does not hold the point is not the answer by its centre either.
    centres = [
        geo.Centre(unit_id, float(lat), float(lon), float(area) if area is not None else None)
        for unit_id, lat, lon, area, boundary in near
        if boundary is None
    ]
    estimate = geo.nearest_centre(latitude, longitude, centres)
    return None if estimate is None else _describe(estimate.key, False, estimate.distance_km)


def province_centre(code: int) -> tuple[float, float] | None:
    row = (
        UnitPlace.objects.filter(unit__era=UnitEra.CURRENT, unit__level=UnitLevel.PROVINCE, unit__code=code)
        .values_list("latitude", "longitude")
        .first()
    )
    return None if row is None else (float(row[0]), float(row[1]))


def places_in_box(south: float, west: float, north: float, east: float) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the communes in a box: boundaries where loaded, else centres."""
    rows = (
        UnitPlace.objects.filter(unit__era=UnitEra.CURRENT, unit__level=UnitLevel.COMMUNE)
        .filter(
            Q(latitude__range=(south, north), longitude__range=(west, east))
            | Q(
                boundary__isnull=False,
                min_latitude__lte=north,
                max_latitude__gte=south,
                min_longitude__lte=east,
                max_longitude__gte=west,
            )
        )
        .select_related("unit")
        .order_by("unit__code")[:MAX_FEATURES]
    )
    features = []
    for place in rows:
        point = {"type": "Point", "coordinates": [float(place.longitude), float(place.latitude)]}
        features.append({
            "type": "Feature",
            "id": place.unit_id,
            "geometry": place.boundary or point,
            "properties": {"name": place.unit.name, "exact": place.boundary is not None,
                           "centre": point["coordinates"]},
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": features, "truncated": len(features) >= MAX_FEATURES}
