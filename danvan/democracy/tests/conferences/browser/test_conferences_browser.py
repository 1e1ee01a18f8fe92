"""The yearly conference in a real browser (Debian's chromium through Playwright, live server), on a
360-px phone and on a desktop: a village head finds the conferences in the menu, records this year's
conference with the decided matter prefilled, and the public page shows the date, the attendance over
all households and the execution — no names. axe finds no serious violation on the public page.
Screenshots: var/screenshots/conferences-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("mat-khau-thu-nghiem")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def no_overflow(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_village_head_records_the_conference_and_the_public_reads_it(reseeded_afterwards: None, live_server: Any,
                                                                       device: str, request: Any) -> None:  # fmt: skip
    from danvan.core import clock
    from danvan.democracy.models import Conference
    from danvan.democracy.tests.conferences.helpers import matter
    from danvan.democracy.tests.factories import make_democracy_world
    from danvan.org.models import AdministrativeUnit

    if not AdministrativeUnit.objects.exists():  # a previous live-server test flushed the database
        reference_data_restore()
    w = make_democracy_world()
    today = clock.today()
    decided = matter(w, title="Bê tông hóa kiệt 7 đường Đặng Trần Côn", decided_on=today - dt.timedelta(days=60))
    page = request.getfixturevalue(device)
    width = 360 if device == "phone" else 1280
    _login(page, live_server.url, "totruong1")
    page.goto(live_server.url + "/")
    menu_open(page)
    page.get_by_role("link", name="Hội nghị cộng đồng").first.click()
    expect(page.locator("h1")).to_have_text("Hội nghị cộng đồng dân cư hằng năm")
    no_overflow(page, width)
    shot(page, f"conferences-list-{device}")
    page.get_by_role("link", name="Ghi nhận hội nghị Tổ dân phố 1").click()
    expect(page.locator("h1")).to_have_text("Ghi nhận hội nghị cộng đồng dân cư hằng năm")
    expect(page.get_by_text(decided.title)).to_be_visible()
    page.locator("#id_held_on").fill(today.isoformat())
    page.locator("#id_chaired_by").fill("Nguyễn Văn Tổ")
    page.locator("#id_present").fill("12")  # more than the 9 households: refused
    page.locator("#id_record").fill("Hội nghị nghe các báo cáo và thống nhất kiến nghị lắp đèn kiệt.")
    for key, title in (("village_head", "Tình hình tổ dân phố"), ("front", "Thực hiện dân chủ"), ("ttnd", "Giám sát")):
        page.locator(f"#id_{key}_title").fill(title)
        page.locator(f"#id_{key}_summary").fill(f"{title}: tốt.")
    page.locator(f"#id_m{decided.pk}_status").select_option("done")
    page.locator("form.cf-form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    no_overflow(page, width)
    shot(page, f"conferences-refused-{device}")
    assert Conference.objects.count() == 0
    page.console_errors.clear()  # the refused form answered 400 on purpose
    page.locator("#id_present").fill("7")
    page.locator("form.cf-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Tổ dân phố 1")
    no_overflow(page, width)
    shot(page, f"conferences-detail-{device}")
    conference = Conference.objects.get()
    page.goto(f"{live_server.url}/van-hanh/dan-chu/hoi-nghi/{conference.pk}/in/")
    expect(page.locator("h1.nd30-type")).to_have_text("BIÊN BẢN")
    shot(page, f"conferences-print-{device}")
    page.context.clear_cookies()  # the public reads it without an account
    page.goto(f"{live_server.url}/dan-chu/hoi-nghi/{conference.pk}/")
    expect(page.locator("h1")).to_contain_text("Tổ dân phố 1")
    expect(page.locator("dl.facts")).to_contain_text("7")
    expect(page.locator(".cf-items")).to_contain_text(decided.title)
    expect(page.locator(".cf-items")).to_contain_text("Đã xong")
    assert "Nguyễn Văn Tổ" not in page.content()
    no_overflow(page, width)
    shot(page, f"conferences-public-{device}")
    assert_accessible(page, "the public conference page")
    assert page.console_errors == []
