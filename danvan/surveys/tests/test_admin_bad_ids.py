"""Issue 12, item 10 (found by tests/test_fuzz_admin.py): the bodies and units of a campaign posted as values that are
no ids are refused with a message (the autocomplete widget re-rendering them was a server error)."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.core.models import AuditEvent
from danvan.org.tests.factories import make_user
from danvan.surveys.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(db: None) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(make_user(username="quantri", is_superuser=True, is_staff=True))
    return client


def test_bodies_of_a_campaign_that_are_no_ids_are_refused_with_a_message(client: Client) -> None:
    before = (Campaign.objects.count(), AuditEvent.objects.count())
    response = client.post("/quan-tri/surveys/campaign/add/", {"title": "SIPAS", "code": "sipas", "owner": "²",
                                                              "organizations": ["1", "²"], "units": ["١٢"]})  # fmt: skip
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"owner", "organizations", "units"}
    assert (Campaign.objects.count(), AuditEvent.objects.count()) == before
