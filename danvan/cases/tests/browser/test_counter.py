"""The counter in a real browser (issue 14, item 7): the demo's counter clerk enters a complaint for an
elderly citizen, with the ID card and the signed scan, and prints the receipt on A4 and on an 80 mm
receipt printer. At 360 px (a clerk's tablet or phone) and desktop width; the printed pages are made with
Chromium's print engine (``page.pdf``) and their paper size read back from the PDF. Screenshots, of the
screen and of print media, go to var/screenshots/counter-*.png.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)
PHU_XUAN = 19753
MM = 72 / 25.4  # PDF points per millimetre


def _world() -> None:
    from danvan.cases.models import RoutingRule
    from danvan.org.demo import demo_seed
    from danvan.org.models import Organization

    reference_data_restore()
    demo_seed(46)
    RoutingRule.objects.create(organization=Organization.objects.get(code=f"46-{PHU_XUAN}-ubnd"), unit=None, track="")


def _scan(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "don-co-chu-ky.png"
    Image.new("RGB", (60, 80), (250, 250, 250)).save(path, "PNG")
    return path


def _pdf_page_sizes(data: bytes) -> list[tuple[float, float]]:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [(float(p.mediabox[2]) - float(p.mediabox[0]), float(p.mediabox[3]) - float(p.mediabox[1]))
                for p in pdf.pages]  # fmt: skip


def _login(page: Any, base: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("tiepnhan")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _fill_complaint(page: Any, scan: Path, id_number: str) -> None:
    page.locator("input[name=track][value=khieu_nai]").check()
    page.locator("#id_content").fill(
        "Bà khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi 120 m² đất vườn vì chưa được bồi thường."
    )
    page.locator("#id_title").fill("Khiếu nại quyết định thu hồi đất")
    page.locator("#id_place_text").fill("phuong phu xuan, hue")
    page.locator("#id_petition_scan").set_input_files(str(scan))
    page.locator("#id_name").fill("Nguyễn Thị Lành")
    page.locator("#id_id_number").fill(id_number)
    page.locator("#id_phone").fill("0234 3822 123")
    page.locator("#id_address").fill("5 kiệt 12 Lê Lợi, Phú Xuân, Huế")
    page.locator("#id_consent").check()


def _enter_complaint(page: Any, base: str, scan: Path) -> str:
    _login(page, base)
    page.goto(base + "/van-hanh/tiep-nhan/")
    _fill_complaint(page, scan, "046 150 004 567")
    page.locator("form.petition-form button[type=submit]").click()
    page.wait_for_url(base + "/van-hanh/tiep-nhan/da-nhan/")
    return page.locator(".rc-code-value").inner_text()


def test_the_clerk_prints_a_receipt_on_a4_and_on_an_80_mm_roll(reseeded_afterwards, live_server, desktop, tmp_path):
    from playwright.sync_api import expect

    from danvan.cases.models import Case

    _world()
    base, page = live_server.url, desktop
    code = _enter_complaint(page, base, _scan(tmp_path))
    case = Case.objects.get(tracking_code=code)
    assert (case.channel, case.track, case.id_number_last4) == ("counter", "khieu_nai", "4567")
    receipt = page.locator("article.rc")
    expect(receipt).to_contain_text("GIẤY BIÊN NHẬN ĐƠN")
    expect(receipt).to_contain_text("Ông/Bà Nguyễn Thị Lành")
    expect(receipt).to_contain_text("•••••••• 4567")
    expect(receipt).to_contain_text("Đỗ Thị Tiếp Nhận")  # the demo clerk
    expect(receipt).to_contain_text("ỦY BAN NHÂN DÂN PHƯỜNG PHÚ XUÂN")
    expect(page.locator("[data-print]")).to_be_visible()  # the script shows the Print button
    assert "046 150" not in page.content()
    shot(page, "counter-receipt-screen-desktop")

    # A4: the default paper.
    a4 = page.pdf(prefer_css_page_size=True, print_background=True)
    assert [(round(w), round(h)) for w, h in _pdf_page_sizes(a4)] == [(595, 842)]
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    expect(page.locator(".rc-tools")).to_be_hidden()
    shot(page, "counter-receipt-print-a4")

    # The 80 mm roll, picked on the page without a script.
    page.emulate_media(media="screen")
    page.locator("#format-roll").check()
    roll = page.pdf(prefer_css_page_size=True, print_background=True)
    sizes = _pdf_page_sizes(roll)
    assert sizes and all(round(w / MM) == 80 for w, _h in sizes)
    assert len(sizes) <= 2  # the whole receipt on (at most) two lengths of roll
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 302, "height": 1200})  # 80 mm at 96 dpi
    expect(page.locator(".rc-code-value")).to_have_text(code)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 302, width  # nothing wider than the paper
    shot(page, "counter-receipt-print-80mm")
    assert page.console_errors == []


def test_the_counter_form_at_360_px_speaks_to_the_clerk(reseeded_afterwards, live_server, phone, tmp_path):
    from danvan.cases.models import Case

    _world()
    base, page = live_server.url, phone
    _login(page, base)
    page.goto(base + "/van-hanh/tiep-nhan/")
    _fill_complaint(page, _scan(tmp_path), "12345")
    page.locator("form.petition-form button[type=submit]").click()
    page.wait_for_url(base + "/van-hanh/tiep-nhan/")
    from playwright.sync_api import expect

    expect(page.locator("#id_id_number")).to_have_value("12345")
    expect(page.locator(".error-box")).to_contain_text("Ghi 12 chữ số của thẻ căn cước")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Case.objects.count() == 0
    # The clerk may not open the inbox: the menu does not offer it and the address answers 404.
    assert page.locator("nav a[href='/van-hanh/ho-so/']").count() == 0
    assert page.goto(base + "/van-hanh/ho-so/").status == 404
    page.goto(base + "/van-hanh/tiep-nhan/")
    shot(page, "counter-form-phone")
