"""From a partner's petition to a public index, through the REST API only (the services beneath for real)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.api.tests.conftest import PartnerWorld
from danvan.surveys.models import Invitation, SurveyTemplate
from danvan.surveys.services.invitations import rating_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_a_case_sent_handled_and_rated_through_the_api_moves_the_public_index(
    client: Client, pw: PartnerWorld, django_capture_on_commit_callbacks: Any
) -> None:
    methodology = SurveyTemplate.objects.get(code="case-rating").methodology
    methodology.min_sample = 1
    methodology.save()
    # 1. the partner sends a petition
    case = pw.new_case(client)
    # 2. the body's handler moves it to "answered" through a staff_act key
    staff = {"X-API-Key": pw.issue("staff_act", user=pw.handler)}
    for step in ({"action": "register"}, {"action": "answer", "answer_text": "Đã thay bóng đèn kiệt 5."}):
        reply = client.post(f"/api/v1/cases/{case.pk}/actions", step, content_type="application/json", headers=staff)
        assert reply.status_code == 200, reply.json()
    assert reply.json()["status"] == "answered"
    assert Invitation.objects.filter(subject=f"case:{case.pk}").exists()  # the citizen may now rate it
    # 3. the citizen rates it with the token of the link they received (staff courteous? 2 of 5)
    answers = [{"criterion": code, "aspect": "satisfaction", "value": 2 if code == "case_staff" else 5}
               for code in ("case_overall", "case_access", "case_procedures", "case_staff", "case_results",
                            "case_feedback")]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):  # the snapshot refresh runs after the commit
        rated = client.post("/api/v1/ratings", {"token": rating_token(case.pk), "answers": answers},
                            content_type="application/json")  # fmt: skip
    assert rated.status_code == 201, rated.json()
    # 4. the public index of February 2026: four factors at 100, "staff" at 0 -> 80
    data = client.get("/api/v1/indices", {"period_kind": "month", "period": "2026-02"}).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert (row["id"], row["respondents"], row["too_few"], row["index"], row["rank"]) == (pw.body.pk, 1, False, 80.0, 1)
    assert {f["code"]: f["index"] for f in row["factors"]} == {
        "access": 100.0, "feedback": 100.0, "procedures": 100.0, "results": 100.0, "staff": 0.0}  # fmt: skip
    body = client.get(f"/api/v1/indices/organizations/{pw.body.pk}", {"period_kind": "month", "period": "2026-02"})
    assert body.json()["current"]["index"] == 80.0 and [p["index"] for p in body.json()["trend"]] == [80.0]
    # the same rating again is a change within its window, not a second respondent
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/api/v1/ratings", {"token": rating_token(case.pk), "answers": answers},
                            content_type="application/json")  # fmt: skip
    assert again.status_code == 200
    assert (
        client.get("/api/v1/indices", {"period_kind": "month", "period": "2026-02"}).json()["results"][0]["respondents"]
        == 1
    )
