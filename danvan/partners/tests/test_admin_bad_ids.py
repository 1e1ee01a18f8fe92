"""Issue 12, item 10 (found by tests/test_fuzz_admin.py): revoking keys selected with values that are no ids (``²``, 40
digits) revokes the real ones among them, instead of a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.org.models import User
from danvan.org.tests.factories import make_user, organization
from danvan.partners import services as partner_services
from danvan.partners.choices import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(db: None) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(make_user(username="quantri", is_superuser=True, is_staff=True))
    return client


def test_an_action_on_ids_that_are_no_ids_acts_on_the_real_ones_only(client: Client) -> None:
    superuser = User.objects.get(username="quantri")
    key = partner_services.api_key_issue(actor=superuser, organization=organization("UBND thành phố Huế"), name="Đối tác",
                                         scopes=[Scope.SUBMIT]).api_key  # fmt: skip
    response = client.post("/quan-tri/partners/apikey/",
                           {"action": "revoke", "_selected_action": ["²", "9" * 40, str(key.pk)], "index": "0"})  # fmt: skip
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
