"""In a real browser, at 360 px and at a desk: the ward's head cancels next week's session with its reason
(the officers enrolled are told), which lets the officer present at the held session complete the course;
he issues the certificate, then revokes it (issued in error) with its reason; anyone checking the number
then reads "revoked on <day>", still with the holder's initials only. Screenshots: var/screenshots/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories
BASE = "/van-hanh/thi-dua/dao-tao/"


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def open_details(page: Any, selector: str) -> None:
    details = page.locator(selector)
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    expect(details.locator("form")).to_be_visible()


@pytest.mark.parametrize("device", list(DEVICES))
def test_a_session_is_cancelled_and_a_certificate_revoked_and_the_public_check_says_so(
    live_server: Any, browser: Any, device: str, reseeded_afterwards: None
) -> None:
    from danvan.core import clock
    from danvan.emulation.models import Enrolment, TrainingCertificate
    from danvan.emulation.services import training as services
    from danvan.emulation.tests.training.factories import course_with_sessions, training_world
    from danvan.notifications.selectors import notification_inbox

    reference_data_restore()
    w = training_world()
    today = clock.today()
    course = course_with_sessions(w, days=(today - dt.timedelta(days=7), today + dt.timedelta(days=7)))
    reception = services.enrolment_add(user=w.head, course=course, person=w.reception)
    services.enrolment_add(user=w.head, course=course, person=w.handler)
    held, _coming = course.sessions.order_by("held_on")
    services.attendance_record(user=w.head, session=held, present={reception.pk})

    width, base = DEVICES[device], live_server.url
    page = new_page(browser, width, 800)
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("chutich")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)

    page.goto(f"{base}{BASE}khoa/{course.pk}/")
    expect(page.locator(f"#enrolment-{reception.pk} button.certify")).to_have_count(0)  # the coming session is owed
    page.locator(".session-edit-link").last.click()
    expect(page.locator("#cancel-session")).to_be_visible()
    page.locator("#cancel-session").click()  # no reason: refused, nothing stored
    expect(page.locator("#id_cancel-reason_error")).to_be_visible()
    page.console_errors.clear()  # the expected 400 of that refusal
    page.locator("#id_cancel-reason").fill("Hội trường sửa chữa, dời sang quý sau")
    fits(page, width)
    shot(page, f"1-session-cancel-{device}")
    page.locator("#cancel-session").click()
    expect(page.locator(".session-cancelled")).to_contain_text("Hội trường sửa chữa")
    assert [n.template for n in notification_inbox(user=w.handler).page] == ["emulation.training_cancelled"]

    row = page.locator(f"#enrolment-{reception.pk}")
    expect(row.locator("button.certify")).to_be_visible()  # the cancelled session is no longer owed
    row.locator("button.certify").click()
    number = Enrolment.objects.get(pk=reception.pk).certificate.number
    expect(row.locator("a.st-code")).to_have_text(number)
    fits(page, width)
    shot(page, f"2-course-after-cancel-{device}")

    row.locator("a.st-code").click()
    open_details(page, "#revoke")
    page.locator("#id_revoke-reason").fill("Cấp nhầm: học viên vắng buổi đầu, điểm danh ghi sai")
    page.locator("#revoke-button").click()
    expect(page.locator("#certificate-revoked")).to_contain_text(today.strftime("%d/%m/%Y"))
    assert TrainingCertificate.objects.get(number=number).revoked_on == today
    fits(page, width)
    shot(page, f"3-certificate-revoked-{device}")
    assert not page.console_errors
    page.context.close()

    public = new_page(browser, width, 800)  # anyone, not signed in
    public.goto(f"{base}/dao-tao/xac-minh-chung-chi/")
    public.locator("#id_so").fill(number)
    public.locator("main form button[type=submit]").click()
    expect(public.locator("#verify-revoked")).to_contain_text(today.strftime("%d/%m/%Y"))
    expect(public.locator("#verify-result")).to_contain_text("A. V. T.")
    expect(public.locator("main")).not_to_contain_text(w.reception.full_name)
    fits(public, width)
    shot(public, f"4-verify-revoked-{device}")
    public.context.close()
