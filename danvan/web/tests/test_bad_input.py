"""Bad input to the web pages is refused as bad input (4xx) or ignored, never a server error
(issue 12, item 10)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.cases.models import Case, RoutingRule
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, grant, make_user, organization
from danvan.web.tests.test_cases_public import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> Any:
    phuong = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=phuong)
    handler, operator = make_user(username="xuly"), make_user(username="vanhanh")
    grant(handler, Role.HANDLER, phuong)
    grant(operator, Role.OPERATOR, phuong, subtree=True)
    return SimpleNamespace(phuong=phuong, handler=handler, operator=operator)


@pytest.mark.parametrize("code", ["A/B", "A%2FB", "../x", "A?B", "PA-2602-ABC/"])
def test_a_tracking_code_that_is_not_one_is_refused_on_the_look_up_form(client: Client, code: str) -> None:
    response = client.get(reverse("web:case_lookup"), {"code": code, "secret": "x"})
    assert response.status_code == 400
    assert "code" in response.context["form"].errors


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "no-such-charset", "utf-7"])
def test_a_public_form_posted_in_an_odd_charset_is_refused_and_nothing_is_stored(
    client: Client, world: Any, charset: str
) -> None:
    body = "&".join(f"{k}={v}" for k, v in form_data().items())
    encoded = body.encode("utf-16") if charset == "utf-16" else body.encode()
    response = client.generic("POST", reverse("web:case_submit"), encoded,
                           content_type=f"application/x-www-form-urlencoded; charset={charset}")  # fmt: skip
    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_a_multipart_form_in_an_odd_charset_is_refused_and_nothing_is_stored(client: Client, world: Any) -> None:
    boundary = "XyZ"
    parts = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                    for k, v in form_data().items())  # fmt: skip
    body = (parts + f"--{boundary}--\r\n").encode()
    response = client.generic("POST", reverse("web:case_submit"), body,
                           content_type=f"multipart/form-data; boundary={boundary}; charset=no-such-charset")  # fmt: skip
    assert response.status_code == 400
    assert Case.objects.count() == 0


@pytest.mark.parametrize("value", ["²", "٣", "9" * 30, "-1", "1.5"])
def test_a_body_filter_int_refuses_on_the_staff_inbox_is_ignored(client: Client, world: Any, value: str) -> None:
    client.force_login(world.handler)
    response = client.get(reverse("web:case_inbox"), {"organization": value})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "٣", "1²", "9" * 40])
def test_a_unit_search_by_a_number_int_refuses_finds_nothing(client: Client, world: Any, value: str) -> None:
    client.force_login(world.operator)
    response = client.get(reverse("org:unit_list"), {"q": value})
    assert response.status_code == 200
    assert list(response.context["page"]) == []


@pytest.mark.parametrize(("field", "value"), [("email", "not-an-email"), ("phone", "not-a-phone"), ("phone", "12")])
def test_the_web_form_refuses_the_same_contacts_with_the_same_rule(client: Client, world: Any, field: str,
                                                                   value: str) -> None:  # fmt: skip
    from danvan.core import contacts

    response = client.post(reverse("web:case_submit"), form_data(**{field: value}))
    assert response.status_code == 400 and Case.objects.count() == 0
    problem = contacts.email_problem(value) if field == "email" else contacts.phone_problem(value)
    assert response.context["form"].errors[field] == [problem]


@pytest.mark.parametrize("phone", ["not-a-phone", "0912-abc", "12"])
def test_a_petitioners_phone_on_the_parties_form_goes_through_the_contact_rule(client: Client, world: Any,
                                                                                phone: str) -> None:  # fmt: skip
    from danvan.cases.models import CaseParty
    from danvan.cases.tests.conftest import submit
    from danvan.core import contacts

    case = submit(track="khieu_nai").case
    client.force_login(world.handler)
    response = client.post(reverse("web:case_act", args=[case.pk, "parties"]),
                           {"parties-people": f"Người 0; Huế; 0912345678\nNgười 1; Huế; {phone}"})  # fmt: skip
    assert response.status_code == 400
    assert not CaseParty.objects.filter(case=case).exists()
    assert str(contacts.phone_problem(phone)) in response.context["error"]
