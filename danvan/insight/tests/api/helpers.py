"""Callers of insight's REST API in the cases' test world: a staff session (with the CSRF token on a write),
an API key acting as an officer with the scopes given, and nobody."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client

from danvan.org.tests.factories import make_user
from danvan.partners.services import api_key_issue

API = "/api/v1/insight"


def session(user: Any) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def key_for(world: Any, user: Any, *scopes: str) -> dict[str, str]:
    """Headers sending a key of the province's UBND that acts as ``user`` with ``scopes``."""
    issuer = make_user(username=f"quantri_{user.username}_{'_'.join(scopes)}", is_superuser=True)
    key = api_key_issue(actor=issuer, organization=world.ubnd_tinh, name="Khóa thử", scopes=list(scopes), user=user,
                        rate_limit_per_minute=10_000).plaintext  # fmt: skip
    return {"X-API-Key": key, "Accept-Language": "en"}


def refused(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is the one error shape with ``status`` and ``code``; its body."""
    assert response.status_code == status, response.content[:400]
    body = response.json()
    assert body["code"] == code, body
    return body
