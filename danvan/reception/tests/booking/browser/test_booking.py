"""A citizen books a slot in a real browser (Debian's chromium through Playwright, live server), on a
360-px phone and on a desktop: the form, the confirmation code, the look-up with code and phone, the
cancellation. Nothing may be wider than the phone, and no error may reach the console.

Screenshots go to var/screenshots/reception-booking-*.png. Elements are found by id and name, so the
test holds whatever the state of the translation catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_overflow(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def a_session() -> Any:
    from danvan.core import clock
    from danvan.reception.tests.factories import make_reception_world, session

    world = make_reception_world()
    starts = (clock.now() + dt.timedelta(days=3)).replace(hour=7, minute=30, second=0, microsecond=0)
    return session(world.point, world.chair, starts, capacity=1)


def journey(page: Any, base: str, session_id: int, *, name: str, phone: str, width: int, label: str) -> str:
    page.goto(f"{base}/lich-tiep-cong-dan/buoi/{session_id}/dang-ky/")
    assert page.locator("html").get_attribute("lang") == "vi"
    # First a mistake: the phone is marked, nothing is stored.
    page.fill("input[name=name]", name)
    page.fill("input[name=phone]", "12")
    page.fill("input[name=id_number]", "046 090 001 234")
    page.fill("textarea[name=subject]", "Đường kiệt 52 Nguyễn Huệ ngập nước mỗi khi mưa lớn.")
    page.click("#bk-submit")
    expect(page.locator("#id_phone_error")).to_be_visible()
    shot(page, f"reception-booking-{label}-error")
    no_overflow(page, width)
    page.fill("input[name=phone]", phone)
    page.click("#bk-submit")
    expect(page.locator("#bk-code")).to_be_visible()
    code = page.locator("#bk-code").inner_text().strip()
    assert code.startswith("LH-")
    shot(page, f"reception-booking-{label}-confirmed")
    no_overflow(page, width)
    # Another day, another browser tab: the look-up with code and phone.
    page.context.clear_cookies()
    page.goto(f"{base}/lich-tiep-cong-dan/tra-cuu-dat-lich/")
    page.fill("input[name=code]", code.lower().replace("-", " "))
    page.fill("input[name=phone]", phone.replace(" ", ""))
    shot(page, f"reception-booking-{label}-lookup")
    page.click("#bk-lookup")
    expect(page.locator("#bk-code")).to_have_text(code)
    page.click("#bk-cancel")
    expect(page.locator("#bk-status")).to_have_attribute("data-status", "cancelled")
    expect(page.locator("#bk-cancel")).to_have_count(0)
    shot(page, f"reception-booking-{label}-cancelled")
    no_overflow(page, width)
    # The form sent back with a mistake answers 400, which chromium logs; nothing else may.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
    return code


def test_a_citizen_books_looks_up_and_cancels_on_a_phone_and_a_desktop(reseeded_afterwards, live_server, phone,
                                                                       desktop) -> None:  # fmt: skip
    from danvan.reception.models import Booking

    reference_data_restore()
    s = a_session()
    first = journey(phone, live_server.url, s.pk, name="Nguyễn Thị Lan", phone="0912 345 678", width=360, label="phone")
    second = journey(desktop, live_server.url, s.pk, name="Trần Văn Hải", phone="0913 222 333", width=1280,
                     label="desktop")  # fmt: skip
    assert first != second
    assert sorted(Booking.objects.values_list("status", flat=True)) == ["cancelled", "cancelled"]
