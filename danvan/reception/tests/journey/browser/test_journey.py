"""The reception's whole journey in a real browser (Debian's chromium through Playwright, live server),
across the parts (issue 15):

1. a citizen finds the public schedule ("Lịch tiếp công dân") from the home page, picks a session of
   Phường Phú Xuân and books a slot without an account, and sees the booking code;
2. the reception officer (desktop) opens the session's bookings, registers the visit from that booking
   (the register's new-visit page with ``?booking=``) and, from the visit's page, creates its case — one
   PAKN, received at the reception, listed on the visit's page;
3. the chair issues a notice of conclusions for that visit with one task, and opens the printable notice;
4. the citizen, signed out, follows the notice with its code on the public page: the task and its
   status, and nothing personal.

The citizen's pages run on a 360-px phone and on a desktop (parametrized); the staff always at a desk.
Nothing may be wider than the screen, and axe finds no critical or serious violation on the public
schedule, the booking form and the follow page. Screenshots: var/screenshots/reception-journey-*.png.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories
NAME, PHONE, ID_NUMBER = "Nguyễn Thị Lan", "0912 345 678", "046 090 001 234"
SUBJECT = "Cống thoát nước kiệt 52 Nguyễn Huệ bị tắc, nước ngập vào nhà mỗi khi mưa lớn."
TASK = "Nạo vét cống thoát nước kiệt 52 Nguyễn Huệ"


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen


def world() -> tuple[Any, Any]:
    from danvan.cases.tests.factories import routed_to
    from danvan.core import clock
    from danvan.reception.tests.factories import make_reception_world, session

    reference_data_restore()  # an earlier live-server test may have flushed the database
    w = make_reception_world()
    routed_to(w.phuong)  # the ward receives its cases
    starts = (clock.now() + dt.timedelta(days=3)).replace(hour=7, minute=30, second=0, microsecond=0)
    return w, session(w.point, w.chair, starts, capacity=5)


def login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def book(page: Any, base: str, w: Any, device: str) -> str:
    """The citizen: home → the public schedule → the ward → a session → the form → the code."""
    width = DEVICES[device]
    page.goto(base + "/")
    fits(page, width)
    shot(page, f"reception-journey-1-home-{device}")
    page.locator("main a[href='/lich-tiep-cong-dan/']").click()  # the home page's reception card
    page.wait_for_url(base + "/lich-tiep-cong-dan/")
    expect(page.locator("h1")).to_have_text("Lịch tiếp công dân")
    fits(page, width)
    assert_accessible(page, f"the public schedule ({device})")
    shot(page, f"reception-journey-1-schedule-{device}")
    page.locator(".rc-body h2 a", has_text=w.phuong.name).click()
    page.wait_for_url(f"{base}/lich-tiep-cong-dan/co-quan/{w.phuong.pk}/")
    expect(page.locator(".rc-session")).to_have_count(1)
    fits(page, width)
    assert_accessible(page, f"the ward's schedule ({device})")
    shot(page, f"reception-journey-1-ward-{device}")
    page.locator(".rc-session a.button-secondary").click()
    expect(page.locator("#bk-submit")).to_be_visible()
    fits(page, width)
    assert_accessible(page, f"the booking form ({device})")
    shot(page, f"reception-journey-1-form-{device}")
    page.fill("input[name=name]", NAME)
    page.fill("input[name=phone]", PHONE)
    page.fill("input[name=id_number]", ID_NUMBER)
    page.fill("textarea[name=subject]", SUBJECT)
    page.click("#bk-submit")
    expect(page.locator("#bk-code")).to_be_visible()
    expect(page.locator("#bk-status")).to_have_attribute("data-status", "confirmed")
    fits(page, width)
    shot(page, f"reception-journey-1-booked-{device}")
    return page.locator("#bk-code").inner_text().strip()


def register_and_split(page: Any, base: str, session: Any, code: str) -> Any:
    """The reception officer: the session's bookings → the visit from the booking → its case."""
    from danvan.cases.models import Case
    from danvan.reception.models import Booking, Visit, VisitCase

    login(page, base, "tiepdan")
    page.goto(f"{base}/van-hanh/tiep-cong-dan/phien/{session.pk}/")
    page.locator(f"main a[href$='/buoi/{session.pk}/dat-lich/']").click()
    row = page.locator("table.bk-table tbody tr", has_text=code)
    expect(row).to_contain_text(NAME)
    shot(page, "reception-journey-2-bookings-desktop")
    row.locator("a[href*='/so/moi/?booking=']").click()
    expect(page.locator("#id_visitor_name")).to_have_value(NAME)
    expect(page.locator("#id_content")).to_have_value(SUBJECT)
    page.locator("#id_visitor_address").fill("52 Nguyễn Huệ, Phú Xuân, Huế")
    page.locator("input[name=handling][value=received]").check()
    page.locator("#id_visitors_signed").check()
    shot(page, "reception-journey-2-visit-new-desktop")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Lượt tiếp số")
    visit = Visit.objects.get()
    assert visit.booking.code == code and visit.session_id == session.pk
    assert Booking.objects.get(code=code).status == "attended"
    shot(page, "reception-journey-2-visit-desktop")

    page.locator(f"main a[href$='/so/{visit.pk}/vu-viec/']").click()
    page.locator("#id_p0-track").select_option("pakn")
    page.locator("#id_p0-content").fill(SUBJECT)
    page.locator("#id_p0-place_text").fill("phuong phu xuan, hue")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("ul.rv-cases li")).to_have_count(1)
    case = Case.objects.get()
    assert case.channel == "reception" and case.track == "pakn"
    assert VisitCase.objects.get().case_id == case.pk
    shot(page, "reception-journey-2-cases-desktop")
    page.goto(f"{base}/van-hanh/tiep-cong-dan/so/{visit.pk}/")
    expect(page.locator("#visit-cases li")).to_have_count(1)
    expect(page.locator("#visit-cases")).to_contain_text(case.tracking_code)
    shot(page, "reception-journey-2-visit-with-case-desktop")
    return visit


