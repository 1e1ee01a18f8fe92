"""Bad input to the REST API is refused in the API's error format, never a server error (issue 12, item 10)."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.api.tests.conftest import PETITION, PartnerWorld
from danvan.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["²", "¹²³", "٣", "1²", "9" * 40])
def test_a_unit_search_by_a_number_int_refuses_finds_nothing_instead_of_failing(client: Client, query: str) -> None:
    response = client.get("/api/v1/units", {"q": query})
    assert response.status_code == 200, response.content[:300]
    assert response.json()["count"] == 0


def test_a_unit_search_by_its_code_still_finds_it(client: Client) -> None:
    response = client.get("/api/v1/units", {"q": "46"})
    assert response.status_code == 200
    assert [u["code"] for u in response.json()["results"]] == [46]


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-email"), ("email", "<b>x</b>@x.vn"), ("email", "a@b.vn\r\nBcc: c@d.vn"),
     ("phone", "not-a-phone"), ("phone", "<b>0912</b>"), ("phone", "0912345678\r\nX: 1"), ("phone", "12")],
)  # fmt: skip
def test_a_contact_the_web_form_refuses_is_refused_naming_its_field_and_nothing_is_stored(
    client: Client, pw: PartnerWorld, field: str, value: str
) -> None:
    response = client.post("/api/v1/cases", {**PETITION, field: value}, content_type="application/json",
                           headers={"Authorization": f"Bearer {pw.key}"})  # fmt: skip
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["code"] == "invalid_petition" and list(body["details"]) == [field]
    assert Case.objects.count() == 0


def test_a_phone_in_any_common_form_is_accepted_and_kept_as_written(client: Client, pw: PartnerWorld) -> None:
    case = pw.new_case(client, phone="+84 912 345 678", email="an@example.vn")
    assert case.contact_phone == "+84 912 345 678" and case.contact_email == "an@example.vn"
