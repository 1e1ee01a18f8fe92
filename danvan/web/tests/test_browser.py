"""Real-browser smoke test: Debian's chromium driven by Playwright against the live server.

Screenshots go to var/screenshots/ so a person can look at them.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import menu_open
from danvan.web.tests.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_login_and_operator_pages_in_a_real_browser(reseeded_afterwards, live_server, phone):
    from danvan.org import services
    from danvan.org.choices import Role
    from danvan.org.demo import demo_seed

    services.units_load()
    demo_seed(46)
    page = phone

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", level=1).inner_text() == "Dân Vận Số"
    shot(page, "home-vi")

    # Keyboard first: the skip link is the first thing Tab reaches.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_class("skip-link")

    # A citizen, no account: which ward handles my old address now?
    menu_open(page)  # at 360 px the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("link", name="Tra cứu địa danh").first.click()
    page.get_by_label("Địa chỉ hoặc địa danh").fill("p thao dien, thu duc, tphcm")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".result")).to_contain_text("Phường An Khánh", use_inner_text=True)
    shot(page, "place-resolve")

    menu_open(page)  # at 360 px the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("vanhanh")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_have_text(
        re.compile("^" + re.escape("Tên đăng nhập hoặc mật khẩu không đúng")), use_inner_text=True
    )
    shot(page, "login-error")
    page.get_by_label("Mật khẩu").fill("DanVan@2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/")
    assert "Cán bộ vận hành" in page.inner_text("main")

    menu_open(page)  # at 360 px the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("link", name="Đơn vị hành chính").click()
    page.get_by_label("Tên hoặc mã").fill("thao dien")
    page.get_by_label("Thời kỳ").select_option("legacy")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("link", name="Phường Thảo Điền")).to_be_visible()
    shot(page, "operator-units")
    page.get_by_role("link", name="Phường Thảo Điền").click()
    expect(page.get_by_role("link", name="Phường An Khánh, Thành phố Hồ Chí Minh")).to_be_visible()

    menu_open(page)  # at 360 px the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("link", name="Cơ quan, tổ chức").first.click()
    page.get_by_label("Tên").fill("phu xuan")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("link", name="Ủy ban nhân dân Phường Phú Xuân")).to_be_visible()
    shot(page, "operator-bodies")

    # The legal deadlines: the rule table with its sources, and the year's calendar.
    menu_open(page)  # at 360 px the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("link", name="Thời hạn giải quyết").click()
    expect(page.get_by_text("Điều 28 Luật Khiếu nại 2011").first).to_be_visible()
    shot(page, "deadline-rules")
    page.goto(live_server.url + "/han-xu-ly/lich/2026/")
    assert "22/08/2026" in page.inner_text("main")  # the working Saturday of 2026
    shot(page, "deadline-calendar-2026")
    page.goto(live_server.url + "/han-xu-ly/lich/2027/")
    assert "dự kiến" in page.inner_text("main")
    menu_open(page)  # at 360 px the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("link", name="Cơ quan, tổ chức").first.click()
    page.get_by_label("Tên").fill("phu xuan")
    page.get_by_role("button", name="Tìm kiếm").click()

    page.get_by_role("button", name="Đổi").wait_for()
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Change").click() if page.get_by_role("button", name="Change").count() else \
        page.get_by_role("button", name="Đổi").click()  # fmt: skip
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shot(page, "operator-bodies-en")

    menu_open(page)  # at 360 px the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("button", name="Log out").click()
    menu_open(page)  # at 360 px the menu is folded behind its button (ui/_main_nav.html)
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert page.console_errors == [], page.console_errors  # e.g. a CSP violation
    assert Role.OPERATOR  # the demo's operator did all of the above
