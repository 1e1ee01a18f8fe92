"""A consultation in a real browser: the demo ward's officer (xuly, a handler of its People's Committee)
creates a consultation, pastes the draft and opens it; a phone user finds it in the public list by words
typed without diacritics and reads it, each article with its "Góp ý phần này" link. At 360 px and at
desktop width; screenshots go to var/screenshots/consultations-drafts-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)
DRAFT = """DỰ THẢO PHƯƠNG ÁN
Sắp xếp bến xe buýt trước chợ

Điều 1. Phạm vi
Dời điểm dừng xe buýt trước cổng chợ sang đường bên cạnh, cách 80 m.

Điều 2. Lối đi bộ
1. Kẻ vạch lối đi bộ rộng 2 m từ điểm dừng mới đến cổng chợ.
2. Lắp mái che và ghế chờ.

Điều 3. Thời gian thực hiện
Thực hiện trong quý III năm nay.
"""


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_an_officer_opens_a_consultation_and_a_phone_user_reads_it(reseeded_afterwards, live_server, browser,
                                                                  request, screen):  # fmt: skip
    from playwright.sync_api import expect

    from danvan.consultations.models import Consultation
    from danvan.core import clock
    from danvan.core.testing.accessibility import axe_violations
    from danvan.org.demo import demo_seed

    reference_data_restore()
    demo_seed(46)
    page, base = request.getfixturevalue(screen), live_server.url
    width = 360 if screen == "phone" else 1280
    title = f"Sắp xếp bến xe buýt trước chợ ({screen})"
    today = clock.today()

    _login(page, base, "xuly")
    page.goto(base + "/van-hanh/gop-y/moi/")
    page.locator("#id_item").select_option("5")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Dời điểm dừng xe buýt để giảm ùn tắc trước cổng chợ.")
    page.locator("#id_audience").select_option("commune")
    page.locator("#id_verification").select_option("open")
    page.get_by_label("Nền tảng này").check()
    page.locator("#id_opens_on").fill(today.isoformat())
    page.locator("#id_closes_on").fill((today + dt.timedelta(days=14)).isoformat())
    page.locator("#id_text").fill(DRAFT)
    if screen == "phone":
        _fits(page, width)
    shot(page, f"consultations-drafts-new-{screen}")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.locator("#phan ~ details summary").first).to_contain_text("Phần mở đầu")
    expect(page.get_by_text("Điều 3. Thời gian thực hiện")).to_be_visible()
    page.get_by_role("button", name="Mở lấy ý kiến ngay").click()
    expect(page.locator(".messages")).to_contain_text("Đã mở lấy ý kiến")
    row = Consultation.objects.get(title=title)
    assert row.status == "open" and row.opening_disclosure is not None
    if screen == "phone":
        _fits(page, width)
    shot(page, f"consultations-drafts-staff-{screen}")

    # Someone on a phone, not signed in, finds it without diacritics and reads it.
    reader = new_page(browser, 360, 740) if screen == "phone" else new_page(browser, 1280, 900)
    reader.goto(base + "/gop-y/")
    reader.locator("#cd-q").fill("ben xe buyt")
    reader.get_by_role("button", name="Tìm", exact=True).click()
    expect(reader.locator(".cd-card")).to_have_count(1)
    shot(reader, f"consultations-drafts-list-{screen}")
    reader.get_by_role("link", name=title).click()
    expect(reader.locator("h1")).to_have_text(title)
    expect(reader.locator("#dieu-2 h3")).to_have_text("Điều 2. Lối đi bộ")
    link = reader.locator("#dieu-2 a.cd-comment")
    expect(link).to_have_attribute("href", f"/gop-y/{row.code}/gop-y/?section=dieu-2")
    expect(reader.locator(".cd-meta")).to_contain_text("còn 15 ngày")
    _fits(reader, 360 if screen == "phone" else 1280)
    assert axe_violations(reader) == []
    shot(reader, f"consultations-drafts-public-{screen}")
    reader.close()
