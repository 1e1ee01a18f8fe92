"""In a real browser, at 360 px and at a desk: the ward's head (the organiser) creates a citizen-reception
course and a session held today, enrols two officers, records that one was present, issues his
certificate (the printable page), and the coverage page shows the ward's share (1 of 3 officers to be
trained); then anyone verifies the certificate's number and sees the holder's initials only. Screenshots: var/screenshots/emulation-training-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.accessibility import assert_accessible
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
def test_an_organiser_runs_a_course_and_sees_the_coverage(live_server: Any, browser: Any, device: str,
                                                           reseeded_afterwards: None) -> None:  # fmt: skip
    from danvan.core import clock
    from danvan.emulation.models import Course, Enrolment
    from danvan.emulation.tests.training.factories import training_world

    reference_data_restore()
    w = training_world()
    width, base = DEVICES[device], live_server.url
    page = new_page(browser, width, 800)
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("chutich")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)

    page.goto(base + BASE)
    open_details(page, "#new-course")
    page.locator("#id_organization").select_option(str(w.ward.pk))
    page.locator("#id_topic").select_option(str(w.reception_topic.pk))
    page.locator("#id_title").fill("Kỹ năng tiếp công dân 2026")
    fits(page, width)
    shot(page, f"emulation-training-1-new-{device}")
    page.locator("#create-course").click()
    expect(page.locator("h1")).to_have_text("Kỹ năng tiếp công dân 2026")
    assert Course.objects.get().organization == w.ward

    open_details(page, "#add-session")
    page.locator("#id_held_on").fill(clock.today().isoformat())
    page.locator("#id_place").fill("Hội trường UBND phường Phú Xuân, Huế")
    page.locator("#id_trainer").fill("Ban Tiếp công dân thành phố")
    page.locator("#id_capacity").fill("20")
    page.locator("#add-session-button").click()
    expect(page.locator(".tr-sessions")).to_contain_text("Hội trường UBND phường Phú Xuân")

    for person in (w.reception, w.handler):
        open_details(page, "#enrol")
        page.locator("#id_person").select_option(str(person.pk))
        page.locator("#enrol-button").click()
        expect(page.locator(".tr-officers")).to_contain_text(person.full_name)
    reception = Enrolment.objects.get(person=w.reception)

    page.locator(".attendance-link").first.click()
    expect(page.locator("#record-attendance")).to_be_visible()
    page.get_by_label(w.reception.full_name).check()
    fits(page, width)
    shot(page, f"emulation-training-2-attendance-{device}")
    page.locator("#record-attendance").click()
    row = page.locator(f"#enrolment-{reception.pk}")
    expect(row.locator("button.certify")).to_be_visible()
    row.locator("button.certify").click()
    number = Enrolment.objects.get(pk=reception.pk)
    expect(row.locator("a.st-code")).to_have_text(number.certificate.number)
    fits(page, width)
    shot(page, f"emulation-training-3-course-{device}")
    row.locator("a.st-code").click()
    expect(page.locator("#certificate-number")).to_have_text(number.certificate.number)
    expect(page.locator(".tr-holder")).to_have_text(w.reception.full_name)
    fits(page, width)
    shot(page, f"emulation-training-4-certificate-{device}")

    page.goto(f"{base}{BASE}do-phu/?body={w.ward.pk}&year={clock.today().year}")
    expect(page.locator("#coverage-total")).to_contain_text("33,3 %")  # Vietnamese number format
    expect(page.locator("#coverage-table")).to_contain_text("1 / 3")
    fits(page, width)
    shot(page, f"emulation-training-5-coverage-{device}")
    page.locator("#coverage-table a").first.click()
    expect(page.locator("#not-trained")).to_contain_text(w.clerk.full_name)
    expect(page.locator("#not-trained")).not_to_contain_text(w.reception.full_name)
    shot(page, f"emulation-training-6-not-trained-{device}")
    assert not page.console_errors
    page.context.close()

    public = new_page(browser, width, 800)  # anyone, not signed in, verifies the number: initials only
    public.goto(f"{base}/dao-tao/xac-minh-chung-chi/")
    public.locator("#id_so").fill(number.certificate.number.lower())
    public.locator("main form button[type=submit]").click()
    expect(public.locator("#verify-result")).to_contain_text("A. V. T.")
    expect(public.locator("main")).not_to_contain_text(w.reception.full_name)
    fits(public, width)
    assert_accessible(public, f"the certificate verification page ({device})")
    shot(public, f"emulation-training-7-verify-{device}")
    public.context.close()
