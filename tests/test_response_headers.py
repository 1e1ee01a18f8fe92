"""Headers every response carries (issue 12, item 11): Permissions-Policy everywhere; no-store on whatever
depends on who asks (a staff session, an API key, a secret link), whatever the view forgot."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from danvan.api.tests.conftest import PartnerWorld
from danvan.api.tests.conftest import pw as pw  # the partner world fixture
from danvan.core.middleware import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db


def test_every_response_has_the_permissions_policy(client: Client) -> None:
    for path in ("/", "/api/v1/units", "/open311/v2/services.json", "/no-such-page/"):
        response = client.get(path)
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY, path
    assert "camera=()" in PERMISSIONS_POLICY and "microphone=()" in PERMISSIONS_POLICY
    assert "geolocation=(self)" in PERMISSIONS_POLICY and "payment=()" in PERMISSIONS_POLICY


def test_an_anonymous_public_answer_stays_cacheable(client: Client) -> None:
    for path in ("/api/v1/units", "/open311/v2/services.json", "/hai-long/"):
        assert "no-store" not in client.get(path).get("Cache-Control", ""), path


def test_staff_api_answers_are_not_stored_with_a_session_or_a_key(client: Client, pw: PartnerWorld) -> None:
    key = pw.issue("staff_read", user=pw.handler)
    by_key = client.get("/api/v1/organizations", headers={"X-API-Key": key})
    assert by_key.status_code == 200 and "no-store" in by_key["Cache-Control"]
    assert "no-store" in client.get("/api/v1/units", headers={"Authorization": f"Bearer {key}"})["Cache-Control"]
    client.force_login(pw.handler)
    for path in ("/api/v1/cases", "/api/v1/units", "/api/v1/organizations"):
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_staff_pages_without_never_cache_are_not_stored_either(client: Client, pw: PartnerWorld) -> None:
    client.force_login(pw.operator)
    for name in ("org:unit_list", "org:organization_list", "web:home"):
        response = client.get(reverse(name))
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], name


def test_secret_links_are_not_stored(client: Client) -> None:
    assert "no-store" in client.get("/api/v1/cases/track/PA-2602-ZZZZZZ", {"token": "x"})["Cache-Control"]
    assert "no-store" in client.get("/open311/v2/requests.json", {"api_key": "x"})["Cache-Control"]
