"""Issue 12, item 10 (found by tests/test_fuzz_admin.py): a refused admin form is shown again with what
was posted; an autocomplete field (a person, a body, the units of a campaign) whose posted id is not an id
at all (``²``, ``5/QĐ-UBND``, a 40-digit number) must be refused with a message, not a server error; and
an action run on a selection of such values acts on the real ids among them only."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.core.models import AuditEvent
from danvan.org.models import Position
from danvan.org.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(db: None) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(make_user(username="quantri", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("bad", ["²", "5/QĐ-UBND", "9" * 40, "-1"])
def test_a_person_that_is_no_id_is_refused_with_a_message(client: Client, bad: str) -> None:
    before = (Position.objects.count(), AuditEvent.objects.count())
    response = client.post("/quan-tri/org/position/add/", {"person": bad, "organization": bad, "title": "Chủ tịch"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"person", "organization"}
    assert (Position.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(
    "url", ["/quan-tri/org/position/", "/quan-tri/axes/accesslog/", "/quan-tri/deadlines/calendaroverride/"]
)
def test_an_action_on_no_id_at_all_selects_nothing(client: Client, url: str) -> None:
    before = AuditEvent.objects.count()
    response = client.post(url, {"action": "delete_selected", "_selected_action": ["²"], "index": "0"})
    assert response.status_code == 302  # "Items must be selected in order to perform actions on them."
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "url",
    [
        "/quan-tri/org/organization/?q=%00",
        "/quan-tri/cases/competencerule/?track__exact=a%00",
        "/quan-tri/autocomplete/?app_label=org&model_name=position&field_name=person&term=%00",
    ],
)
def test_a_nul_character_in_an_admin_query_string_is_bad_input(client: Client, url: str) -> None:
    # On PostgreSQL the query failed (text cannot hold U+0000): a server error. Refused first, on every database.
    assert client.get(url).status_code == 400
