"""GET /api/v1/consultations/dashboards/…: a province's figures per place and body, a place's with each
consultation, for staff; others refused."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.consultations.tests.dashboards.world import DashWorld
from danvan.org.tests.factories import HUE, KIM_LONG, PHU_XUAN, make_user

pytestmark = pytest.mark.django_db
API = "/api/v1/consultations/dashboards"


def _get(user, path: str, **params):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(f"{API}{path}", params)


def test_the_province(world: DashWorld) -> None:
    response = _get(world.d.dan_van, f"/provinces/{HUE}", year=2026)
    assert response.status_code == 200
    data = response.json()
    assert (data["code"], data["year"]) == (HUE, 2026)
    assert [(p["level"], p["code"]) for p in data["places"]] == [
        ("province", HUE), ("commune", KIM_LONG), ("commune", PHU_XUAN)]  # fmt: skip
    kim_long = data["places"][1]["figures"]
    assert kim_long["rates"]["views_answered"] == {"numerator": 0, "denominator": 0, "percent": None}
    assert kim_long["rates"]["summaries_on_time"] == {"numerator": 0, "denominator": 1, "percent": 0.0}
    phu_xuan = data["places"][2]
    assert phu_xuan["figures"]["counts"]["channel_meeting"] == 12
    assert phu_xuan["figures"]["counts"]["households"] == 3
    assert [b["name"] for b in phu_xuan["bodies"]] == ["UBND Phường Phú Xuân"]
    total = data["total"]
    assert total["rates"]["views_answered"] == {"numerator": 5, "denominator": 7, "percent": 71.4}
    assert total["rates"]["summaries_on_time"] == {"numerator": 1, "denominator": 3, "percent": 33.3}
    assert total["counts"]["participants"] == 12 and total["counts"]["consultations"] == 5
    assert [b["name"] for b in data["bodies"]] == ["UBND Phường Kim Long", "UBND Phường Phú Xuân", "UBND thành phố Huế"]


def test_a_commune_with_each_consultation_and_the_default_year(world: DashWorld) -> None:
    data = _get(world.d.chair, f"/communes/{PHU_XUAN}").json()
    assert (data["code"], data["year"], data["level"]) == (PHU_XUAN, 2026, "commune")
    assert [c["code"] for c in data["consultations"]] == ["cho", "ten-duong", "via-he"]
    cho = data["consultations"][0]
    assert cho["status"] == "open" and cho["body"] == "UBND Phường Phú Xuân"
    assert cho["figures"]["rates"]["views_answered"] == {"numerator": 3, "denominator": 5, "percent": 60.0}
    # Aggregates only: no participant, no comment text.
    assert "participant" not in str(cho.keys()) and "Ý kiến 1" not in str(data)


def test_the_province_level(world: DashWorld) -> None:
    data = _get(world.d.dan_van, f"/province-level/{HUE}", year=2026).json()
    assert [c["code"] for c in data["consultations"]] == ["tinh"]
    assert data["figures"]["counts"]["participants"] == 4


def test_scope_and_refusals(world: DashWorld) -> None:
    d = world.d
    chair = _get(d.other_chair, f"/provinces/{HUE}", year=2026).json()
    assert [p["name"] for p in chair["places"]] == ["Phường Kim Long"]
    assert _get(d.other_chair, f"/communes/{PHU_XUAN}").status_code == 404
    assert _get(d.chair, f"/province-level/{HUE}").status_code == 404
    assert _get(None, f"/provinces/{HUE}").status_code == 401
    assert _get(make_user(username="dan"), f"/provinces/{HUE}").status_code == 404  # a citizen: as if absent
    assert _get(d.handler, f"/provinces/{HUE}").status_code == 404
    assert _get(d.dan_van, "/provinces/1").status_code == 404
    bad = _get(d.dan_van, f"/provinces/{HUE}", year=2019)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid" and "year" in bad.json()["details"]
    assert _get(d.dan_van, f"/provinces/{HUE}", year="x").status_code == 422
