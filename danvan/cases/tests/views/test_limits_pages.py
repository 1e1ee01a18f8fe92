"""Issue 14, item 5, on the pages issue 14 added: "send me my link again", the one-time sign-in codes, the
identity provider, "I have this problem too" and "still not fixed" count per device (and per contact where
one is given) under named rules of ``ui.limits``, with a much higher ceiling per address, so that a commune
office or a mobile network behind one address is not locked out; a form sent back for a typo is not a
request; every try of a sign-in code counts; a refusal is the one 429 page with the hotline and the counter."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from danvan.cases.choices import Status
from danvan.cases.models import Case
from danvan.cases.short_code import short_code
from danvan.cases.tests.factories import World, case_at, submit
from danvan.notifications.channels import get_sms_gateway
from danvan.ui.limits import DEVICE_COOKIE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

OFFICE = "203.0.113.7"  # a commune office, or a mobile network's shared (CGNAT) address
LINK_AGAIN = "/tra-cuu/gui-lai-duong-dan/"
SIGN_IN = "/dang-nhap/ma-mot-lan/"
ENTER = "/dang-nhap/ma-mot-lan/nhap-ma/"
DESK = {"name": "Bộ phận Tiếp công dân phường Phú Xuân", "hotline": "0234 3822 111",
        "counter": "24 Tố Hữu, phường Phú Xuân, Huế", "hours": "7:30–17:00"}  # fmt: skip


def rule(settings: Any, name: str, **fields: int) -> None:
    """Change some fields of one rule for this test (the rest as configured)."""
    settings.DANVAN_RATE_LIMITS = {**settings.DANVAN_RATE_LIMITS,
                                   name: settings.DANVAN_RATE_LIMITS[name] | fields}  # fmt: skip


def device(page: str, address: str = OFFICE) -> Client:
    """A new browser at ``address`` that opened ``page`` (and so holds its device cookie)."""
    browser = Client(REMOTE_ADDR=address)
    assert browser.get(page).status_code == 200
    assert DEVICE_COOKIE in browser.cookies
    return browser


def refused_with_a_way_forward(response: Any) -> None:
    html = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert 'href="tel:02343822111">0234 3822 111</a>' in html and "24 Tố Hữu, phường Phú Xuân, Huế" in html


# "Send me my link again" ----------------------------------------------------------------------------------


def ask_link(browser: Client, n: int, code: str = "PA-2602-7KQ3XM") -> int:
    return browser.post(LINK_AGAIN, {"code": code, "contact": f"nguoi{n}@example.vn"}).status_code


def a_valid_code(world: World) -> str:
    return short_code(submit(email="an@example.vn").case.tracking_code)


def test_many_people_behind_one_address_each_ask_for_their_link_again(world: World) -> None:
    code = a_valid_code(world)
    # 40 people of one office: more than the old 30 per address an hour, far under the address ceiling.
    assert [ask_link(device(LINK_AGAIN), n, code) for n in range(40)] == [200] * 40


def test_one_device_is_limited_while_another_behind_the_same_address_is_not(world: World, settings: Any) -> None:
    rule(settings, "case_link_again", per_device=3)
    settings.DANVAN_HELP_DESK = DESK
    code = a_valid_code(world)
    first, second = device(LINK_AGAIN), device(LINK_AGAIN)
    assert [ask_link(first, n, code) for n in range(3)] == [200] * 3
    refused_with_a_way_forward(first.post(LINK_AGAIN, {"code": code, "contact": "khac@example.vn"}))
    assert [ask_link(second, n, code) for n in range(10, 13)] == [200] * 3  # the shared office: not locked out


def test_a_form_sent_back_for_a_typo_does_not_use_up_the_quota(world: World, settings: Any) -> None:
    rule(settings, "case_link_again", per_device=2)
    code = a_valid_code(world)
    browser = device(LINK_AGAIN)
    typo = code[:-1] + ("3" if code[-1] == "2" else "2")
    for _ in range(5):
        response = browser.post(LINK_AGAIN, {"code": typo, "contact": "an@example.vn"})
        assert response.status_code == 400
        assert response.context["form"].errors["code"] == [
            "Mã này có chỗ gõ nhầm: hãy so từng chữ, từng số với giấy biên nhận."
        ]
    assert browser.post(LINK_AGAIN, {"code": code, "contact": "khong-phai-lien-he"}).status_code == 400
    assert [ask_link(browser, n, code) for n in range(3)] == [200, 200, 429]


def test_one_contact_is_limited_from_any_device(
    world: World, settings: Any, django_capture_on_commit_callbacks
) -> None:
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    case = submit(phone="0912345678").case
    with django_capture_on_commit_callbacks(execute=True):
        asks = [device(LINK_AGAIN).post(LINK_AGAIN, {"code": case.tracking_code, "contact": contact}).status_code
                for contact in ("0912 345 678", "+84 912 345 678", "0912345678", "0912.345.678")]  # fmt: skip
    assert asks == [200, 200, 200, 429]  # three an hour per contact, however it is written, from any device
    assert len([s for s in get_sms_gateway().outbox if "?k=" in s.text]) == 3  # type: ignore[attr-defined]
    assert ask_link(device(LINK_AGAIN), 1, short_code(case.tracking_code)) == 200  # another contact is not held back


def test_a_flood_of_invalid_link_forms_from_one_address_is_bounded(world: World, settings: Any) -> None:
    rule(settings, "case_link_again", attempts_per_address=4)
    browser = device(LINK_AGAIN)
    assert [browser.post(LINK_AGAIN, {"code": "?", "contact": ""}).status_code for _ in range(5)] == [400] * 4 + [429]


# One-time sign-in codes --------------------------------------------------------------------------------------


def ask_code(browser: Client, contact: str) -> int:
    return browser.post(SIGN_IN, {"contact": contact}).status_code


def last_code() -> str:
    """The code in the last email sent (these tests sign in by email)."""
    found = re.search(r"#(\d{6})\s*$", mail.outbox[-1].body)
    assert found is not None
    return found.group(1)


def test_many_people_behind_one_address_each_get_a_sign_in_code(world: World) -> None:
    # 40 people of one office: more than the old 30 per address an hour.
    assert [ask_code(device(SIGN_IN), f"nguoi{n}@example.vn") for n in range(40)] == [303] * 40


def test_one_device_asking_for_codes_is_limited_while_another_is_not(world: World, settings: Any) -> None:
    rule(settings, "citizen_code_request", per_device=2)
    settings.DANVAN_HELP_DESK = DESK
    first, second = device(SIGN_IN), device(SIGN_IN)
    assert [ask_code(first, f"a{n}@example.vn") for n in range(2)] == [303, 303]
    refused_with_a_way_forward(first.post(SIGN_IN, {"contact": "a9@example.vn"}))
    assert ask_code(second, "b@example.vn") == 303


def test_a_mistyped_contact_does_not_use_up_the_code_quota(world: World, settings: Any) -> None:
    rule(settings, "citizen_code_request", per_device=2)
    browser = device(SIGN_IN)
    for typed in ("abc", "0912", "12@", "", "abc"):
        assert ask_code(browser, typed) == 400
    assert [ask_code(browser, f"a{n}@example.vn") for n in range(3)] == [303, 303, 429]


def test_a_contact_gets_the_refusal_page_past_three_codes_a_quarter_hour(world: World, settings: Any) -> None:
    settings.DANVAN_HELP_DESK = DESK
    assert [ask_code(device(SIGN_IN), "dan@example.vn") for _ in range(3)] == [303] * 3
    refused_with_a_way_forward(device(SIGN_IN).post(SIGN_IN, {"contact": "DAN@example.vn"}))
    assert ask_code(device(SIGN_IN), "other@example.vn") == 303


def test_every_check_of_a_code_counts_per_device(
    world: World, settings: Any, django_capture_on_commit_callbacks
) -> None:
    rule(settings, "citizen_code_check", per_device=3)
    browser = device(SIGN_IN)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_code(browser, "dan@example.vn") == 303
    right = last_code()
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    assert [browser.post(ENTER, {"code": code}).status_code for code in (wrong, "12", wrong)] == [400] * 3
    assert browser.post(ENTER, {"code": right}).status_code == 429  # the fourth try, right or not
    assert "_auth_user_id" not in browser.session


def test_every_check_of_a_code_counts_per_contact_from_any_device(
    world: World, settings: Any, django_capture_on_commit_callbacks
) -> None:
    rule(settings, "citizen_code_check", per_contact=2)
    first, second = device(SIGN_IN), device(SIGN_IN)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_code(first, "dan@example.vn") == 303
        assert ask_code(second, "dan@example.vn") == 303
    assert [first.post(ENTER, {"code": "000000"}).status_code for _ in range(2)] == [400, 400]
    assert second.post(ENTER, {"code": last_code()}).status_code == 429  # the contact's third try this window


def test_the_identity_provider_is_limited_per_device(world: World, settings: Any) -> None:
    settings.DANVAN_IDENTITY_PROVIDER = {"class": "danvan.citizens.identity.FakeIdentityProvider"}
    settings.DANVAN_IDENTITY_FAKE_ALLOWED = True
    rule(settings, "citizen_idp", per_device=2)
    start = reverse("citizens:identity_start")
    first, second = device(SIGN_IN), device(SIGN_IN)
    assert [first.get(start).status_code for _ in range(3)] == [302, 302, 429]
    assert second.get(start).status_code == 302


# "I have this problem too" and "still not fixed" ---------------------------------------------------------------


def test_supports_are_limited_per_device_not_per_office(world: World, settings: Any) -> None:
    rule(settings, "feed_support", per_device=2)
    case = submit(publish=True).case
    page = f"/phan-anh-cong-khai/{case.tracking_code}/"
    first, second = device(page), device(page)
    assert [first.post(f"{page}ung-ho/").status_code for _ in range(2)] == [302, 302]
    refused = first.post(f"{page}ung-ho/", HTTP_ACCEPT="application/json")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json() == {"error": "Quá nhiều yêu cầu. Vui lòng thử lại sau."}
    assert first.post(f"{page}ung-ho/").status_code == 429  # without JavaScript: the 429 page
    assert second.post(f"{page}ung-ho/", HTTP_ACCEPT="application/json").json()["count"] == 2


def test_an_empty_still_not_fixed_is_not_counted(world: World, settings: Any) -> None:
    from danvan.cases.services.intake import case_access_token

    rule(settings, "case_reopen", per_device=1)
    case = case_at(Status.ANSWERED, handler=world.handler, head=world.head, publish=True)
    browser = Client(REMOTE_ADDR=OFFICE)
    assert browser.get(f"/tra-cuu/{case.tracking_code}/?k={case_access_token(case)}", follow=True).status_code == 200
    url = f"/tra-cuu/{case.tracking_code}/chua-xu-ly/"
    assert [browser.post(url, {"note": ""}).status_code for _ in range(3)] == [302] * 3
    assert Case.objects.get(pk=case.pk).status == Status.ANSWERED
    assert browser.post(url, {"note": "Đèn lại tắt."}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.REGISTERED
    assert browser.post(url, {"note": "Vẫn tắt."}).status_code == 429
