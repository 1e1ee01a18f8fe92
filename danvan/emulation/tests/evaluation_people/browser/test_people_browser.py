"""The per-official figures in a real browser (live server), on a desktop and a 360-px phone: the head
opens the hub card, his unit's list with the officials' figures, then one official's sheet and the page
behind a figure. Screenshots go to var/screenshots/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = "/van-hanh/thi-dua/danh-gia/can-bo/"
PASSWORD = "mat-khau-thu-nghiem"  # org.tests.factories.UserFactory


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_the_officials_figures_in_a_real_browser(reseeded_afterwards, live_server, desktop, phone):
    from playwright.sync_api import expect

    from danvan.emulation.models import Commitment, CommitmentReview
    from danvan.emulation.selectors.evaluation import default_year
    from danvan.org.choices import Role
    from danvan.org.tests.factories import KIM_LONG, hue_city, officer, ward_body

    reference_data_restore()  # an earlier live-server test may have flushed the database
    city = hue_city()
    ward, _other = ward_body(city), ward_body(city, code=KIM_LONG)
    officer("chutich", Role.HEAD, ward, full_name="Trần Thị Hoa")
    handler = officer("xuly", Role.HANDLER, ward, full_name="Nguyễn Văn Xử Lý")
    officer("tiepnhan", Role.COUNTER_CLERK, ward, full_name="Đỗ Thị Tiếp Nhận")
    # The list opens on the evaluation's default year: the current one once its window is open (December),
    # else the last one. A fixed "last year" failed every December.
    year = default_year()
    c = Commitment.objects.create(person=handler, organization=ward, year=year, title="Trả lời phản ánh đúng hạn",
                                  reason="Vì dân", measurable_result="100%", due_on=dt.date(year, 10, 31))  # fmt: skip
    CommitmentReview.objects.create(commitment=c, period="yearend", text="Đã làm", self_rating="completed",
                                    assessment="completed")  # fmt: skip
    base = live_server.url
    for page, width, suffix in ((desktop, 1280, ""), (phone, 360, "-phone")):
        _login(page, base, "chutich")
        menu_open(page)
        page.locator("nav a[href='/van-hanh/thi-dua/']").click()
        expect(page.locator(f"main a[href='{LIST}']")).to_be_visible()
        page.locator(f"main a[href='{LIST}']").click()
        expect(page.locator("#people-table tbody tr")).to_have_count(3)
        row = page.locator(f"#people-table tbody tr[data-person='{handler.pk}']")
        expect(row.locator("td[data-key='commitments_completed']")).to_have_text("100% (1/1)")
        expect(row.locator("td[data-key='cases_settled_on_time'] .ev-not-measured")).to_have_count(1)
        expect(page.locator("#export-csv")).to_be_visible()
        shot(page, f"people-list{suffix}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        row.locator("th a").click()
        expect(page.locator("#lines li")).to_have_count(5)
        link = page.locator("#lines li[data-key='commitments_completed'] a.ev-source-link")
        expect(link).to_have_attribute("href", f"/van-hanh/thi-dua/cam-ket/{c.pk}/")
        shot(page, f"people-sheet{suffix}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        link.click()
        expect(page.locator("h1")).to_contain_text("Trả lời phản ánh đúng hạn")
        assert page.console_errors == []
        menu_open(page)
        page.locator("header form[action='/dang-xuat/'] button").click()
        page.wait_for_load_state()
