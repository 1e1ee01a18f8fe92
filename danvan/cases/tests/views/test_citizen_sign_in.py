"""Sign-in without a password (danvan.citizens) as the citizen meets it: contact → code → "my petitions"
(the cases of that contact); the identity provider's round trip; the limits."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from danvan.cases.tests.factories import submit
from danvan.citizens.models import IdentityLink, VerifiedContact
from danvan.notifications.channels import get_sms_gateway

pytestmark = pytest.mark.django_db
SIGN_IN = "/dang-nhap/ma-mot-lan/"
ENTER = "/dang-nhap/ma-mot-lan/nhap-ma/"


def _last_code() -> str:
    texts = [m.body for m in mail.outbox] + [s.text for s in get_sms_gateway().outbox]  # type: ignore[attr-defined]
    found = re.search(r"#(\d{6})\s*$", texts[-1])
    assert found is not None
    return found.group(1)


def test_the_paths_are_vietnamese():
    assert reverse("citizens:sign_in") == SIGN_IN and reverse("citizens:sign_in_code_enter") == ENTER


def test_contact_then_code_signs_in_and_lists_the_cases_sent_with_that_phone(
    client, world, django_capture_on_commit_callbacks
):
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    case = submit(phone="0912 345 678", email="").case
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGN_IN, {"contact": "+84 912 345 678"})
    assert response.status_code == 303 and response["Location"] == ENTER
    page = client.get(ENTER)
    assert "09•••••678" in page.content.decode()
    response = client.post(ENTER, {"code": _last_code()})
    assert response.status_code == 303 and response["Location"] == reverse("cases:my_cases")
    listed = client.get(reverse("cases:my_cases"))
    assert [row["case"].pk for row in listed.context["rows"]] == [case.pk]
    assert client.get(reverse("cases:case_track", args=[case.tracking_code])).status_code == 200


def test_a_wrong_code_is_said_plainly_and_signs_nobody_in(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGN_IN, {"contact": "dan@example.vn"})
    wrong = f"{(int(_last_code()) + 1) % 10**6:06d}"
    response = client.post(ENTER, {"code": wrong})
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [
        "Mã này không đúng hoặc đã hết hạn. Hãy kiểm tra lại, hoặc xin mã mới."
    ]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("typed", ["", "abc", "12@", "0912"])
def test_a_contact_that_is_neither_phone_nor_email_is_refused_with_a_message(client, world, typed):
    response = client.post(SIGN_IN, {"contact": typed})
    assert response.status_code == 400 and response.context["form"].errors["contact"]
    assert not mail.outbox


def test_the_code_page_without_a_contact_goes_back_to_the_first_step(client, world):
    response = client.get(ENTER)
    assert response.status_code == 302 and response["Location"] == SIGN_IN


def test_a_contact_gets_at_most_three_codes_in_a_quarter_hour(
    client, world, frozen_clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):  # the rule "citizen_code_contact" (settings.DANVAN_RATE_LIMITS)
            assert client.post(SIGN_IN, {"contact": "dan@example.vn"}).status_code == 303
        refused = client.post(SIGN_IN, {"contact": "dan@example.vn"})
    assert refused.status_code == 429 and "Bộ phận tiếp công dân" in refused.content.decode()
    assert len(mail.outbox) == 3
    assert client.post(SIGN_IN, {"contact": "other@example.vn"}).status_code == 303  # another person is not locked out


def test_a_device_that_asks_too_often_gets_the_429_page(client, world, frozen_clock, settings):
    # Per device, not per address: tests/views/test_limits_pages.py shows an office is not locked out.
    client.get(SIGN_IN)  # the page gives the browser its device cookie
    for n in range(settings.DANVAN_RATE_LIMITS["citizen_code_request"]["per_device"]):
        assert client.post(SIGN_IN, {"contact": f"p{n}@example.vn"}).status_code == 303
    response = client.post(SIGN_IN, {"contact": "last@example.vn"})
    assert response.status_code == 429 and response["Retry-After"]


def test_the_identity_provider_round_trip_signs_in_with_the_verified_phone(client, world, settings):
    settings.DANVAN_IDENTITY_PROVIDER = {"class": "danvan.citizens.identity.FakeIdentityProvider"}
    settings.DANVAN_IDENTITY_FAKE_ALLOWED = True
    case = submit(phone="0912 000 111", email="").case
    assert "VNeID (thử nghiệm)" in client.get(SIGN_IN).content.decode()
    to_provider = client.get(reverse("citizens:identity_start"))
    assert to_provider.status_code == 302 and to_provider["Location"].startswith(
        "http://testserver/dang-nhap/dinh-danh/ve/?code="
    )
    back = client.get(to_provider["Location"])
    assert back.status_code == 303 and back["Location"] == reverse("cases:my_cases")
    assert [row["case"].pk for row in client.get(back["Location"]).context["rows"]] == [case.pk]
    link = IdentityLink.objects.get()
    assert link.subject == "demo-citizen" and link.id_number_digest and "001190000111" not in link.id_number_digest
    assert VerifiedContact.objects.get().value == "+84912000111"


def test_a_provider_answer_with_another_state_is_refused(client, world, settings):
    settings.DANVAN_IDENTITY_PROVIDER = {"class": "danvan.citizens.identity.FakeIdentityProvider"}
    settings.DANVAN_IDENTITY_FAKE_ALLOWED = True
    to_provider = client.get(reverse("citizens:identity_start"))
    forged = re.sub(r"state=[^&]+", "state=forged", to_provider["Location"])
    response = client.get(forged)
    assert response.status_code == 400 and response.context["identity_failed"] is True
    assert "_auth_user_id" not in client.session


def test_without_a_configured_provider_its_pages_do_not_exist(client, world, settings):
    settings.DANVAN_IDENTITY_PROVIDER = None
    assert client.get(reverse("citizens:identity_start")).status_code == 404
    assert "VNeID" not in client.get(SIGN_IN).content.decode()


def test_the_test_double_is_refused_in_production_settings(settings):
    from django.core.exceptions import ImproperlyConfigured

    from danvan.citizens.identity import provider_get

    settings.DANVAN_IDENTITY_PROVIDER = {"class": "danvan.citizens.identity.FakeIdentityProvider"}
    settings.DANVAN_IDENTITY_FAKE_ALLOWED = False
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        provider_get()


def test_a_contact_gets_at_most_ten_codes_a_day(client, world, frozen_clock, django_capture_on_commit_callbacks):
    import datetime as dt

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(10):  # the rule "citizen_code_contact_day" (settings.DANVAN_RATE_LIMITS)
            assert client.post(SIGN_IN, {"contact": "dan@example.vn"}).status_code == 303
            frozen_clock.shift(dt.timedelta(minutes=16))  # past the quarter-hour limit, not the day's
        refused = client.post(SIGN_IN, {"contact": "dan@example.vn"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert len(mail.outbox) == 10
