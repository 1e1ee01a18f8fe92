"""The evaluation over the REST API, as a signed-in officer."""

from __future__ import annotations

import pytest

from danvan.emulation.models import UnitEvaluation
from danvan.emulation.tests.evaluation.factories import figures

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_run_read_and_confirm_with_a_change(client, hue, frozen_clock):
    client.force_login(hue.dan_van)
    with figures({hue.ward.pk: 96.0}):
        ran = client.post("/api/v1/emulation/evaluations/run", {"year": 2025, "organization_ids": [hue.ward.pk]},
                          content_type=JSON)  # fmt: skip
    assert ran.status_code == 200, ran.content
    assert ran.json() == {"computed": 1, "frozen": 0, "queued": 0}
    listed = client.get("/api/v1/emulation/evaluations", {"year": 2025}).json()
    assert [(e["organization_id"], e["status"]) for e in listed] == [(hue.ward.pk, "proposed")]
    assert listed[0]["measured_on"] == "2025-12-31"  # a past year: its figures as of its last day
    detail = client.get(f"/api/v1/emulation/evaluations/{listed[0]['id']}").json()
    assert detail["measured_on"] == "2025-12-31"
    line = next(x for x in detail["lines"] if x["key"] == "cases_on_time")
    assert line["measured"] and line["figure"]["value"] == 96.0 and line["points"] == 100.0
    # No commendation decided on the platform for the ward: a real zero (the commendation part's count).
    assert next(x for x in detail["lines"] if x["key"] == "commendations")["figure"]["value"] == 0.0
    refused = client.post(f"/api/v1/emulation/evaluations/{listed[0]['id']}/confirm", {"grade": "tot"},
                          content_type=JSON)  # fmt: skip
    assert refused.status_code == 400 and refused.json()["code"] == "evaluation_reason_required"
    done = client.post(f"/api/v1/emulation/evaluations/{listed[0]['id']}/confirm",
                       {"grade": "tot", "reason": "Hội đồng xét."}, content_type=JSON)  # fmt: skip
    assert done.status_code == 200 and done.json()["grade"] == "tot" and done.json()["status"] == "confirmed"


def test_a_year_not_open_is_refused_with_its_code(client, hue, frozen_clock):
    client.force_login(hue.dan_van)
    refused = client.post("/api/v1/emulation/evaluations/run", {"year": 2026}, content_type=JSON)
    assert refused.status_code == 400 and refused.json()["code"] == "evaluation_not_open"
    assert not UnitEvaluation.objects.exists()


def test_an_evaluation_outside_the_scope_answers_not_found(client, hue, frozen_clock):
    with figures({hue.other.pk: 50.0}):
        client.force_login(hue.dan_van)
        client.post("/api/v1/emulation/evaluations/run", {"year": 2025, "organization_ids": [hue.other.pk]},
                    content_type=JSON)  # fmt: skip
    e = UnitEvaluation.objects.get()
    client.force_login(hue.ward_head)
    assert client.get(f"/api/v1/emulation/evaluations/{e.pk}").status_code == 404
    assert client.post(f"/api/v1/emulation/evaluations/{e.pk}/confirm", {"grade": "tot", "reason": "x"},
                       content_type=JSON).status_code == 404  # fmt: skip
    assert client.get("/api/v1/emulation/evaluations", {"year": 2025}).json() == []


def test_bad_input_answers_the_error_shape_never_a_500(client, hue, frozen_clock):
    client.force_login(hue.dan_van)
    refused = [
        client.get("/api/v1/emulation/evaluations", {"year": 99999999999}),
        client.post("/api/v1/emulation/evaluations/run", {"year": 2025, "organization_ids": [10**15]},
                    content_type=JSON),
        client.post("/api/v1/emulation/evaluations/run", {"year": "x"}, content_type=JSON),
        client.post("/api/v1/emulation/evaluations/run", "{", content_type=JSON),
    ]  # fmt: skip
    assert [r.status_code in (400, 422) and "code" in r.json() for r in refused] == [True] * 4
    missing = client.get("/api/v1/emulation/evaluations/99999999999999")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert not UnitEvaluation.objects.exists()
