"""Issue 14, item 5: fair limits on the public form. A person is told from an address (per device
cookie and per contact, with a much higher ceiling per address), only stored petitions count, and a
refusal says how to go on (the hotline, the counter)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from danvan.cases.models import Case, RoutingRule
from danvan.cases.tests.views.test_public import SUBMIT, form_data
from danvan.org.tests.factories import commune, organization
from danvan.ui.limits import DEVICE_COOKIE

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.7"  # a commune office, or a mobile network's shared (CGNAT) address

DESK = {"name": "Bộ phận Tiếp công dân phường Phú Xuân", "hotline": "0234 3822 111",
        "counter": "24 Tố Hữu, phường Phú Xuân, Huế", "hours": "7:30–17:00"}  # fmt: skip


@pytest.fixture
def world(db: None) -> None:
    RoutingRule.objects.create(
        organization=organization("UBND Phường Phú Xuân", unit=commune(19753)), unit=None, track=""
    )


def rules(**case_submit: int) -> Any:
    base = {"window_seconds": 3600, "per_device": 10, "per_contact": 5, "per_address": 300,
            "attempts_per_address": 1200, "without_cookie": 10}  # fmt: skip
    lookup = {"window_seconds": 600, "per_device": 60, "per_address": 1200, "without_cookie": 300}
    return override_settings(DANVAN_RATE_LIMITS={"case_submit": base | case_submit, "case_lookup": lookup})


def device(address: str = OFFICE) -> Client:
    """A new browser at ``address`` that opened the form (and so holds its device cookie)."""
    browser = Client(REMOTE_ADDR=address)
    assert browser.get(SUBMIT).status_code == 200
    assert DEVICE_COOKIE in browser.cookies
    return browser


def send(browser: Client, n: int, **overrides: Any) -> int:
    return browser.post(
        SUBMIT, form_data(phone=f"0912 000 {n:03d}", email=f"nguoi{n}@example.vn", **overrides)
    ).status_code


def test_many_people_behind_one_address_each_send_without_being_refused(world, frozen_clock) -> None:
    # 25 people: more than the old limit of 10 per address per hour, far under the address ceiling.
    statuses = [send(device(), n) for n in range(25)]
    assert statuses == [303] * 25
    assert Case.objects.count() == 25


@rules(per_device=3)
def test_one_device_over_its_limit_is_refused_while_another_on_the_same_address_is_not(world, frozen_clock) -> None:
    first, second = device(), device()
    assert [send(first, n) for n in range(4)] == [303, 303, 303, 429]
    assert send(second, 10) == 303
    assert Case.objects.count() == 4


@rules(per_device=3)
def test_the_device_limit_follows_the_device_to_another_address(world, frozen_clock) -> None:
    phone = device()
    assert [send(phone, n) for n in range(3)] == [303] * 3
    phone.defaults["REMOTE_ADDR"] = "198.51.100.20"  # the same phone, now on another network
    assert send(phone, 3) == 429


@rules(per_contact=2)
def test_one_contact_over_its_limit_is_refused_from_any_device(world, frozen_clock) -> None:
    same = {"phone": "0912 345 678", "email": ""}
    assert [device().post(SUBMIT, form_data(**same)).status_code for _ in range(3)] == [303, 303, 429]
    # The same number written otherwise is the same contact.
    assert device().post(SUBMIT, form_data(phone="+84 912 345 678", email="")).status_code == 429
    assert device().post(SUBMIT, form_data(phone="0912 999 999", email="")).status_code == 303


@rules(per_device=2)
def test_a_failed_validation_is_not_counted_as_a_submission(world, frozen_clock) -> None:
    browser = device()
    for _ in range(6):
        assert browser.post(SUBMIT, form_data(content="ngắn")).status_code == 400
    assert [send(browser, n) for n in range(3)] == [303, 303, 429]


@rules(per_device=2)
def test_sending_the_same_form_twice_counts_once(world, frozen_clock) -> None:
    browser = device()
    data = form_data()
    assert browser.post(SUBMIT, data).status_code == 303
    assert browser.post(SUBMIT, data).status_code == 303  # a double click: the same case, not a new one
    assert send(browser, 1) == 303
    assert Case.objects.count() == 2


@rules(per_device=1)
def test_at_the_limit_a_retry_of_the_petition_just_stored_still_gets_its_receipt(world, frozen_clock) -> None:
    browser = device()
    data = form_data()
    assert browser.post(SUBMIT, data).status_code == 303  # the last one this device may send this hour
    assert browser.post(SUBMIT, data).status_code == 303  # the double click: its receipt, not a refusal
    assert Case.objects.count() == 1
    assert send(browser, 1) == 429


@rules(per_address=3)
def test_an_address_has_a_ceiling(world, frozen_clock) -> None:
    assert [send(device(), n) for n in range(4)] == [303, 303, 303, 429]
    assert send(device("198.51.100.20"), 9) == 303


@rules(attempts_per_address=5)
def test_a_flood_of_invalid_forms_from_one_address_is_bounded(world, frozen_clock) -> None:
    browser = device()
    assert [browser.post(SUBMIT, {}).status_code for _ in range(6)] == [400] * 5 + [429]


@rules(per_device=1, without_cookie=2)
def test_without_a_cookie_or_with_a_forged_one_a_browser_shares_the_address_count(world, frozen_clock) -> None:
    browser = device()
    assert send(browser, 0) == 303 and send(browser, 1) == 429
    cookieless = Client(REMOTE_ADDR=OFFICE)  # a client that keeps no cookie, or forges one
    cookieless.cookies[DEVICE_COOKIE] = "forged"  # a value without our signature
    assert send(cookieless, 2) == 303
    cookieless.cookies.pop(DEVICE_COOKIE)
    assert send(cookieless, 3) == 303
    cookieless.cookies.pop(DEVICE_COOKIE)
    assert send(cookieless, 4) == 429  # two cookieless petitions from this address this hour
    assert send(device(), 5) == 303  # a browser that keeps its cookie is not held back by them


@rules(per_device=1)
def test_the_limit_opens_again_in_the_next_window(world, frozen_clock) -> None:
    browser = device()
    assert [send(browser, n) for n in range(2)] == [303, 429]
    frozen_clock.shift(3600)
    assert send(browser, 2) == 303


def test_the_device_cookie_is_signed_random_http_only_lax_and_long_lived(world) -> None:
    browser = Client()
    cookie = browser.get(SUBMIT).cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) >= 365 * 24 * 3600
    value, _sep, signature = cookie.value.partition(":")
    assert len(value) >= 24 and signature
    assert browser.get(SUBMIT).cookies.get(DEVICE_COOKIE) is None  # set once, not on every page


@rules(per_device=1)
@override_settings(DANVAN_HELP_DESK=DESK)
def test_the_refusal_page_gives_the_hotline_and_the_counter_in_vietnamese(world, frozen_clock) -> None:
    browser = device()
    send(browser, 0)
    response = browser.post(SUBMIT, form_data(email="khac@example.vn", phone=""))
    html = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert 'href="tel:02343822111">0234 3822 111</a>' in html
    assert "24 Tố Hữu, phường Phú Xuân, Huế" in html and "7:30–17:00" in html
    assert "Gọi đường dây nóng" in html or "gọi đường dây nóng" in html


@override_settings(DANVAN_HELP_DESK={"name": "", "hotline": "", "counter": "", "hours": ""})
@rules(per_device=1)
def test_without_a_help_desk_configured_the_page_still_says_where_to_go(world, frozen_clock) -> None:
    browser = device()
    send(browser, 0)
    html = browser.post(SUBMIT, form_data(email="khac@example.vn", phone="")).content.decode()
    assert "Bộ phận tiếp công dân" in html and "tel:" not in html


def test_a_private_link_opened_from_many_browsers_at_one_address_is_not_refused(world, frozen_clock) -> None:
    url = reverse("cases:case_track", args=["PA-2602-ZZZZZZ"])
    # 100 people of one office open (wrong) links from their emails: first visits, without a cookie.
    assert {Client(REMOTE_ADDR=OFFICE).get(url, {"k": "sai"}).status_code for _ in range(100)} == {404}
