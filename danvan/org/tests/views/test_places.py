"""The map's JSON look-ups: the commune at a point and the communes in a box; bad input and limits."""

import pytest
from django.urls import reverse

from danvan.org import places
from danvan.org.tests.factories import commune

pytestmark = pytest.mark.django_db

AT = reverse("org:place_at")
BOX = reverse("org:places_in_box")


@pytest.fixture(autouse=True)
def loaded(db):
    places.unit_places_load()


def test_a_point_answers_its_commune_said_as_an_estimate(client):
    response = client.get(AT, {"lat": "16.4779", "lon": "107.611"})
    assert response.status_code == 200
    assert response.json() == {
        "found": True,
        "unit": {"id": commune(19777).pk, "name": "Phường Vỹ Dạ", "province": "Thành phố Huế"},
        "exact": False,
        "message": "Phường Vỹ Dạ, Thành phố Huế — trung tâm xã, phường gần nhất: chỉ là ước tính, xin kiểm tra lại.",
    }


def test_a_point_at_sea_answers_no_commune(client):
    response = client.get(AT, {"lat": "16.2", "lon": "108.9"})
    assert response.status_code == 200
    assert response.json() == {"found": False, "message": "Không có xã, phường nào được biết tại điểm này."}


@pytest.mark.parametrize("query", [{}, {"lat": "16.4"}, {"lat": "abc", "lon": "107"}, {"lat": "91", "lon": "107"},
                                   {"lat": "nan", "lon": "107"}, {"lat": "16", "lon": "inf"}])  # fmt: skip
def test_a_point_that_is_not_two_numbers_in_range_is_refused_in_vietnamese(client, query):
    response = client.get(AT, query)
    assert response.status_code == 400
    assert response.json() == {"error": "invalid", "message": "Hãy cho vĩ độ và kinh độ, tính bằng độ."}


def test_the_box_lists_the_communes_in_it(client):
    response = client.get(BOX, {"bbox": "107.57,16.47,107.62,16.49"})
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert "Phường Vỹ Dạ" in {f["properties"]["name"] for f in data["features"]}


@pytest.mark.parametrize("bbox", ["", "1,2,3", "107.6,16.5,107.5,16.4", "100,10,108,17", "a,b,c,d"])
def test_a_box_that_is_malformed_reversed_or_too_large_is_refused(client, bbox):
    response = client.get(BOX, {"bbox": bbox})
    assert response.status_code == 400 and response.json()["error"] == "invalid"


def test_the_hundred_and_twenty_first_point_in_a_minute_is_told_to_wait(client, frozen_clock):
    for _ in range(120):
        assert client.get(AT, {"lat": "16.4779", "lon": "107.611"}).status_code == 200
    response = client.get(AT, {"lat": "16.4779", "lon": "107.611"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert response.json()["error"] == "rate_limited"


def test_only_get_is_answered(client):
    assert client.post(AT, {"lat": "16.4779", "lon": "107.611"}).status_code == 405


@pytest.mark.parametrize(
    ("tiles", "img_src"),
    [
        ("", ["'self'", "data:"]),
        ("https://{s}.tiles.example.vn/{z}/{x}/{y}.png", ["'self'", "data:", "https://*.tiles.example.vn"]),
        ("https://tiles.example.vn:8443/{z}/{x}/{y}.png", ["'self'", "data:", "https://tiles.example.vn:8443"]),
    ],
)
def test_a_configured_tile_server_and_only_it_is_allowed_to_send_images(tiles, img_src):
    # The settings read the environment once, at import: a fresh interpreter reads them as a server would.
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[4]
    env = {**os.environ, "DANVAN_MAP_TILES_URL": tiles, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "PYTHONPATH": str(root)}  # fmt: skip
    code = "import json, django; django.setup(); from django.conf import settings; " \
           "print(json.dumps([str(v) for v in settings.SECURE_CSP['img-src']]))"  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True)  # noqa: S603
    assert json.loads(out.stdout.strip().splitlines()[-1]) == img_src
