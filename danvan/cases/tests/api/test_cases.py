"""The cases endpoints of the REST API: create with idempotency, look-ups, staff reads and scopes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.cases.models import Case
from danvan.cases.services.handling import case_answer, case_register
from danvan.cases.tests.api.world import PartnerWorld
from danvan.partners.models import ApiKey
from danvan.partners.services import api_key_issue, api_key_revoke

pytestmark = pytest.mark.django_db

BODY: dict[str, Any] = {
    "content": "Đèn đường kiệt 5 Lê Lợi hỏng đã hai tuần, đề nghị sửa chữa.",
    "kind": "pakn",
    "place_text": "phuong phu xuan, hue",
    "name": "Trần Thị Bình",
    "phone": "0987654321",
    "consent": True,
}


def create(client: Client, key: str | None, body: dict[str, Any] | None = None, **headers: str) -> Any:
    if key:
        headers["Authorization"] = f"Bearer {key}"
    return client.post("/api/v1/cases", body or BODY, content_type="application/json", headers=headers)


def test_create_is_idempotent_and_reaches_the_inbox_and_comes_back(client: Client, pw: PartnerWorld) -> None:
    first = create(client, pw.key, **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201, first.content
    again = create(client, pw.key, **{"Idempotency-Key": "k-1"})
    assert again.status_code == 200 and again.json()["tracking_code"] == first.json()["tracking_code"]
    assert again.json()["access_token"] == first.json()["access_token"] != ""  # the retry gets its link back
    case = Case.objects.get()
    assert case.channel == "api" and case.handling_organization == pw.body
    # the partner reads it back by tracking code; the citizen through the private link
    code = case.tracking_code
    own = client.get(f"/api/v1/cases/track/{code}", headers={"X-API-Key": pw.read_key})
    assert own.status_code == 200 and own.json()["status"] == "received"
    case_register(case=case, actor=pw.handler)
    case_answer(case=case, actor=pw.handler, answer_text="Đã thay bóng đèn.")
    link = client.get(f"/api/v1/cases/track/{code}", {"token": first.json()["access_token"]})
    assert link.json()["answer"] == "Đã thay bóng đèn." and link.json()["status"] == "answered"
    # staff see it in their list and detail
    client.force_login(pw.handler)
    listed = client.get("/api/v1/cases", {"kind": "pakn", "status": "answered"}).json()
    assert listed["count"] == 1 and listed["results"][0]["tracking_code"] == code
    assert client.get(f"/api/v1/cases/{case.pk}").json()["content"].startswith("Đèn đường")


def test_lookup_without_token_or_ownership_is_404(client: Client, pw: PartnerWorld) -> None:
    code = create(client, pw.key).json()["tracking_code"]
    assert client.get(f"/api/v1/cases/track/{code}").json()["code"] == "not_found"
    assert client.get(f"/api/v1/cases/track/{code}", {"token": "sai"}).status_code == 404


@pytest.mark.parametrize("which", ["wrong", "revoked", "read_only"])
def test_create_needs_a_valid_key_with_submit(client: Client, pw: PartnerWorld, which: str) -> None:
    key = {"wrong": pw.key + "x", "revoked": pw.key, "read_only": pw.read_key}[which]
    if which == "revoked":
        api_key_revoke(actor=pw.operator, api_key=ApiKey.objects.get(name="IOC"), reason="thử")
    response = create(client, key)
    assert response.status_code == (403 if which == "read_only" else 401)
    assert set(response.json()) == {"code", "message", "details"}
    assert not Case.objects.exists()


def test_anonymous_create_is_401(client: Client, pw: PartnerWorld) -> None:
    assert create(client, None).status_code == 401


def test_invalid_petition_is_400_with_details_and_nothing_stored(client: Client, pw: PartnerWorld) -> None:
    response = create(client, pw.key, {**BODY, "consent": False, "place_text": "khong co noi nay xyz"})
    assert response.status_code == 400
    assert {"consent", "place_text"} <= set(response.json()["details"])
    assert create(client, pw.key, {**BODY, "content": "x" * 10_001}).status_code == 422
    assert not Case.objects.exists()


def test_errors_follow_accept_language(client: Client, pw: PartnerWorld) -> None:
    response = client.get("/api/v1/cases", headers={"Accept-Language": "en"})
    assert response.status_code == 401 and response.json()["message"] == "Sign in or send an API key."


def test_staff_scope_reads_as_the_keys_account_within_its_permissions(client: Client, pw: PartnerWorld) -> None:
    create(client, pw.key)
    staff = api_key_issue(actor=pw.operator, organization=pw.body, name="Phường", scopes=["staff_read"],
                          user=pw.handler).plaintext  # fmt: skip
    assert client.get("/api/v1/cases", headers={"X-API-Key": staff}).json()["count"] == 1
    assert client.get("/api/v1/cases", headers={"X-API-Key": pw.key}).status_code == 403
    outsider = api_key_issue(actor=pw.operator, organization=pw.body, name="Ngoài", scopes=["staff_read"],
                             user=pw.operator).plaintext  # fmt: skip
    case = Case.objects.get()
    assert client.get("/api/v1/cases", headers={"X-API-Key": outsider}).json()["count"] == 0
    assert client.get(f"/api/v1/cases/{case.pk}", headers={"X-API-Key": outsider}).status_code == 404


def test_session_post_needs_csrf(pw: PartnerWorld) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(pw.handler)
    response = create(client, None)
    assert response.status_code == 403 and response.json()["code"] == "csrf_failed"
