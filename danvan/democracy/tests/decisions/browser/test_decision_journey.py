"""The village head, in a real browser: a meeting that fails 2/3, then a household ballot that passes,
the record written and printed — on a 360 px phone and on a desktop; axe on the public page.
Screenshots go to var/screenshots/decisions-*.png (look at them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import reference_data_restore, shot
from danvan.democracy.tests.decisions.helpers import PASSWORD, TEAM, demo_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_village_head_meeting_fails_then_ballot_passes(live_server, desktop, phone, reseeded_afterwards) -> None:
    from playwright.sync_api import expect

    from danvan.core import clock
    from danvan.democracy.models import Household, Matter
    from danvan.democracy.services.decisions import due_on

    reference_data_restore()
    village = demo_world(9)
    base = live_server.url
    today = clock.today()

    # Desk: propose the matter, call and record the meeting (7 of 9 present, 5 agree: 6 needed).
    _login(desktop, base, "totruong1")
    desktop.goto(f"{base}/van-hanh/dan-chu/quyet-dinh/de-xuat/")
    desktop.locator("#id_village").select_option(str(village.pk))
    desktop.locator("#id_item").select_option("1")
    desktop.locator("#id_front_agreed_on").fill(today.isoformat())
    desktop.locator("#id_title").fill("Đóng góp làm đường kiệt")
    desktop.locator("#id_content").fill("Mỗi hộ góp 500.000 đồng để bê tông hóa kiệt 12.")
    desktop.locator("main form button[type=submit]").click()
    expect(desktop.locator("h1")).to_contain_text("Đóng góp làm đường kiệt")
    matter = Matter.objects.get()
    desktop.locator("#hop button[type=submit]").click()
    expect(desktop.locator("#bien-ban-hop")).to_be_visible()
    form = desktop.locator("#bien-ban-hop")
    form.locator("#id_chaired_by").fill("Nguyễn Văn Tổ")
    form.locator("#id_secretary").fill("Lê Thị Thư")
    form.locator("#id_present").fill("7")
    form.locator("#id_absent").fill("1")  # 7 + 1 ≠ 9: refused next to the form
    form.locator("#id_yes").fill("5")
    form.locator("#id_no").fill("2")
    form.locator("button[type=submit]").click()
    expect(desktop.locator("#bien-ban-hop [role=alert], #bien-ban-hop .error-summary").first).to_be_visible()
    shot(desktop, "decisions-meeting-refused-desktop")
    form = desktop.locator("#bien-ban-hop")
    form.locator("#id_absent").fill("2")
    form.locator("button[type=submit]").click()
    expect(desktop.locator("#vong")).to_contain_text("5")
    expect(desktop.locator("#phieu")).to_be_visible()
    shot(desktop, "decisions-meeting-failed-desktop")

    # Phone: announce the ballot, record the returns, count, write the record.
    _login(phone, base, "totruong1")
    phone.goto(f"{base}/van-hanh/dan-chu/quyet-dinh/{matter.pk}/")
    distribute = today - dt.timedelta(days=1)
    phone.locator("#phieu #id_announced_on").fill(due_on("thong_bao_phat_phieu", distribute).isoformat())
    phone.locator("#phieu #id_distribute_on").fill(distribute.isoformat())
    phone.locator("#phieu #id_team").fill("\n".join(TEAM))
    phone.locator("#phieu button[type=submit]").click()
    expect(phone.locator("#tra-phieu")).to_be_visible()
    shot(phone, "decisions-ballot-phone")
    for home in Household.objects.filter(village=village).order_by("code")[:6]:
        phone.locator("#tra-phieu #id_household").select_option(str(home.pk))
        phone.locator("#tra-phieu #id_returned_on").fill(distribute.isoformat())
        phone.locator("#tra-phieu button[type=submit]").click()
        expect(phone.locator("#tra-phieu h2")).to_be_visible()
    expect(phone.locator("#tra-phieu h2")).to_contain_text("6/9")
    phone.locator("#kiem-phieu #id_yes").fill("6")
    phone.locator("#kiem-phieu #id_no").fill("0")
    phone.locator("#kiem-phieu button[type=submit]").click()
    expect(phone.locator("#bien-ban")).to_be_visible()
    shot(phone, "decisions-passed-phone")
    phone.locator("#bien-ban #id_decision").fill("Các hộ thống nhất góp 500.000 đồng/hộ.")
    phone.locator("#bien-ban #id_signed_village_head").fill("Nguyễn Văn Tổ")
    phone.locator("#bien-ban #id_signed_front_head").fill("Phạm Thị Mai")
    phone.locator("#bien-ban #id_signed_representatives").fill("Chủ hộ A\nChủ hộ B")
    phone.locator("#bien-ban button[type=submit]").click()
    expect(phone.locator("#gui")).to_be_visible()
    phone.locator("#gui button[type=submit]").click()
    expect(phone.locator("#buoc-tiep")).to_contain_text(today.strftime("%d/%m/%Y"))
    shot(phone, "decisions-in-force-phone")

    desktop.goto(f"{base}/van-hanh/dan-chu/quyet-dinh/{matter.pk}/ban-in/")
    expect(desktop.locator("h1")).to_have_text("BIÊN BẢN")
    expect(desktop.locator("body")).to_contain_text("đồng ý 6/9 hộ")
    shot(desktop, "decisions-record-print-desktop")

    phone.goto(f"{base}/dan-chu/quyet-dinh/{matter.code}/")
    expect(phone.locator("table")).to_contain_text("9")
    shot(phone, "decisions-public-phone")
    assert_accessible(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
