"""The compliance dashboard and a head's month in a real browser (Debian's chromium through Playwright, live
server), on a desktop and a 360-px phone. Screenshots go to var/screenshots/reception-compliance-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.core import clock
from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD = reverse("reception:compliance")
PASSWORD = "mat-khau-thu-nghiem"  # org.tests.factories.UserFactory


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_the_compliance_dashboard_and_drill_down_in_a_real_browser(reseeded_afterwards, live_server, desktop, phone):
    from playwright.sync_api import expect

    from danvan.reception import choices
    from danvan.reception.tests.factories import at, make_reception_world, session, visit

    reference_data_restore()  # an earlier live-server test may have flushed the database
    w = make_reception_world()
    today = clock.today()
    y, m = today.year, today.month
    held = choices.SessionStatus.HELD
    s = session(w.point, w.chair, at(y, m, 1), duty=w.duty, status=held)
    session(w.point, w.chair, at(y, m, 2), duty=w.duty, status=held, held_by=w.deputy)
    session(w.point, w.chair, at(y, m, 3), kind=choices.SessionKind.AD_HOC, status=held,
            ad_hoc_trigger=choices.AdHocTrigger.SERIOUS_HARM)  # fmt: skip
    visit(w.phuong, w.officer, session=s, received_at=at(y, m, 1, 9))
    base = live_server.url

    for page, width, suffix in ((desktop, 1280, ""), (phone, 360, "-phone")):
        _login(page, base, "thanhtra")
        menu_open(page)
        page.locator(f"nav a[href='{DASHBOARD}']").click()
        expect(page).to_have_url(base + DASHBOARD)
        expect(page.locator("#heads-table")).to_contain_text("Trần Thị Hoa")
        expect(page.locator("#heads-table")).to_contain_text("1/2")
        expect(page.locator("svg.chart").first).to_be_visible()
        shot(page, f"reception-compliance{suffix}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.locator("#heads-table a", has_text="Trần Thị Hoa").click()
        expect(page.locator("#sessions > li")).to_have_count(3)
        expect(page.locator("#head-ratio")).to_contain_text("50")
        shot(page, f"reception-compliance-head{suffix}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.console_errors == []
        page.goto(f"{base}{DASHBOARD}?period=2026-13")  # a bad month: the message, not a 500
        expect(page.locator("#error-summary")).to_be_visible()
        shot(page, f"reception-compliance-bad{suffix}")
        menu_open(page)
        page.locator("header form[action='/dang-xuat/'] button").click()
        page.wait_for_load_state()
