"""A citizen on a cheap phone sends a petition and follows it: Debian's chromium through Playwright.

Screenshots go to var/screenshots/cases-*.png so a person can look at them.
"""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def test_a_citizen_sends_a_petition_from_a_phone_and_follows_it(reseeded_afterwards, live_server, phone):
    from danvan.cases.models import Case, RoutingRule
    from danvan.org.tests.factories import commune, organization

    reference_data_restore()  # an earlier live-server test may have flushed the database
    body = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=body, unit=None, track="")
    page = phone

    page.goto(live_server.url + "/gui-phan-anh/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", level=1).inner_text() == "Gửi phản ánh, kiến nghị"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone

    # First try: HTML in the text is refused, in Vietnamese, next to the field; nothing is stored.
    page.get_by_label("Phản ánh, kiến nghị").check()
    page.get_by_label("Nội dung sự việc và đề nghị").fill("<b>Gấp</b> đèn đường hỏng trước nhà số 20 Lê Lợi")
    page.get_by_label("Địa điểm xảy ra").fill("phuong phu xuan, thanh pho hue")
    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label("Điện thoại").fill("0905 123 456")
    page.get_by_label("Tôi đồng ý cho xử lý thông tin của tôi như nêu trên.").check()
    page.get_by_role("button", name="Gửi đơn").click()
    expect(page.locator(".has-error .error").first).to_contain_text("không nhập mã HTML", use_inner_text=True)
    assert Case.objects.count() == 0
    shot(page, "cases-submit-error")

    # Corrected, with a photo; the place is written without diacritics.
    page.get_by_label("Nội dung sự việc và đề nghị").fill(
        "Ba cột đèn đường trước số 20 Lê Lợi không sáng đã hai tuần, buổi tối rất tối và nguy hiểm."
    )
    page.get_by_label("Tiêu đề (không bắt buộc)").fill("Đèn đường hỏng trên đường Lê Lợi")
    page.get_by_label("Lĩnh vực (không bắt buộc)").select_option("giao-thong-ha-tang")
    page.get_by_label("Ảnh hoặc tài liệu (không bắt buộc)").set_input_files(
        [{"name": "den-duong.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    shot(page, "cases-submit-form")
    page.get_by_role("button", name="Gửi đơn").click()

    # The receipt: the tracking code and, once, the private link.
    page.wait_for_url(live_server.url + "/gui-phan-anh/da-nhan/")
    case = Case.objects.get()
    assert case.tracking_code in page.locator(".tracking-code").inner_text()
    assert case.place_unit is not None and case.place_unit.name == "Phường Phú Xuân"
    assert case.attachments.count() == 1
    link = page.get_by_label("Đường dẫn riêng").input_value()
    assert link.startswith(f"{live_server.url}/tra-cuu/{case.tracking_code}/?k=")
    shot(page, "cases-receipt")

    page.get_by_role("link", name="Xem đơn của tôi").click()
    expect(page.locator(".status-name")).to_have_text("Đã tiếp nhận", use_inner_text=True)
    expect(page.locator(".timeline")).to_contain_text("Đã nhận đơn", use_inner_text=True)
    expect(page.locator("main")).to_contain_text("UBND Phường Phú Xuân", use_inner_text=True)
    expect(page.locator("main")).not_to_contain_text("Trần Thị Bình", use_inner_text=True)
    page.get_by_text("Cách tính thời hạn").click()  # the explanation opens without a script
    expect(page.locator(".explain p")).to_be_visible()
    shot(page, "cases-track")

    # The receipt is not shown twice.
    page.goto(live_server.url + "/gui-phan-anh/da-nhan/")
    assert case.tracking_code not in page.inner_text("main")

    # Another day: the citizen pastes the whole private link into the look-up form.
    page.goto(live_server.url + "/tra-cuu/")
    page.get_by_label("Mã bí mật hoặc đường dẫn riêng").fill(link)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".tracking-code").first).to_have_text(case.tracking_code, use_inner_text=True)
    page.goto(f"{live_server.url}/tra-cuu/{case.tracking_code}/?k=sai")
    assert page.get_by_role("heading", level=1).inner_text() == "Không tìm thấy đơn"
    shot(page, "cases-not-found")

    page.goto(link)
    # The secret leaves the address after the first request (a 303 to the case's address).
    assert page.url == f"{live_server.url}/tra-cuu/{case.tracking_code}/"
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".status-name")).to_have_text("Received", use_inner_text=True)
    shot(page, "cases-track-en")
    # The refused form (400) and the wrong link (404) are reported by the browser; nothing else may be,
    # e.g. a Content-Security-Policy violation.
    expected = {"Failed to load resource: the server responded with a status of 400 (Bad Request)",
                "Failed to load resource: the server responded with a status of 404 (Not Found)"}  # fmt: skip
    assert [e for e in page.console_errors if e not in expected] == [], page.console_errors


def test_an_officer_enters_a_petition_at_the_counter_and_prints_the_receipt(reseeded_afterwards, live_server, phone):
    from danvan.cases.models import Case, RoutingRule
    from danvan.org.choices import Role
    from danvan.org.tests.factories import commune, grant, make_user, organization

    reference_data_restore()
    body = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=body, unit=None, track="")
    grant(make_user(username="tiepnhan"), Role.HANDLER, body)
    page = phone

    page.goto(live_server.url + "/dang-nhap/?next=/van-hanh/tiep-nhan/")
    page.get_by_label("Tên đăng nhập").fill("tiepnhan")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/van-hanh/tiep-nhan/")
    page.get_by_label("Tố cáo").check()
    page.get_by_label("Nội dung công dân trình bày và đề nghị").fill(  # the counter's words for the clerk
        "Cán bộ địa chính phường yêu cầu nộp thêm tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận."
    )
    page.get_by_label("Địa điểm xảy ra").fill("P. Phú Xuân, TP Huế")
    page.get_by_label("Họ và tên công dân").fill("Lê Văn Cường")
    page.get_by_label("Điện thoại").fill("0914 000 111")
    page.get_by_label("Bản quét hoặc ảnh chụp đơn có chữ ký hoặc điểm chỉ").set_input_files(
        [{"name": "don-to-cao.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_label("Công dân đã được đọc hoặc nghe đọc nội dung trên và đồng ý").check()
    page.get_by_role("button", name="Ghi nhận đơn").click()
    page.wait_for_url(live_server.url + "/van-hanh/tiep-nhan/da-nhan/")
    case = Case.objects.get()
    assert case.channel == "counter" and case.contact_name == ""
    assert case.attachments.get().sealed
    # The counter's own receipt (cases/receipts.py): the code in large type; a denouncer's name is sealed,
    # left as a line for the clerk to write by hand.
    assert case.tracking_code in page.locator(".rc-code-value").inner_text()
    assert "Lê Văn Cường" not in page.inner_text("body")
    page.emulate_media(media="print")
    expect(page.locator(".rc-tools")).to_be_hidden()
    expect(page.locator("article.rc")).to_be_visible()
    shot(page, "cases-counter-receipt-print")
