"""The drafts part's REST operations: public list and detail (drafts 404), staff create/open/close."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from danvan.consultations import choices
from danvan.consultations.models import Consultation
from danvan.consultations.tests.drafts.conftest import create

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_public_list_and_detail(cworld) -> None:
    draft = create(cworld)
    r = _client().get("/api/v1/consultations")
    assert r.status_code == 200
    assert [c["code"] for c in r.json()] == [cworld.consultation.code]
    detail = _client().get(f"/api/v1/consultations/{cworld.consultation.code}").json()
    assert [s["key"] for s in detail["sections"]] == ["dieu-1", "dieu-2", "dieu-3"]
    assert detail["version"] == 1 and detail["days_left"] == 21 and detail["place_code"] == cworld.d.commune.code
    assert _client().get(f"/api/v1/consultations/{draft.code}").status_code == 404
    assert _client().get("/api/v1/consultations?q=cho+phu+xuan").json()[0]["code"] == cworld.consultation.code


def _payload(w, **fields):
    return {"organization_id": w.d.phuong.pk, "place_code": w.d.commune.code, "item": 5,
            "title": "Chỉnh trang vỉa hè", "audience": "commune", "verification": "open", "channels": ["platform"],
            "opens_on": "2026-06-16", "closes_on": "2026-06-30", "text": "Điều 1. A\nB\nĐiều 2. C\nD"} | fields  # fmt: skip


def test_staff_create_open_close(cworld) -> None:
    client = _client(cworld.d.handler)
    anonymous = _client().post("/api/v1/consultations", json.dumps(_payload(cworld)), content_type="application/json")
    assert anonymous.status_code == 401
    other = _client(cworld.d.other_chair).post("/api/v1/consultations", json.dumps(_payload(cworld)),
                                               content_type="application/json")  # fmt: skip
    assert other.status_code == 403 and other.json()["code"] == "forbidden"
    bad = client.post("/api/v1/consultations", json.dumps(_payload(cworld, audience="province")),
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == "bad_audience", bad.json()
    r = client.post("/api/v1/consultations", json.dumps(_payload(cworld)), content_type="application/json")
    assert r.status_code == 201
    code = r.json()["code"]
    assert r.json()["status"] == "draft" and [s["key"] for s in r.json()["sections"]] == ["dieu-1", "dieu-2"]
    assert client.post(f"/api/v1/consultations/{code}/open").json()["status"] == "open"
    assert _client(cworld.d.other_chair).post(f"/api/v1/consultations/{code}/close").status_code == 404
    assert client.post(f"/api/v1/consultations/{code}/close").json()["status"] == "closed"
    again = client.post(f"/api/v1/consultations/{code}/close")
    assert again.status_code == 400 and again.json()["code"] == "bad_state"
    assert Consultation.objects.get(code=code).status == choices.Status.CLOSED