def conclude(page: Any, base: str, w: Any, visit: Any, due: dt.date) -> str:
    """The chair: from the visit's page, the notice with one task; then the printable notice."""
    from danvan.reception.models import ConclusionNotice

    login(page, base, "chutich")
    page.goto(f"{base}/van-hanh/tiep-cong-dan/so/{visit.pk}/")
    page.locator(f"main a[href$='?visit={visit.pk}']").click()
    page.locator("#id_summary").fill("Ngập nước kiệt 52 Nguyễn Huệ khi mưa lớn")
    page.locator("#id_body").fill(f"Bà {NAME} trình bày việc ngập nước. Giao bộ phận chuyên môn nạo vét cống.")
    page.locator("#id_signer_title").fill("CHỦ TỊCH")
    page.locator("#id_tasks-0-description").fill(TASK)
    page.locator("#id_tasks-0-owner_organization").select_option(str(w.phuong.pk))
    page.locator("#id_tasks-0-due_on").fill(due.isoformat())
    shot(page, "reception-journey-3-conclusion-new-desktop")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#follow-code")).to_be_visible()
    notice = ConclusionNotice.objects.get()
    assert notice.visit_id == visit.pk and notice.tasks.count() == 1
    shot(page, "reception-journey-3-conclusion-desktop")
    page.locator(f"main a[href$='/ket-luan/{notice.pk}/in/']").click()
    expect(page.locator(".nd30-motto-1")).to_have_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(page.locator("body")).to_contain_text(TASK)
    expect(page.locator("body")).to_contain_text(notice.follow_code)
    shot(page, "reception-journey-3-print-desktop")
    return notice.follow_code


def follow(page: Any, base: str, code: str, due: dt.date, device: str) -> None:
    """The citizen, signed out: the follow page, the task and its status, nothing personal."""
    width = DEVICES[device]
    page.context.clear_cookies()
    page.goto(base + "/theo-doi-ket-luan/")
    fits(page, width)
    assert_accessible(page, f"the follow page ({device})")
    shot(page, f"reception-journey-4-follow-form-{device}")
    page.locator("#id_code").fill(code.lower().replace("-", " "))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#tasks li")).to_have_count(1)
    expect(page.locator("#tasks")).to_contain_text(TASK)
    expect(page.locator("#tasks .tag")).to_have_text("Đang mở")  # open: nothing reported yet
    expect(page.locator("#tasks")).to_contain_text(due.strftime("%d/%m/%Y"))
    body = page.locator("body").inner_text()
    for personal in (NAME, PHONE, PHONE.replace(" ", ""), ID_NUMBER.replace(" ", ""), "52 Nguyễn Huệ, Phú Xuân",
                     "trình bày", "Trần Thị Hoa", "Phạm Thu Trang"):  # fmt: skip
        assert personal not in body, personal
    fits(page, width)
    assert_accessible(page, f"the followed notice ({device})")
    shot(page, f"reception-journey-4-follow-{device}")


@pytest.mark.parametrize("device", DEVICES)
def test_a_citizen_books_is_received_concluded_and_follows(reseeded_afterwards, live_server, browser, request,
                                                            device) -> None:  # fmt: skip
    from danvan.core import clock

    w, session = world()
    base = live_server.url
    citizen = request.getfixturevalue(device)
    code = book(citizen, base, w, device)

    staff = new_page(browser, 1280, 800)
    try:
        visit = register_and_split(staff, base, session, code)
        staff.context.clear_cookies()
        due = clock.today() + dt.timedelta(days=14)
        follow_code = conclude(staff, base, w, visit, due)
        follow(citizen, base, follow_code, due, device)
        assert staff.console_errors == []
    finally:
        staff.context.close()
    assert citizen.console_errors == []
