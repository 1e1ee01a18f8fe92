"""org.geo: point in polygon and the nearest commune centre. Pure: no database.

The shapes here are test geometry (squares in degrees), not any real commune's boundary.
"""

import pytest

from danvan.org import geo

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[107.0, 16.0], [108.0, 16.0], [108.0, 17.0], [107.0, 17.0], [107.0, 16.0]]],
}
WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [
        SQUARE["coordinates"][0],
        [[107.4, 16.4], [107.6, 16.4], [107.6, 16.6], [107.4, 16.6], [107.4, 16.4]],
    ],
}
TWO = {
    "type": "MultiPolygon",
    "coordinates": [SQUARE["coordinates"], [[[109.0, 16.0], [110.0, 16.0], [110.0, 17.0], [109.0, 16.0]]]],
}


def test_a_point_inside_a_polygon_is_contained_and_one_outside_is_not():
    assert geo.contains(SQUARE, 16.5, 107.5)
    assert not geo.contains(SQUARE, 16.5, 108.5)
    assert not geo.contains(SQUARE, 17.5, 107.5)


def test_a_point_in_a_hole_is_not_contained_but_one_beside_it_is():
    assert not geo.contains(WITH_HOLE, 16.5, 107.5)
    assert geo.contains(WITH_HOLE, 16.2, 107.2)


def test_every_polygon_of_a_multipolygon_counts():
    assert geo.contains(TWO, 16.2, 109.7)
    assert geo.contains(TWO, 16.5, 107.5)
    assert not geo.contains(TWO, 16.9, 109.1)  # outside the triangle, between its hypotenuse and the corner


def test_bounding_box_is_min_lat_min_lon_max_lat_max_lon():
    assert geo.bounding_box(TWO) == (16.0, 107.0, 17.0, 110.0)


@pytest.mark.parametrize(
    "geometry",
    [
        None,
        {"type": "Point", "coordinates": [107.0, 16.0]},
        {"type": "Polygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [[[107.0, 16.0], [108.0, 16.0], [107.0, 16.0]]]},  # three positions
        {"type": "Polygon", "coordinates": [[[107.0, 16.0], [108.0, 16.0], [108.0, 95.0], [107.0, 16.0]]]},
        {"type": "Polygon", "coordinates": [[["a", 16.0], [108.0, 16.0], [108.0, 17.0], [107.0, 16.0]]]},
    ],
)
def test_what_is_not_a_usable_polygon_is_refused_by_name(geometry):
    with pytest.raises(geo.GeometryError):
        geo.contains(geometry, 16.5, 107.5)


def test_distance_between_two_points_one_degree_of_latitude_apart_is_about_111_km():
    assert geo.distance_km(16.0, 107.0, 17.0, 107.0) == pytest.approx(111.2, abs=0.1)


def test_the_nearest_centre_is_measured_in_radii_of_each_commune():
    # The point is 3.3 km from the small ward's centre and 4.4 km from the large commune's: in radii of
    # each (1 km and 5 km), it lies well inside the large commune.
    small = geo.Centre(1, 16.03, 107.0, area_km2=3.14159)  # radius 1 km
    large = geo.Centre(2, 15.96, 107.0, area_km2=78.5398)  # radius 5 km
    found = geo.nearest_centre(16.0, 107.0, [small, large])
    assert found is not None and found.key == 2
    assert found.distance_km == pytest.approx(4.448, abs=0.01)


def test_no_commune_is_named_for_a_point_far_from_every_centre():
    centre = geo.Centre(1, 16.0, 107.0, area_km2=10)  # radius about 1.8 km: reach 2.5 radii + 2 km ≈ 6.5 km
    assert geo.nearest_centre(16.0, 107.1, [centre]) is None  # about 10.7 km east
    assert geo.nearest_centre(16.0, 107.05, [centre]) is not None  # about 5.3 km
    assert geo.nearest_centre(16.0, 107.0, []) is None


def test_a_commune_without_an_area_still_reaches_half_a_kilometre():
    assert geo.Centre(1, 16.0, 107.0).radius_km == geo.MIN_RADIUS_KM
