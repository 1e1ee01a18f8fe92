"""The commitments part over the REST API, as signed-in officers."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.emulation.services import commitments as services
from danvan.emulation.tests.commitments.factories import register, world

pytestmark = pytest.mark.django_db
BASE = "/api/v1/emulation/commitments"


@pytest.fixture
def w(frozen_clock):
    return world()


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _new(w, title):
    return {"organization_id": w.ward.pk, "title": title, "reason": "Vì dân", "measurable_result": "10 buổi",
            "due_on": "2026-10-31"}  # fmt: skip


def test_a_cadre_registers_two_the_third_is_refused_with_its_code(client, w):
    client.force_login(w.cadre)
    assert _post(client, BASE, _new(w, "Một")).status_code == 201
    assert _post(client, BASE, _new(w, "Hai")).status_code == 201
    third = _post(client, BASE, _new(w, "Ba"))
    assert third.status_code == 400 and third.json()["code"] == "commitment_limit_reached"
    assert [c["title"] for c in client.get(BASE).json()] == ["Một", "Hai"]


def test_a_body_where_the_caller_is_no_cadre_answers_not_found(client, w):
    client.force_login(w.cadre)
    refused = _post(client, BASE, {**_new(w, "x"), "organization_id": w.other.pk})
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"


def test_review_and_assessment_and_who_may_read(client, w, frozen_clock):
    commitment = register(w.cadre, w.ward)
    frozen_clock.move_to(dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC))
    client.force_login(w.cadre)
    review = _post(client, f"{BASE}/{commitment.pk}/reviews", {"period": "midyear", "text": "Đã làm",
                                                                 "self_rating": "partly"})  # fmt: skip
    assert review.status_code == 201, review.content
    rid = review.json()["id"]
    client.force_login(w.other_head)
    assert client.get(f"{BASE}/{commitment.pk}").status_code == 404
    client.force_login(w.head)
    assessed = _post(client, f"{BASE}/{commitment.pk}/reviews/{rid}/assessment", {"assessment": "completed"})
    assert assessed.status_code == 200 and assessed.json()["assessed_at"]
    again = _post(client, f"{BASE}/{commitment.pk}/reviews/{rid}/assessment", {"assessment": "partly"})
    assert again.json()["code"] == "commitment_review_already_assessed"
    assert client.get(f"{BASE}/{commitment.pk}").json()["reviews"][0]["assessment"] == "completed"


def test_units_and_public_commitments(client, w, frozen_clock):
    register(w.cadre, w.ward)
    services.public_commitment_post(user=w.head, organization=w.ward, year=2026, title="Ba không", items="A\nB")
    frozen_clock.move_to(dt.datetime(2026, 4, 2, 2, 0, tzinfo=dt.UTC))
    client.force_login(w.head)
    rows = client.get(f"{BASE}/units?late=true").json()
    assert [(r["organization_name"], r["cadres_expected"], r["cadres_with_commitment"], r["late"]) for r in rows] == [
        ("UBND Phường Phú Xuân", 3, 1, ["no_commitment"])
    ]
    client.force_login(w.cadre)
    assert client.get(f"{BASE}/units").status_code == 404
    client.logout()
    public = client.get(f"/api/v1/emulation/public-commitments/{w.ward.code}")
    assert public.json() == [{"year": 2026, "title": "Ba không", "items": ["A", "B"]}]


def test_bad_input_answers_the_one_error_shape_not_a_500(client, w, frozen_clock):
    commitment = register(w.cadre, w.ward)
    frozen_clock.move_to(dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC))
    client.force_login(w.cadre)
    bad = _post(client, f"{BASE}/{commitment.pk}/reviews", {"period": "midyear", "text": "x", "self_rating": "tốt"})
    assert bad.status_code == 400 and bad.json()["code"] == "commitment_field_missing"
    assert _post(client, BASE, {**_new(w, "x"), "due_on": "không phải ngày"}).status_code == 422
    assert client.get(f"{BASE}/99999999999999").status_code in (404, 422)
