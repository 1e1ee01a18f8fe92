"""GET /api/v1/democracy/dashboards/…: a province's and a commune's figures for staff; others refused."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.democracy.tests.factories import DemocracyWorld
from danvan.org.tests.factories import HUE

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy/dashboards"


def _get(user, path: str, **params):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(f"{API}{path}", params)


def test_the_province(world: DemocracyWorld) -> None:
    response = _get(world.dan_van, f"/provinces/{HUE}", year=2026)
    assert response.status_code == 200
    data = response.json()
    assert (data["code"], data["year"]) == (HUE, 2026)
    assert [(c["code"], c["name"]) for c in data["communes"]] == [
        (19774, "Phường Kim Long"),
        (19753, "Phường Phú Xuân"),
    ]
    kim_long = data["communes"][0]["figures"]
    assert kim_long["rates"]["decisions_recognised_on_time"] == {"numerator": 0, "denominator": 0, "percent": None}
    assert kim_long["rates"]["disclosures_on_time"] == {"numerator": 1, "denominator": 2, "percent": 50.0}
    total = data["total"]
    assert total["rates"]["disclosures_on_time"] == {"numerator": 4, "denominator": 6, "percent": 66.7}
    assert total["rates"]["online_turnout"]["percent"] == 6.3
    assert total["parts"]["decisions"]["recognition_overdue"] == 1
    assert sorted(total["parts"]) == ["boards", "conferences", "decisions", "disclosures", "voting"]


def test_the_commune_and_the_default_year(world: DemocracyWorld) -> None:
    data = _get(world.chair, f"/communes/{world.commune.code}").json()
    assert (data["code"], data["year"]) == (19753, 2026)
    assert data["figures"]["rates"]["recommendations_answered_on_time"] == {
        "numerator": 1, "denominator": 3, "percent": 33.3}  # fmt: skip


def test_scope_and_refusals(world: DemocracyWorld) -> None:
    chair = _get(world.chair, f"/provinces/{HUE}", year=2026).json()
    assert [c["name"] for c in chair["communes"]] == ["Phường Phú Xuân"]
    assert chair["total"]["rates"]["disclosures_on_time"]["percent"] == 75.0
    assert _get(world.other_chair, f"/communes/{world.commune.code}").status_code == 404
    assert _get(None, f"/provinces/{HUE}").status_code == 401
    assert _get(world.handler, f"/provinces/{HUE}").status_code == 404
    assert _get(world.dan_van, "/provinces/1").status_code == 404
    bad = _get(world.dan_van, f"/provinces/{HUE}", year=2019)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid" and "year" in bad.json()["details"]
    assert _get(world.dan_van, f"/provinces/{HUE}", year="x").status_code == 422
