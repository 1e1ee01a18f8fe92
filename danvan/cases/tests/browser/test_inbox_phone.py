"""Officers land on their work, on a phone and at a desk (issue 14, item 8): the handler signs in and lands
on the inbox, overdue first; at 360 px every case is a card whose legal deadline is on screen without
scrolling sideways, and the menu fits. Screenshots in var/screenshots/inbox-*.png (and the review folder)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"
PHU_XUAN = 19753


def _world() -> list[str]:
    """Four cases of the demo ward, in the order the inbox must list them."""
    from danvan.cases.models import Case, RoutingRule
    from danvan.cases.services.intake import Petition, case_submit
    from danvan.core import clock
    from danvan.org.demo import demo_seed
    from danvan.org.models import Organization

    reference_data_restore()
    demo_seed(46)
    RoutingRule.objects.create(organization=Organization.objects.get(code=f"46-{PHU_XUAN}-ubnd"), unit=None, track="")
    today = clock.today()
    codes = {}
    for title, status, due_in in (
        ("Đèn đường hỏng trên đường Kim Long, ba cột không sáng", "registered", 8),
        ("Đã trả lời: cây đổ chắn lối đi", "answered", -20),
        ("Rác thải ùn ứ sau chợ Đông Ba nhiều ngày", "received", -4),
        ("Ngập nước kiệt 12 Phú Xuân mỗi khi mưa lớn", "received", 1),
    ):
        case = case_submit(actor=None, petition=Petition(
            content=title + ", đề nghị xử lý.", title=title, track="pakn", place_text="phuong phu xuan, hue",
            name="Trần Thị Bình", phone="0905123456", consent=True, consent_text="Tôi đồng ý.")).case  # fmt: skip
        Case.objects.filter(pk=case.pk).update(status=status, due_on=today + dt.timedelta(days=due_in),
                                               warn_on=today + dt.timedelta(days=due_in - 2))  # fmt: skip
        codes[status, due_in] = case.tracking_code
    return [codes["received", -4], codes["received", 1], codes["registered", 8], codes["answered", -20]]


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_the_handler_lands_on_the_inbox_due_first_at_a_desk_and_on_a_phone(
    reseeded_afterwards, live_server, desktop, phone
):
    from playwright.sync_api import expect

    order = _world()
    base = live_server.url
    for page, name in ((desktop, "desktop"), (phone, "phone")):
        _sign_in(page, base, "xuly")
        page.wait_for_url(base + "/van-hanh/ho-so/")  # no `next`: the inbox
        codes = page.locator("table.st-cases tbody .st-code")
        expect(codes).to_have_count(4)
        assert codes.all_inner_texts() == order
        width = page.viewport_size["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        first_due = page.locator("table.st-cases tbody tr").first.locator(".st-due time")
        expect(first_due).to_be_visible()
        box = first_due.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width  # the due date on screen, no sideways scroll
        expect(page.locator("table.st-cases tbody tr").first.locator(".st-badge")).to_have_class("st-badge st-overdue")
        nav = page.locator("nav.main-nav")
        assert nav.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        shot(page, f"inbox-{name}")
        assert page.console_errors == []


def test_a_safe_next_wins_over_the_landing(reseeded_afterwards, live_server, phone):
    _world()
    base = live_server.url
    phone.goto(base + "/van-hanh/bao-cao/")  # not signed in: to the login page, with next
    phone.wait_for_url(lambda url: "/dang-nhap/" in url)
    phone.locator("#id_username").fill("xuly")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(base + "/van-hanh/bao-cao/")
