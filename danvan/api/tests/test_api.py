"""The REST API root: the schema and docs, units and bodies, errors and rate limits shared by every router."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.api.tests.conftest import PartnerWorld
from danvan.cases.models import Case
from danvan.partners.models import ApiKey
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


def test_units_are_public_and_paginated(client: Client, pw: PartnerWorld) -> None:
    data = client.get("/api/v1/units", {"q": "phu xuan", "level": "commune", "page_size": 5}).json()
    assert data["count"] >= 1 and any(u["code"] == 19753 for u in data["results"])


def test_organizations_follow_the_viewers_scope(client: Client, pw: PartnerWorld) -> None:
    client.force_login(pw.handler)
    names = [o["name"] for o in client.get("/api/v1/organizations").json()["results"]]
    assert names == ["UBND Phường Phú Xuân"]


def test_rate_limit_per_address_and_per_key(client: Client, pw: PartnerWorld, monkeypatch: pytest.MonkeyPatch,
                                            frozen_clock: Any) -> None:  # fmt: skip
    # Frozen: the limits count per fixed minute, and two requests either side of a minute's end would not
    # meet (seen once on a loaded machine).
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
