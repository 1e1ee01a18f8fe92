"""The REST API: create with idempotency, look-ups, staff reads, scopes, errors and rate limits."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.api.tests.conftest import PartnerWorld
from danvan.cases.models import Case
from danvan.cases.services.handling import case_answer, case_register
from danvan.partners.models import ApiKey
from danvan.partners.services import api_key_issue, api_key_revoke
from danvan.rest import auth

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


def test_schema_and_docs_are_served(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/api/v1/cases" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


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


def test_units_are_public_and_paginated(client: Client, pw: PartnerWorld) -> None:
    data = client.get("/api/v1/units", {"q": "phu xuan", "level": "commune", "page_size": 5}).json()
    assert data["count"] >= 1 and any(u["code"] == 19753 for u in data["results"])


def test_organizations_follow_the_viewers_scope(client: Client, pw: PartnerWorld) -> None:
    client.force_login(pw.handler)
    names = [o["name"] for o in client.get("/api/v1/organizations").json()["results"]]
    assert names == ["UBND Phường Phú Xuân"]


def test_session_post_needs_csrf(pw: PartnerWorld) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(pw.handler)
    response = create(client, None)
    assert response.status_code == 403 and response.json()["code"] == "csrf_failed"


def test_rate_limit_per_address_and_per_key(client: Client, pw: PartnerWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "READ_LIMIT", 1)
    assert client.get("/api/v1/units").status_code == 200
    limited = client.get("/api/v1/units")
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited" and limited["Retry-After"]
    ApiKey.objects.filter(name="IOC").update(rate_limit_per_minute=1)
    assert create(client, pw.key).status_code == 201
    assert create(client, pw.key, REMOTE_ADDR="10.1.1.1").status_code == 429


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/v1/cases", {**BODY, "content": "Đèn\x00 hỏng"}),
        ("get", "/api/v1/cases/track/PA-2602-%00", None),
        ("get", "/api/v1/units?q=phu%00xuan", None),
        ("get", "/api/v1/indices?template=case%00rating", None),
        ("get", "/api/v1/surveys/templates/case%00rating", None),
        ("post", "/api/v1/ratings", {"token": "a\x00b", "answers": []}),
    ],
)
def test_a_nul_character_is_refused_before_the_database(client: Client, pw: PartnerWorld, method: str, path: str,
                                                        body: Any) -> None:  # fmt: skip
    """PostgreSQL cannot hold U+0000 in text: it must be a 422, not a server error."""
    headers = {"X-API-Key": pw.key}
    if body is None:
        response = client.get(path, headers=headers)
    else:
        response = client.post(path, body, content_type="application/json", headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "invalid"
    assert not Case.objects.exists()
