"""Bad input to Open311 is refused with the spec's 400 error body, never a server error (issue 12, item 10)."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.cases.models import Case
from danvan.open311.tests.conftest import PartnerWorld, form, get

pytestmark = pytest.mark.django_db

NOT_ASCII_DIGITS = ["²", "٣", "১২", "1²"]


@pytest.mark.parametrize("name", ["page", "page_size"])
@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_a_page_number_int_refuses_is_a_400_naming_it(client: Client, pw: PartnerWorld, name: str, value: str) -> None:
    response = get(client, "requests", **{name: value})
    assert response.status_code == 400, response.content[:300]
    assert response.json()[0]["code"] == 400
    assert name in response.json()[0]["description"]


@pytest.mark.parametrize("field", ["address_id", "attribute[people_count]"])
@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_a_number_int_refuses_in_a_new_request_is_a_400_and_nothing_is_stored(
    client: Client, pw: PartnerWorld, field: str, value: str
) -> None:
    response = client.post("/open311/v2/requests.json", form(pw, **{field: value}))
    assert response.status_code == 400, response.content[:300]
    assert Case.objects.count() == 0
    assert field.removeprefix("attribute[").removesuffix("]") in response.json()[0]["description"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-email"), ("email", "<b>x</b>@x.vn"), ("email", "a@b.vn\r\nBcc: c@d.vn"),
     ("phone", "not-a-phone"), ("phone", "<b>0912</b>"), ("phone", "0912345678\r\nX: 1")],
)  # fmt: skip
def test_a_contact_the_web_form_refuses_is_a_400_naming_its_field_and_nothing_is_stored(
    client: Client, pw: PartnerWorld, field: str, value: str
) -> None:
    response = client.post("/open311/v2/requests.json", form(pw, **{field: value}))
    assert response.status_code == 400, response.content[:300]
    [error] = response.json()
    assert error["code"] == 400 and error["description"].startswith(f"{field}: ")
    assert Case.objects.count() == 0
