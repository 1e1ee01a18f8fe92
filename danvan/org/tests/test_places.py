"""org.places: the shipped points loaded, boundaries from GeoJSON, and the commune at a point.

The points are the shipped data (``org/data/commune_centres_2025.csv``); the boundary below is a
test square, not any real commune's outline.
"""

from decimal import Decimal

import pytest

from danvan.core.models import AuditEvent
from danvan.org import places
from danvan.org.models import UnitPlace
from danvan.org.tests.factories import commune, province

pytestmark = pytest.mark.django_db

VY_DA, THUAN_HOA, PHU_XUAN = 19777, 19789, 19753


def square(lat: float, lon: float, half: float) -> dict:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
            [lon - half, lat - half]]  # fmt: skip
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def loaded(db):
    return places.unit_places_load()


def test_every_province_and_commune_of_the_2025_map_gets_its_point_once(loaded):
    assert (loaded.created, loaded.updated, loaded.missing_units) == (3355, 0, [])
    vy_da = UnitPlace.objects.get(unit=commune(VY_DA))
    assert (vy_da.latitude, vy_da.longitude, vy_da.area_km2) == (Decimal("16.477900"), Decimal("107.611000"),
                                                                  Decimal("8.93"))  # fmt: skip
    assert AuditEvent.objects.filter(action="org.unit_places_load").count() == 1
    again = places.unit_places_load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3355)
    assert AuditEvent.objects.filter(action="org.unit_places_load").count() == 1


def test_a_point_at_a_ward_centre_is_that_ward_by_estimate(loaded):
    found = places.place_at(16.4779, 107.611)
    assert found == places.PlaceAt(commune(VY_DA).pk, "Phường Vỹ Dạ", "Thành phố Huế", exact=False, distance_km=0.0)


def test_a_point_between_centres_goes_to_the_nearest_in_radii(loaded):
    found = places.place_at(16.4637, 107.5908)  # the Citadel side of the Perfume River, 1.2 km from Thuận Hóa's centre
    assert found is not None and (found.name, found.exact) == ("Phường Thuận Hóa", False)


def test_a_point_at_sea_far_from_every_commune_is_no_commune(loaded):
    assert places.place_at(16.2, 108.9) is None


def test_a_loaded_boundary_decides_exactly_and_its_commune_is_not_guessed_from_its_centre(loaded):
    # A test square around Vỹ Dạ's centre, 0.01° wide: a point inside is Vỹ Dạ exactly; a point just
    # outside it, though nearer Vỹ Dạ's centre than any other, is not Vỹ Dạ any more.
    report = places.unit_boundaries_load(
        geojson={"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"ma_xa": str(VY_DA)}, "geometry": square(16.4779, 107.611, 0.005)},
            {"type": "Feature", "properties": {"ma_xa": "99999"}, "geometry": square(16.0, 107.0, 0.01)},
            {"type": "Feature", "properties": {"ma_xa": str(THUAN_HOA)}, "geometry": {"type": "Point",
                                                                                   "coordinates": [107.5, 16.4]}},
        ]},
        code_property="ma_xa", source="test square",
    )  # fmt: skip
    assert (report.created, report.updated) == (0, 1)
    assert report.missing_units == ["#2: 99999", "#3: 19789 (unsupported geometry type 'Point')"]
    inside = places.place_at(16.4800, 107.6140)
    assert inside == places.PlaceAt(commune(VY_DA).pk, "Phường Vỹ Dạ", "Thành phố Huế", exact=True)
    outside = places.place_at(16.4779, 107.6170)
    assert outside is not None and outside.name != "Phường Vỹ Dạ" and not outside.exact
    assert AuditEvent.objects.filter(action="org.unit_boundaries_load").count() == 1


def test_a_boundary_for_a_commune_without_a_point_gives_it_the_centre_of_its_box(db):
    places.unit_boundaries_load(
        geojson={"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": VY_DA}, "geometry": square(16.5, 107.6, 0.01)}]},
        code_property="code", source="test square",
    )  # fmt: skip
    place = UnitPlace.objects.get(unit=commune(VY_DA))
    assert (place.latitude, place.longitude) == (Decimal("16.500000"), Decimal("107.600000"))
    assert place.point_source == "test square (centre of the boundary's box)"


def test_not_a_feature_collection_is_refused():
    with pytest.raises(places.geo.GeometryError):
        places.unit_boundaries_load(geojson={"type": "Feature"}, code_property="code", source="x")


def test_the_map_layer_lists_the_communes_in_a_box_as_points(loaded):
    layer = places.places_in_box(16.47, 107.57, 16.49, 107.62)
    names = {f["properties"]["name"] for f in layer["features"]}
    assert {"Phường Vỹ Dạ", "Phường Phú Xuân"} <= names
    vy_da = next(f for f in layer["features"] if f["properties"]["name"] == "Phường Vỹ Dạ")
    assert vy_da["geometry"] == {"type": "Point", "coordinates": [107.611, 16.4779]}
    assert layer["truncated"] is False


def test_the_home_province_centre_is_known_once_loaded(loaded):
    assert places.province_centre(province(46).code) == (16.3316, 107.517)
    assert places.province_centre(999) is None
