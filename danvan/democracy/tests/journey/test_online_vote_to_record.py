"""Issue 16's acceptance run, across the parts, in a real browser (Debian's chromium, live server):
a village head proposes a matter and opens an online vote (desktop); two households vote on 360 px
phones with one-time codes read from the test SMS outbox; the head closes, the result shows passed;
the head writes and sends the Art. 20 decision record on the decisions pages; the printable record
and the commune's public page show the decision as passed, in numbers over ALL households, with no
household names.

Screenshots go to var/screenshots/journey-*.png (look at them)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("mat-khau-thu-nghiem")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _local(moment: dt.datetime) -> str:
    from danvan.core import clock

    return clock.local(moment).strftime("%Y-%m-%dT%H:%M")


def _code(household: Any) -> str:
    from danvan.notifications.channels import get_sms_gateway

    sms = [m for m in get_sms_gateway().outbox if m.phone.endswith(household.phone[-9:])]  # type: ignore[attr-defined]
    assert sms, f"no SMS for {household.code}"
    found = re.search(r"Dan Van So: (\d{6})", sms[-1].text)
    assert found is not None
    return found.group(1)


def _phone_answer(page: Any, base: str, round_id: int, household: Any, button: str, label: str) -> None:
    """On the phone: ask for a code with household code + phone, type it, press ``button``."""
    from danvan.notifications.channels import get_sms_gateway

    page.context.clear_cookies()
    page.goto(f"{base}/dan-chu/bieu-quyet/{round_id}/")
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    page.fill("#id_household", household.code)
    page.fill("#id_phone", household.phone)
    page.click("#vt-ask")
    expect(page.locator("#vt-message")).to_be_visible()
    page.locator("#buoc-2 input[name=code]").fill(_code(household))
    shot(page, f"journey-{label}-ready")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click(button)


def test_online_vote_passes_and_the_decision_record_appears(reseeded_afterwards: None, live_server: Any,
                                                            phone: Any, desktop: Any) -> None:  # fmt: skip
    from danvan.core import clock
    from danvan.democracy.models import DecisionRecord, Household, Matter
    from danvan.democracy.tests.factories import make_democracy_world

    reference_data_restore()
    world = make_democracy_world()
    # Tổ dân phố 2 counts 3 households (the other three moved away): 2 of 3 is more than half.
    homes = list(Household.objects.filter(village=world.village2).order_by("code"))
    Household.objects.filter(pk__in=[h.pk for h in homes[3:]]).update(is_active=False)
    homes = homes[:3]
    base = live_server.url
    now, today = clock.now(), clock.today()

    # 1. The village head proposes an item-6 matter on the decisions pages (desktop).
    _login(desktop, base, "totruong2")
    desktop.goto(f"{base}/van-hanh/dan-chu/quyet-dinh/de-xuat/")
    desktop.locator("#id_village").select_option(str(world.village2.pk))
    desktop.locator("#id_item").select_option("6")
    desktop.locator("#id_front_agreed_on").fill(today.isoformat())
    desktop.locator("#id_title").fill("Thu gom rác chung lúc 18 giờ")
    desktop.locator("#id_content").fill("Các hộ để rác trước cửa từ 17 giờ 30, thu gom chung lúc 18 giờ.")
    desktop.locator("main form button[type=submit]").click()
    expect(desktop.locator("h1")).to_contain_text("Thu gom rác chung")
    matter = Matter.objects.get()
    shot(desktop, "journey-1-proposed-desktop")

    # 2. It asks for consent to vote online; two of three households agree on their phones.
    desktop.goto(f"{base}/van-hanh/dan-chu/bieu-quyet/")
    desktop.select_option("#id_matter", str(matter.pk))
    desktop.fill("#id_opens_at", _local(now - dt.timedelta(minutes=5)))
    desktop.fill("#id_closes_at", _local(now + dt.timedelta(days=2)))
    desktop.click("#vt-open-consent")
    expect(desktop.locator("#vt-status")).to_have_attribute("data-status", "consent")
    found = re.search(r"/bieu-quyet/(\d+)/", desktop.url)
    assert found is not None
    round_id = int(found.group(1))
    shot(desktop, "journey-2-consent-desktop")
    for i, home in enumerate(homes[:2], start=1):
        _phone_answer(phone, base, round_id, home, "#vt-consent-yes", f"2-consent-phone-{i}")
        expect(phone.locator("#vt-status")).to_have_attribute("data-status", "consent")
    shot(phone, "journey-2-consent-phone-done")

    # 3. The head opens the vote (2/3 agreed to the online form).
    desktop.reload()
    desktop.fill("#id_opens_at", _local(now - dt.timedelta(minutes=1)))
    desktop.fill("#id_closes_at", _local(now + dt.timedelta(days=1)))
    desktop.click("#vt-open")
    expect(desktop.locator("#vt-status")).to_have_attribute("data-status", "open")
    shot(desktop, "journey-3-open-desktop")

    # 4. Two households vote yes on 360 px phones, each with its one-time code, and keep a receipt.
    receipts = []
    for i, home in enumerate(homes[:2], start=1):
        _phone_answer(phone, base, round_id, home, "#vt-yes", f"4-vote-phone-{i}")
        expect(phone.locator("#vt-receipt")).to_be_visible()
        shot(phone, f"journey-4-vote-phone-{i}-receipt")
        receipts.append(phone.locator("#vt-receipt").inner_text().strip())
    assert len(set(receipts)) == 2

    # 5. The head closes and counts: 2 of 3 households agree — passed.
    desktop.reload()
    expect(desktop.locator("#vt-voters li")).to_have_count(2)
    desktop.click("#vt-close")
    expect(desktop.locator("#vt-result")).to_have_attribute("data-passed", "true")
    shot(desktop, "journey-5-closed-desktop")
    phone.goto(f"{base}/dan-chu/bieu-quyet/{round_id}/ket-qua/")
    expect(phone.locator("#vt-yes-count")).to_have_text("2/3")
    expect(phone.locator("#vt-no-count")).to_have_text("0/3")
    shot(phone, "journey-5-result-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # 6. On the decisions pages: the Art. 20 record, signed, then sent.
    desktop.goto(f"{base}/van-hanh/dan-chu/quyet-dinh/{matter.pk}/")
    expect(desktop.locator("#bien-ban")).to_be_visible()
    form = desktop.locator("#bien-ban")
    form.locator("#id_decision").fill("Các hộ thống nhất thu gom rác chung lúc 18 giờ hằng ngày.")
    form.locator("#id_signed_village_head").fill("Phan Thị Hai")
    form.locator("#id_signed_front_head").fill("Hoàng Văn Mặt Trận")
    form.locator("#id_signed_representatives").fill("Đại diện hộ A\nĐại diện hộ B")
    shot(desktop, "journey-6-record-form-desktop")
    form.locator("button[type=submit]").click()
    expect(desktop.locator("#gui")).to_be_visible()
    desktop.locator("#gui button[type=submit]").click()
    expect(desktop.locator("#buoc-tiep")).to_be_visible()
    shot(desktop, "journey-6-sent-desktop")
    record = DecisionRecord.objects.get(matter=matter)
    assert record.sent_on == today
    assert (record.households_total, record.present, record.absent, record.form) == (3, 2, 1, "online")

    # 7. The printable record: passed, 2 of 3 households, the signatures; no household's name.
    desktop.goto(f"{base}/van-hanh/dan-chu/quyet-dinh/{matter.pk}/ban-in/")
    expect(desktop.locator("h1")).to_have_text("BIÊN BẢN")
    body = desktop.locator("body")
    expect(body).to_contain_text(
        "Tổng số hộ gia đình: 3; số đại diện hộ gia đình tham gia biểu quyết: 2; số hộ vắng mặt: 1."
    )
    expect(body).to_contain_text("đồng ý 2/3 hộ")
    expect(body).to_contain_text("Kết quả: 2/3 hộ đồng ý")
    expect(body).to_contain_text("Đại diện hộ A")
    shot(desktop, "journey-7-record-print-desktop")

    # 8. The commune's public page and the matter's public page: passed, numbers over all households.
    names = [h.representative_name for h in Household.objects.filter(village=world.village2)]
    phone.context.clear_cookies()
    phone.goto(f"{base}/dan-chu/{world.commune.code}/")
    main = phone.locator("main")
    # the decided matters' list (the online votes' section lists the same matter, linked to its results)
    item = main.locator("ul.plain-list li", has_text="Thu gom rác chung lúc 18 giờ")
    expect(item).to_contain_text("Được thông qua (2/3 hộ đồng ý)")
    expect(main.locator("ul.vt-section li", has_text="Thu gom rác chung lúc 18 giờ")).to_contain_text("Đã kiểm phiếu")
    shot(phone, "journey-8-commune-phone")
    text = main.inner_text()
    assert main.locator("h2", has_text="Đang công khai").count() <= 1  # one heading per section
    assert_accessible(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.goto(f"{base}/dan-chu/quyet-dinh/{matter.code}/")
    row = phone.locator("main table tbody tr").first
    expect(row).to_contain_text("Biểu quyết trực tuyến")
    expect(row.locator("td")).to_have_text(["Tổ dân phố 2", "Được thông qua", "2", "3", "2 (> 50%)",
                                             "Biểu quyết trực tuyến"])  # fmt: skip
    result_cell = row.locator("td").nth(1).bounding_box()
    assert result_cell is not None and result_cell["x"] + result_cell["width"] <= 360  # seen without scrolling
    shot(phone, "journey-8-matter-public-phone")
    text += phone.locator("main").inner_text()
    for name in names:
        assert name not in text
    for home in homes:
        assert home.phone not in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
