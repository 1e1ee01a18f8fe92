"""The province page, the drill-down to a commune and the export link in a real browser (Debian's chromium
through Playwright, live server), on a desktop and a 360-px phone, with an axe run. Screenshots go to
var/screenshots/consultations-dashboards-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = "/van-hanh/gop-y/so-lieu/"
PASSWORD = "mat-khau-thu-nghiem"  # org.tests.factories.UserFactory
AXE = Path(__file__).resolve().parents[4] / "core" / "testing" / "axe.min.js"


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _accessible(page: Any) -> None:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                          ".filter(v => v.impact === 'critical' || v.impact === 'serious')"
                          ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")  # fmt: skip
    assert found == []


def test_the_dashboards_in_a_real_browser(reseeded_afterwards, live_server, desktop, phone):
    from playwright.sync_api import expect

    from danvan.consultations.tests.dashboards.world import make_world

    reference_data_restore()  # an earlier live-server test may have flushed the database
    make_world()  # its dates are of 2026; the page is asked for 2026 whatever today is
    base = live_server.url

    for page, width, suffix in ((desktop, 1280, ""), (phone, 360, "-phone")):
        _login(page, base, "danvan")
        menu_open(page)
        page.locator(f"nav a[href='{PAGE}']").click()
        expect(page).to_have_url(base + PAGE)
        page.goto(f"{base}{PAGE}?province=46&year=2026")
        expect(page.locator("#headline-1")).to_have_text("71,4%")
        expect(page.locator("#headline-2")).to_have_text("33,3%")
        expect(page.locator("#places-table tbody tr")).to_have_count(3)
        expect(page.locator("svg.chart")).to_have_count(2)
        shot(page, f"consultations-dashboards{suffix}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _accessible(page)
        page.locator("#places-table thead a", has_text="Ý kiến đã được trả lời").click()
        expect(page.locator("#places-table thead th[aria-sort=ascending]")).to_have_count(1)
        page.locator("#places-table tbody a", has_text="Phường Phú Xuân").click()
        expect(page.locator("h1")).to_contain_text("Phường Phú Xuân")
        expect(page.locator("#rates-table")).to_contain_text("71,4%")
        expect(page.locator("#consultations-table tbody tr")).to_have_count(3)
        shot(page, f"consultations-dashboards-commune{suffix}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _accessible(page)
        assert page.console_errors == []
        page.goto(f"{base}{PAGE}?year=2019")  # a bad year: the message, not a 500
        expect(page.locator("#error-summary")).to_be_visible()
        menu_open(page)
        page.locator("header form[action='/dang-xuat/'] button").click()
        page.wait_for_load_state()
