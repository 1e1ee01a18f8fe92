"""The map page in a real browser (Debian's chromium through Playwright, live server), on a 360-px phone
and a desktop: three planted groups of people, the chart with its bubbles and legend, the tables, the
search without diacritics; nothing wider than the phone, no console error (CSP), axe finds nothing
serious. Screenshots: var/screenshots/consultations-maps-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = [
    "Cần giữ vệ sinh an toàn thực phẩm ở chợ tạm",
    "Chợ tạm phải có chỗ để xe cho người mua",
    "Nên di dời chợ sau Tết để tiểu thương kịp bán hàng",
    "Nên giữ chợ ở chỗ cũ và xây lại từng phần",
    "Miễn phí thuê sạp 12 tháng thay vì 6 tháng",
    "Ưu tiên sạp gần cổng cho người bán lâu năm",
    "Bốc thăm vị trí sạp công khai trước Nhân dân",
    "Hỗ trợ vận chuyển hàng hóa bằng xe của phường",
]


def _seed() -> str:
    from danvan.consultations.models import Vote
    from danvan.consultations.opinion_map_synthetic import planted
    from danvan.consultations.services import maps as services
    from danvan.consultations.tests.factories import consultation, participant, statement
    from danvan.democracy.tests.factories import make_democracy_world

    world = make_democracy_world()
    c = consultation(world, code="di-doi-cho-thu", title="Phương án di dời chợ Phú Xuân")
    sample = planted((45, 30, 15), statements=24, seed=3)
    sections = ["", "dieu-1", "dieu-2", "dieu-3"]
    rows = {}
    for i, name in enumerate(sample.statements):
        text = TEXTS[i] if i < len(TEXTS) else f"Ý kiến số {i + 1} về phương án di dời chợ"
        rows[name] = statement(c, text, section_key=sections[i % 4])
    people = {voter: participant(c) for voter in sample.truth}
    Vote.objects.bulk_create(
        [Vote(participant=people[v], statement=rows[s], value=value) for v, s, value in sample.votes]
    )
    services.recompute(c)
    return c.code


def _check(page: Any, base: str, code: str, label: str, width: int) -> None:
    page.goto(f"{base}/gop-y/{code}/ban-do-y-kien/")
    assert page.locator("html").get_attribute("lang") == "vi"
    expect(page.locator("#om-state")).to_have_attribute("data-state", "ready")
    expect(page.locator("svg.om-chart text.om-label")).to_have_count(3)
    expect(page.locator("svg.om-chart text.om-label").first).to_contain_text("Nhóm A · ")
    expect(page.locator("#om-consensus")).to_be_visible()
    expect(page.locator("#om-sections tbody tr")).to_have_count(4)
    shot(page, f"consultations-maps-{label}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, f"the map page ({label})")
    page.fill("#om-q", "boc tham")
    page.locator("form.om-search button").click()
    expect(page.locator("#om-statements tbody tr")).to_have_count(1)
    expect(page.locator("#om-statements tbody")).to_contain_text("Bốc thăm vị trí sạp")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.console_errors == []


def _staff(page: Any, base: str, code: str) -> None:
    """The ward's handler opens the map's staff page and recomputes the map now."""
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("congchuc")
    page.locator("#id_password").fill("mat-khau-thu-nghiem")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    page.goto(f"{base}/van-hanh/gop-y/dot/{code}/ban-do-y-kien/")
    expect(page.locator("#om-history tbody tr")).to_have_count(1)
    page.locator("#om-recompute").click()
    expect(page.locator("#om-history tbody tr")).to_have_count(2)
    expect(page.locator("main")).to_contain_text("Đã tính lại bản đồ ý kiến từ 1440 lượt biểu quyết: 3 nhóm.")
    shot(page, "consultations-maps-staff")
    assert page.console_errors == []


def test_the_map_page_on_a_phone_and_a_desktop(reseeded_afterwards: None, live_server: Any, phone: Any,
                                               desktop: Any) -> None:  # fmt: skip
    reference_data_restore()
    code = _seed()
    _check(phone, live_server.url, code, "phone", 360)
    _check(desktop, live_server.url, code, "desktop", 1280)
    _staff(desktop, live_server.url, code)
