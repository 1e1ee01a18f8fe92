"""The gallery's map: one marker per commune at its centre with the number of public models that match the
gallery's filters, counted against hand-built rows; the JSON endpoint's queries pinned, its cache header and
its limit per address; the gallery page hands the map its filters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from danvan.emulation.models import DvkModel
from danvan.emulation.tests.dvk.factories import recognised
from danvan.emulation.views import dvk as views
from danvan.org.models import UnitPlace
from danvan.org.tests.factories import KIM_LONG, PHU_XUAN, commune, province

VY_DA = 19777  # a ward of Huế without a loaded centre in these tests

MARKERS = reverse("emulation:dvk_markers")


def copy(model: DvkModel, **changes: Any) -> DvkModel:
    row = DvkModel.objects.get(pk=model.pk)
    row.pk = None
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


@pytest.fixture
def world(w):
    """Phú Xuân: 2 public (province level, culture; commune level, economy); Kim Long: 1 public, 1 under way,
    1 archived; a public one in a commune without a centre; a public one placed at the province."""
    UnitPlace.objects.create(unit=commune(PHU_XUAN), latitude=Decimal("16.468000"), longitude=Decimal("107.578000"))
    UnitPlace.objects.create(unit=commune(KIM_LONG), latitude=Decimal("16.463000"), longitude=Decimal("107.552000"))
    origin = recognised(w)  # Phú Xuân, tỉnh, van_hoa_xa_hoi, "chỉnh trang đô thị"
    copy(origin, name="Nông dân giúp nhau làm giàu", field="kinh_te", recognised_level="xa",
         search_text="nong dan giup nhau lam giau")  # fmt: skip
    copy(origin, name="Kim Long xanh", place=commune(KIM_LONG), stage="commended", search_text="kim long xanh")
    copy(origin, name="Kim Long đang làm", place=commune(KIM_LONG), stage="implementing", recognised_level="")
    copy(origin, name="Kim Long lưu trữ", place=commune(KIM_LONG), stage="archived")
    copy(origin, name="Không có tâm", place=commune(VY_DA))
    copy(origin, name="Cả tỉnh", place=province(46))
    return w


def markers(client, **params: str) -> list[tuple[int, str, float, float, int, str]]:
    response = client.get(MARKERS, params)
    assert response.status_code == 200
    return [(m["code"], m["name"], m["lat"], m["lng"], m["count"], m["url"]) for m in response.json()["markers"]]


def test_one_marker_per_commune_with_its_public_models(client, world) -> None:
    # by province, then commune name: Phường Kim Long, Phường Phú Xuân
    assert markers(client) == [
        (KIM_LONG, "Phường Kim Long", 16.463, 107.552, 1, f"/dan-van-kheo/?xa={KIM_LONG}"),
        (PHU_XUAN, "Phường Phú Xuân", 16.468, 107.578, 2, f"/dan-van-kheo/?xa={PHU_XUAN}"),
    ]


def test_the_gallerys_filters_apply_to_the_markers(client, world) -> None:
    counts = lambda **params: [(m[0], m[4]) for m in markers(client, **params)]  # noqa: E731
    assert counts(cap="xa") == [(PHU_XUAN, 1)]
    assert counts(cap="tinh", linh_vuc="van_hoa_xa_hoi") == [(KIM_LONG, 1), (PHU_XUAN, 1)]
    assert counts(linh_vuc="kinh_te") == [(PHU_XUAN, 1)]
    assert counts(q="KIM long") == [(KIM_LONG, 1)]
    assert counts(xa=str(KIM_LONG)) == [(KIM_LONG, 1)]
    assert counts(tinh="46") == [(KIM_LONG, 1), (PHU_XUAN, 2)]
    # A province without public models is not a choice: the search is read as the gallery reads it (ignored).
    assert counts(tinh="1", cap="xa") == counts() == [(KIM_LONG, 1), (PHU_XUAN, 2)]
    # The popup keeps the gallery's filters and adds the commune.
    assert markers(client, cap="xa", page="3")[0][5] == f"/dan-van-kheo/?cap=xa&xa={PHU_XUAN}"


def test_the_markers_endpoint_is_public_cached_and_its_queries_pinned(client, world, django_assert_num_queries) -> None:
    client.get(MARKERS)  # warm the caches
    with django_assert_num_queries(2):  # the gallery's provinces (to read the filter) and the markers
        response = client.get(MARKERS, {"cap": "tinh", "q": "long"})
    assert response["Cache-Control"] == "public, max-age=300"
    assert [m["count"] for m in response.json()["markers"]] == [1]
    for n in range(20):  # more rows do not mean more queries
        copy(DvkModel.objects.filter(stage="commended").first(), name=f"Bản sao {n}")
    with django_assert_num_queries(2):
        assert sum(m["count"] for m in client.get(MARKERS).json()["markers"]) == 23


def test_the_markers_endpoint_is_limited_per_address(client, world, monkeypatch) -> None:
    monkeypatch.setattr(views, "MARKERS_LIMIT", 2)
    statuses = [client.get(MARKERS, REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.get(MARKERS, REMOTE_ADDR="203.0.113.7")
    assert (refused.status_code, "public" in refused.get("Cache-Control", "")) == (429, False)  # never cached for all
    assert client.get(MARKERS, REMOTE_ADDR="203.0.113.8").status_code == 200


def test_the_gallery_hands_its_filters_to_the_map_and_keeps_the_place_list(client, world) -> None:
    page = client.get(reverse("emulation:dvk_gallery"), {"cap": "tinh", "page": "1"}).content.decode()
    assert 'data-markers="/dan-van-kheo/ban-do.json?cap=tinh"' in page
    assert 'data-tiles=""' in page and reverse("emulation:dvk_places") in page
    assert "<script>" not in page  # the map's script is a file (the CSP allows no inline script)
