"""A resident votes on a phone, one statement at a time (Debian's chromium through Playwright, live
server): three big buttons, the progress, the next card without a reload (vote.js), a statement added,
the end of the list; the same on a desktop; a comment on a section with its receipt. Nothing wider than the phone.

Screenshots go to var/screenshots/consultations-participation-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = [
    "Cần bảo đảm an toàn phòng cháy ở chợ tạm",
    "Chợ tạm nên đặt gần vị trí chợ cũ để giữ khách quen",
    "Đường Lê Lợi sẽ ùn tắc vào giờ cao điểm nếu đặt chợ tạm ở đó",
]


def _world() -> Any:
    from danvan.consultations.tests import factories as f
    from danvan.democracy.tests.factories import make_democracy_world

    d = make_democracy_world()
    c = f.consultation(d, code="di-doi-cho-thu")
    for text in TEXTS:
        f.statement(c, text)
    return c


def _vote_through(page: Any, base: str, label: str, width: int) -> None:
    page.goto(f"{base}/gop-y/di-doi-cho-thu/bieu-quyet/")
    assert page.locator("html").get_attribute("lang") == "vi"
    expect(page.locator("#pv-progress")).to_have_text("đã trả lời 0/3")
    expect(page.locator("#pv-statement")).to_have_text(TEXTS[0])
    shot(page, f"consultations-participation-{label}-first")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    url = page.url
    page.click("#pv-agree")
    expect(page.locator("#pv-progress")).to_have_text("đã trả lời 1/3")
    expect(page.locator("#pv-statement")).to_have_text(TEXTS[1])
    assert page.url == url  # no reload: the next card came from the same POST as JSON
    page.click("#pv-disagree")
    expect(page.locator("#pv-progress")).to_have_text("đã trả lời 2/3")
    shot(page, f"consultations-participation-{label}-second")
    page.click("#pv-pass")
    expect(page.locator("#pv-done")).to_be_visible()
    expect(page.locator("#pv-progress")).to_have_text("đã trả lời 3/3")
    shot(page, f"consultations-participation-{label}-done")


def test_a_resident_votes_one_statement_at_a_time_on_a_phone_and_a_desktop(
    live_server: Any, phone: Any, desktop: Any
) -> None:
    from danvan.consultations.models import Participant, Statement, Vote

    try:
        _world()
        _vote_through(desktop, live_server.url, "desktop", 1280)  # another person, first
        _vote_through(phone, live_server.url, "phone", 360)
        phone.fill("#id_text", "Cần bãi giữ xe cho người đi chợ")
        phone.select_option("#id_section", "dieu-2")
        phone.click("#pv-add")
        expect(phone.locator(".messages")).to_be_visible()
        expect(phone.locator("#pv-statement")).to_have_text("Cần bãi giữ xe cho người đi chợ")
        shot(phone, "consultations-participation-phone-added")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        phone.goto(f"{live_server.url}/gop-y/di-doi-cho-thu/gop-y/?section=dieu-3")
        expect(phone.locator("#id_section")).to_have_value("dieu-3")
        phone.fill("#id_text", "Đề nghị hỗ trợ miễn phí thuê sạp 12 tháng thay vì 6 tháng.")
        shot(phone, "consultations-participation-phone-comment")
        phone.click("#pv-send")
        expect(phone.locator("#pv-receipt")).to_be_visible()
        shot(phone, "consultations-participation-phone-comment-receipt")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        assert Participant.objects.count() == 2 and Vote.objects.count() == 6
        assert Statement.objects.filter(section_key="dieu-2").count() == 1
    finally:
        reference_data_restore()
