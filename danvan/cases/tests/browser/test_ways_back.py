"""The citizen's ways back to a case in a real browser (Debian's chromium through Playwright, live
server), on a 360-px phone and on a desktop:

1. the receipt shows the short code and the ways back, and the private link in the email opens the
   case by itself in a browser that never saw it (no session, no account);
2. "send me my link again": the code typed as people type it, the phone given on the petition, the
   link arrives by SMS and opens the case;
3. sign-in by a one-time code sent by email: an account is opened, and "my petitions" lists every
   case sent with that email, and opens one.

Screenshots go to var/screenshots/access-*.png. The SMS
gateway is the logging one (nothing is sent); the email backend is Django's in-memory one.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest

from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
LINK = re.compile(r"https?://\S+/tra-cuu/[A-Z0-9-]+/\?k=[0-9a-f]{40}")


def vi(text: str) -> str:
    from django.utils.translation import gettext, override

    with override("vi"):
        translated = gettext(text)
    assert translated != text, f"no Vietnamese for {text!r}"
    return translated


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen


def world() -> SimpleNamespace:
    from danvan.cases.models import RoutingRule
    from danvan.notifications.channels import get_sms_gateway
    from danvan.org.tests.factories import commune, organization

    reference_data_restore()  # an earlier live-server test may have flushed the database
    body = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=body, unit=None, track="")
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    return SimpleNamespace(body=body)


def opens_alone(browser: Any, url: str, tracking_code: str, width: int, name: str) -> None:
    """``url`` opens the case in a fresh browser context: no cookie, no session, no account."""
    from playwright.sync_api import expect

    page = new_page(browser, width, 800)
    try:
        page.goto(url)
        expect(page.locator("h1 .tracking-code")).to_have_text(tracking_code)
        expect(page.locator(".status-name")).to_be_visible()
        assert "?k=" not in page.url  # the secret left the address bar
        fits(page, width)
        shot(page, name)
        assert page.console_errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("device", DEVICES)
def test_the_receipt_shows_the_ways_back_and_the_emailed_link_opens_the_case_by_itself(
    reseeded_afterwards, live_server, browser, request, device, settings
):
    from django.core import mail
    from playwright.sync_api import expect

    from danvan.cases.models import Case
    from danvan.cases.short_code import short_code

    settings.DANVAN_PUBLIC_URL = live_server.url  # the links in messages point at this server
    world()
    mail.outbox.clear()
    page = request.getfixturevalue(device)
    page.goto(live_server.url + "/gui-phan-anh/")
    page.get_by_label("Phản ánh, kiến nghị").check()
    page.get_by_label("Nội dung sự việc và đề nghị").fill("Ba cột đèn đường trước số 20 Lê Lợi không sáng đã hai tuần.")
    page.get_by_label("Địa điểm xảy ra").fill("phuong phu xuan, thanh pho hue")
    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label(vi("Email"), exact=True).fill("binh@example.vn")
    page.get_by_label("Tôi đồng ý cho xử lý thông tin của tôi như nêu trên.").check()
    page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_url(live_server.url + "/gui-phan-anh/da-nhan/")
    case = Case.objects.get()

    expect(page.locator(".code-box .tracking-code")).to_have_text(case.tracking_code)
    expect(page.locator("[data-short-code]")).to_have_text(short_code(case.tracking_code))
    ways = page.locator(".ways-back")
    expect(ways.get_by_role("link", name=vi("Send me my link again"))).to_have_attribute(
        "href", "/tra-cuu/gui-lai-duong-dan/"
    )
    expect(ways.get_by_role("link", name=vi("Sign in with a one-time code"))).to_have_attribute(
        "href", "/dang-nhap/ma-mot-lan/"
    )
    fits(page, DEVICES[device])
    shot(page, f"access-receipt-{device}")

    # Reloaded, the receipt no longer shows the secret, but still the ways back.
    page.reload()
    expect(page.locator(".ways-back")).to_be_visible()
    shot(page, f"access-receipt-reloaded-{device}")

    [email] = [m for m in mail.outbox if m.to == ["binh@example.vn"]]
    found = LINK.search(email.body)
    assert found is not None and f"/tra-cuu/{case.tracking_code}/?k=" in found.group(0)
    assert short_code(case.tracking_code) in email.body
    opens_alone(browser, found.group(0), case.tracking_code, DEVICES[device], f"access-email-link-opens-{device}")


@pytest.mark.parametrize("device", DEVICES)
def test_send_me_my_link_again_by_sms(reseeded_afterwards, live_server, browser, request, device, settings):
    from playwright.sync_api import expect

    from danvan.cases.short_code import short_code
    from danvan.cases.tests.factories import submit
    from danvan.notifications.channels import get_sms_gateway

    settings.DANVAN_PUBLIC_URL = live_server.url
    world()
    case = submit(phone="0905 123 456", email="").case
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    page = request.getfixturevalue(device)
    page.goto(live_server.url + "/tra-cuu/")
    page.locator(".ways-back").get_by_role("link", name=vi("Send me my link again")).click()
    expect(page).to_have_url(live_server.url + "/tra-cuu/gui-lai-duong-dan/")
    typed = short_code(case.tracking_code).lower().replace("-", " ")  # as read out at the counter
    page.get_by_label(vi("Tracking code or short code")).fill(typed)
    page.get_by_label(vi("The phone number or email you gave with the petition")).fill("+84 905 123 456")
    fits(page, DEVICES[device])
    shot(page, f"access-link-again-form-{device}")
    page.get_by_role("button", name=vi("Send me the link")).click()
    expect(page.get_by_role("status")).to_have_text(
        vi(
            "If this code and phone number belong to one petition, its private link is on its way by SMS to that number."
        )
    )
    fits(page, DEVICES[device])
    shot(page, f"access-link-again-sent-{device}")

    [sms] = get_sms_gateway().outbox  # type: ignore[attr-defined]
    assert sms.phone == "0905 123 456"
    found = LINK.search(sms.text)
    assert found is not None
    opens_alone(browser, found.group(0), case.tracking_code, DEVICES[device], f"access-sms-link-opens-{device}")

    # A typo in the code is said at once, next to the field.
    page.goto(live_server.url + "/tra-cuu/gui-lai-duong-dan/")
    # The right short code with a wrong check character: a typo for every code the case may draw.
    right = short_code(case.tracking_code)
    wrong = right[:-1] + ("3" if right[-1] == "2" else "2")
    page.get_by_label(vi("Tracking code or short code")).fill(wrong)
    page.get_by_label(vi("The phone number or email you gave with the petition")).fill("0905123456")
    page.get_by_role("button", name=vi("Send me the link")).click()
    expect(page.locator(".has-error .error")).to_have_text(
        vi("This code has a typo: check each letter and digit against your receipt.")
    )
    # The form with an error answers 400, which Chromium logs; nothing else may be logged.
    assert [e for e in page.console_errors if "status of 400" not in e] == []


@pytest.mark.parametrize("device", DEVICES)
def test_sign_in_by_a_one_time_code_lists_every_case_sent_with_that_email(
    reseeded_afterwards, live_server, request, device
):
    from django.core import mail
    from playwright.sync_api import expect

    from danvan.cases.choices import Track
    from danvan.cases.tests.factories import submit

    world()
    lights = submit(email="Binh@Example.vn", phone="", title="Đèn đường hỏng trên đường Lê Lợi").case
    flood = submit(email="binh@example.vn", phone="", title="Ngập nước kiệt 12").case
    sealed = submit(email="binh@example.vn", track=Track.TO_CAO, title="Tố cáo việc thu tiền sai").case
    other = submit(email="khac@example.vn", phone="", title="Đơn của người khác").case
    mail.outbox.clear()

    page = request.getfixturevalue(device)
    page.goto(live_server.url + "/dang-nhap/ma-mot-lan/")
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("Sign in with a one-time code"))
    page.get_by_label(vi("Your phone number or email")).fill("binh@example.vn")
    fits(page, DEVICES[device])
    shot(page, f"access-sign-in-{device}")
    page.get_by_role("button", name=vi("Send me a code")).click()
    expect(page).to_have_url(live_server.url + "/dang-nhap/ma-mot-lan/nhap-ma/")
    expect(page.get_by_role("status")).to_contain_text("b•••@example.vn")
    [email] = mail.outbox
    found = re.search(r"#(\d{6})\s*$", email.body)
    assert found is not None
    code = found.group(1)
    page.get_by_label(vi("The 6-digit code")).fill(code)
    shot(page, f"access-sign-in-code-{device}")
    page.get_by_role("button", name=vi("Sign in")).click()

    expect(page).to_have_url(live_server.url + "/tai-khoan/phan-anh/")
    items = page.locator(".case-item")
    expect(items).to_have_count(2)
    expect(items.nth(0).get_by_role("link")).to_have_text(f"{flood.tracking_code} — {flood.title}")
    expect(items.nth(1).get_by_role("link")).to_have_text(f"{lights.tracking_code} — {lights.title}")
    main = page.locator("main")
    expect(main).not_to_contain_text(other.tracking_code)
    expect(main).not_to_contain_text(sealed.tracking_code)  # a tố cáo is never found by its sealed contact
    fits(page, DEVICES[device])
    shot(page, f"access-my-cases-{device}")

    items.nth(1).get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/tra-cuu/{lights.tracking_code}/")
    expect(page.locator(".status-name")).to_be_visible()
    shot(page, f"access-my-case-open-{device}")
    assert page.console_errors == []
