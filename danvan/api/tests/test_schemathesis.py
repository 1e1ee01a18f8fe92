"""A bounded property-based run of schemathesis against our OpenAPI schema: no input may cause a 5xx.

In-process through WSGI (no server, no network); every operation gets at most 25 examples, the
write operation with a partner's key, the reads anonymously and as staff through the same key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from danvan.api.tests.conftest import PartnerWorld
from danvan.partners.services import api_key_issue

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Raw WSGI sends request_started/finished, which would close the test's database connection
    (and its transaction) on PostgreSQL; Django's test client disconnects the same handlers."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def headers(pw: PartnerWorld) -> dict[str, str]:
    staff = api_key_issue(actor=pw.operator, organization=pw.body, name="Toàn quyền",
                          scopes=["submit", "read_own", "staff_read"], user=pw.handler,
                          rate_limit_per_minute=100_000).plaintext  # fmt: skip
    return {"X-API-Key": staff}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_input_causes_a_server_error(case: Any, headers: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from danvan.api import auth

    monkeypatch.setattr(auth, "READ_LIMIT", 100_000)
    monkeypatch.setattr(auth, "WRITE_LIMIT", 100_000)
    response = case.call(headers=headers)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:500])
