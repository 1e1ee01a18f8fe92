"""The REST endpoints: the public counts, the households for VIEW_HOUSEHOLDS, the imports' report."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.democracy.models import Village
from danvan.democracy.tests.villages.helpers import V_HEAD
from danvan.org.tests.factories import PHU_XUAN

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_a_communes_villages_are_public_with_counts_only(dworld) -> None:
    r = _client().get(f"/api/v1/democracy/communes/{PHU_XUAN}/villages")
    assert r.status_code == 200
    body = r.json()
    assert [(v["code"], v["households"]) for v in body["villages"]] == [("tdp-1", 9), ("tdp-2", 6)]
    assert "Chủ hộ" not in r.content.decode()
    assert _client().get("/api/v1/democracy/communes/99999999/villages").status_code == 404


def test_households_need_the_permission(dworld) -> None:
    url = f"/api/v1/democracy/villages/{dworld.village.pk}/households"
    assert _client().get(url).status_code == 401
    r = _client(dworld.village_head).get(url)
    assert r.status_code == 200 and len(r.json()["households"]) == 9 and r.json()["counted"] == 9
    assert (
        _client(dworld.village_head).get(f"/api/v1/democracy/villages/{dworld.village2.pk}/households").status_code
        == 404
    )
    assert _client(dworld.other_chair).get(url).status_code == 404


def test_the_import_answers_its_report(dworld) -> None:
    c = Client(enforce_csrf_checks=False)
    c.force_login(dworld.chair)
    bad = f"{V_HEAD}\n{PHU_XUAN},tdp 3,Tổ 3,thon\n".encode()
    r = c.post("/api/v1/democracy/villages/import", {"file": SimpleUploadedFile("v.csv", bad)})
    assert r.status_code == 200 and r.json()["ok"] is False
    assert r.json()["errors"][0] | {"message": ""} == {
        "line": 2,
        "column": "village_code",
        "code": "bad_village_code",
        "message": "",
    }
    good = f"{V_HEAD}\n{PHU_XUAN},tdp-3,Tổ 3,thon\n".encode()
    r = c.post("/api/v1/democracy/villages/import", {"file": SimpleUploadedFile("v.csv", good), "dry_run": "true"})
    assert r.json()["ok"] and r.json()["dry_run"] and r.json()["created"] == 1
    assert not Village.objects.filter(code="tdp-3").exists()
    h = _client(dworld.village_head)
    r = h.post("/api/v1/democracy/households/import", {"file": SimpleUploadedFile("h.csv", b"x")})
    assert r.status_code in (403, 422)
    r = h.post("/api/v1/democracy/villages/import", {"file": SimpleUploadedFile("v.csv", good)})
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
