"""Moderation of the public page in a real browser (Debian's chromium through Playwright, live server), on a
360-px phone and on a desktop: the ward's handler takes a public report off the public page from the staff
case page with a reason; the feed no longer lists it, its page is not found, and its citizen reads why on
their private page (never the staff note).

Screenshots go to var/screenshots/cases-moderation-*.png (and to $DANVAN_SHOTS_DIR when set).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)
PHU_XUAN = 19753  # GSO code of Phường Phú Xuân (Huế)
NOTE = "Nêu tên một hộ dân cụ thể, cần sửa trước khi đăng lại."


def vi(text: Any) -> str:
    from django.utils.translation import gettext, override

    with override("en"):
        english = str(text)
    with override("vi"):
        translated = gettext(text) if isinstance(text, str) else str(text)
    assert translated != english, f"no Vietnamese for {english!r}"
    return translated


def snap(page: Any, name: str) -> None:
    shot(page, name)
    extra = os.environ.get("DANVAN_SHOTS_DIR")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(extra) / f"{name}.png"), full_page=True)


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen


def photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), (90, 60, 40)).save(out, "JPEG")
    return out.getvalue()


def world() -> dict[str, Any]:
    from danvan.cases.choices import Track
    from danvan.cases.models import RoutingRule
    from danvan.cases.services.intake import Petition, case_submit
    from danvan.org.demo import demo_seed
    from danvan.org.models import Organization

    reference_data_restore()  # an earlier live-server test may have flushed the database
    demo_seed(46)
    RoutingRule.objects.create(organization=Organization.objects.get(code=f"46-{PHU_XUAN}-ubnd"), unit=None, track="")

    def report(title: str, content: str) -> Any:
        return case_submit(actor=None, petition=Petition(
            content=content, title=title, track=Track.PAKN, place_text="phuong phu xuan, hue", name="Lê Thị Hoa",
            phone="0935333444", consent=True, consent_text="Tôi đồng ý.", publish=True, share_photos=True,
            files=[("anh.jpg", photo())],
        )).case  # fmt: skip

    noisy = report("Karaoke ồn ào đến nửa đêm", "Nhà ông Trần Văn Hùng trong kiệt 7 mở karaoke rất to đến nửa đêm.")
    lamp = report("Đèn đường tắt cả dãy", "Năm cột đèn đường trên đường Đinh Tiên Hoàng không sáng đã một tuần.")
    return {"noisy": noisy, "lamp": lamp}


@pytest.mark.parametrize("device", DEVICES)
def test_the_handler_takes_a_report_off_and_the_feed_no_longer_shows_it(reseeded_afterwards, live_server, request,
                                                                       device):  # fmt: skip
    from playwright.sync_api import expect

    from danvan.cases.choices import PublicHideReason
    from danvan.cases.services.intake import case_access_token

    data = world()
    noisy = data["noisy"]
    page = request.getfixturevalue(device)
    base = live_server.url
    page.goto(f"{base}/phan-anh-cong-khai/")
    expect(page.locator(".feed-card")).to_have_count(2)
    expect(page.locator("main")).to_contain_text("Karaoke ồn ào đến nửa đêm")

    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("xuly")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    page.goto(f"{base}/van-hanh/ho-so/{noisy.pk}/")
    public = page.locator("section.st-public")
    expect(public).to_contain_text(vi("shown"))
    step = page.locator("#step-hide_public")
    step.locator("summary").click()
    step.get_by_label(vi(PublicHideReason.PERSONAL_DATA.label)).check()
    step.get_by_label(vi("Note for staff")).fill(NOTE)
    fits(page, DEVICES[device])
    snap(page, f"cases-moderation-form-{device}")
    step.get_by_role("button", name=vi("Take off the public page")).click()

    expect(page.locator(".messages")).to_contain_text(
        vi("The report is no longer on the public page; its petitioner is told why.")
    )
    expect(public).to_contain_text(vi("taken off"))
    expect(public).to_contain_text(vi(PublicHideReason.PERSONAL_DATA.label))
    expect(page.locator(".st-timeline")).to_contain_text(NOTE)
    expect(page.locator("#step-show_public")).to_have_count(1)
    fits(page, DEVICES[device])
    snap(page, f"cases-moderation-staff-{device}")

    # The public feed: one card left, and the report's own page is not found.
    page.goto(f"{base}/phan-anh-cong-khai/")
    expect(page.locator(".feed-card")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Karaoke ồn ào đến nửa đêm")
    expect(page.locator("main")).to_contain_text("Đèn đường tắt cả dãy")
    fits(page, DEVICES[device])
    snap(page, f"cases-moderation-feed-{device}")
    assert page.goto(f"{base}/phan-anh-cong-khai/{noisy.tracking_code}/").status == 404

    # Its citizen, through the private link: told it is not public and why, never the staff note.
    citizen = page.context.browser.new_context(viewport={"width": DEVICES[device], "height": 800}, locale="vi-VN")
    try:
        own = citizen.new_page()
        own.goto(f"{base}/tra-cuu/{noisy.tracking_code}/?k={case_access_token(noisy)}")
        notice = own.locator(".feed-hidden")
        expect(notice).to_contain_text(vi(PublicHideReason.PERSONAL_DATA.label))
        expect(own.locator("main")).not_to_contain_text(NOTE)
        expect(own.get_by_role("link", name=vi("see it as others do"))).to_have_count(0)
        fits(own, DEVICES[device])
        snap(own, f"cases-moderation-citizen-{device}")
    finally:
        citizen.close()
    assert [e for e in page.console_errors if "404 (Not Found)" not in e] == []
