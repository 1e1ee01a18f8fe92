"""The public reception schedule in a real browser (Debian's chromium through Playwright, live server):
the index, a body's page and a point's page on a desktop and on a 360-px phone. Nothing may be wider
than the phone, no Content-Security-Policy violation may reach the console, and no person is named.

Screenshots go to var/screenshots/reception-schedule-*.png.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_overflow(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def world() -> Any:
    from danvan.core import clock
    from danvan.reception.services import schedule as services
    from danvan.reception.tests.factories import make_reception_world

    w = make_reception_world()
    today = clock.today()
    services.sessions_generate(actor=w.officer, date_from=today, date_to=today + dt.timedelta(days=60))
    upcoming = w.point.sessions.order_by("starts_at")
    first = upcoming.first()
    first.public_note = "Mời công dân mang theo căn cước và giấy tờ liên quan"
    first.save()
    services.session_cancel(actor=w.officer, session=upcoming[1], reason="Chủ tịch dự họp HĐND thành phố")
    return w


def test_the_public_schedule_on_a_desktop_and_a_phone(reseeded_afterwards, live_server, desktop, phone):
    w = world()
    page = desktop
    page.goto(live_server.url + "/lich-tiep-cong-dan/")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".rc-body")).to_have_count(1)
    shot(page, "reception-schedule-index-desktop")
    page.locator(".rc-body h2 a").click()
    page.wait_for_url(f"{live_server.url}/lich-tiep-cong-dan/co-quan/{w.phuong.pk}/")
    expect(page.locator(".rc-session").first).to_be_visible()
    expect(page.locator(".rc-cancelled")).to_have_count(1)
    shot(page, "reception-schedule-body-desktop")
    assert w.chair.full_name not in page.content() and w.officer.full_name not in page.content()

    phone.goto(live_server.url + "/lich-tiep-cong-dan/")
    no_overflow(phone, 360)
    shot(phone, "reception-schedule-index-phone")
    phone.goto(f"{live_server.url}/lich-tiep-cong-dan/diem/{w.point.pk}/")
    expect(phone.locator(".rc-session").first).to_be_visible()
    expect(phone.locator("a[href$='lich.ics']")).to_be_visible()
    no_overflow(phone, 360)
    shot(phone, "reception-schedule-point-phone")
    assert page.console_errors == [] and phone.console_errors == []
