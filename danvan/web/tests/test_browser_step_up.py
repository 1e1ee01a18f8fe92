"""The step-up second factor in a real browser: the demo head, whose authenticator was removed (a lost
phone), sets it up again from the QR page (reading the key as typed by hand), then opens a denouncer's
identity; on a 360 px phone he confirms with a code and opens it again. Screenshots:
var/screenshots/step-up-*.png."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import expect

from danvan.web.tests.conftest import authenticator_code, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)
REASON = "Mời người tố cáo đến bổ sung chứng cứ"


def login(page, base, username):
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)  # officers land on their work (issue 14)


def test_the_head_sets_up_his_authenticator_and_opens_an_identity(reseeded_afterwards, live_server, desktop, phone):
    import time_machine
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.cases.choices import Track
    from danvan.cases.models import RoutingRule
    from danvan.cases.services.intake import Petition, case_submit
    from danvan.core import clock
    from danvan.org.demo import demo_seed
    from danvan.org.models import Organization

    reference_data_restore()
    demo_seed(46)
    RoutingRule.objects.create(organization=Organization.objects.get(code="46-19753-ubnd"), unit=None, track="")
    case = case_submit(actor=None, petition=Petition(
        content="Tôi là Trần Thị Bình, số 0905123456. Cán bộ địa chính phường đòi thêm tiền khi cấp giấy chứng nhận.",
        title="Tố cáo cán bộ địa chính", track=Track.TO_CAO, place_text="phuong phu xuan, hue", name="Trần Thị Bình",
        phone="0905123456", consent=True, consent_text="Tôi đồng ý.",
    )).case  # fmt: skip
    TOTPDevice.objects.filter(user__username="chutich").delete()  # a lost phone, reset by an operator
    base, page = live_server.url, desktop

    login(page, base, "chutich")
    page.goto(f"{base}/van-hanh/ho-so/{case.pk}/")
    assert "Trần Thị Bình" not in page.inner_text("main")
    page.locator("#step-up-link").click()
    page.wait_for_url(re.compile(r".*/van-hanh/xac-thuc-hai-buoc/dang-ky/.*"))
    assert page.locator(".step-up-qr svg").count() == 1
    shot(page, "step-up-enrol-desktop")
    # The key as a person would type it into the app; the code it makes now.
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    totp = TOTP(base64.b32decode(secret))
    totp.time = clock.now().timestamp()
    page.locator("#id_code").fill(f"{totp.token():06d}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/van-hanh/ho-so/{case.pk}/nhan-than/")
    page.locator("#id_identity-reason").fill(REASON)
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Trần Thị Bình", use_inner_text=True)
    shot(page, "step-up-identity-desktop")
    assert page.console_errors == [], page.console_errors

    # A phone, a new session: a code is asked for again (next step of 30 s, a code is accepted once).
    with time_machine.travel(clock.now().timestamp() + 31, tick=True):
        login(phone, base, "chutich")
        phone.goto(f"{base}/van-hanh/ho-so/{case.pk}/nhan-than/")
        phone.wait_for_url(re.compile(r".*/van-hanh/xac-thuc-hai-buoc/\?next=.*"))
        shot(phone, "step-up-verify-phone")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        phone.locator("#id_code").fill("000000" if authenticator_code("chutich") != "000000" else "111111")
        phone.locator("main form button[type=submit]").click()
        expect(phone.locator("[role=alert]").first).to_be_attached()
        shot(phone, "step-up-wrong-code-phone")
        phone.wait_for_timeout(10_500)  # django-otp's throttle after one wrong code: 10 s
        phone.locator("#id_code").fill(authenticator_code("chutich"))
        phone.locator("main form button[type=submit]").click()
        phone.wait_for_url(f"{base}/van-hanh/ho-so/{case.pk}/nhan-than/")
        phone.locator("#id_identity-reason").fill(REASON)
        phone.locator("main form button[type=submit]").first.click()
        expect(phone.locator("main")).to_contain_text("Trần Thị Bình", use_inner_text=True)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        shot(phone, "step-up-identity-phone")
    console = [e for e in phone.console_errors if "400 (Bad Request)" not in e]
    assert console == [], console
