"""The staff schedule pages in a real browser: a reception officer on a 360-px phone generates the
sessions of the ward, opens a past one and is refused when the deputy is named as having received
(R2026), then marks it held by the chair; the body page on a desktop. Screenshots go to
var/screenshots/reception-schedule-staff-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, user: Any) -> None:
    from danvan.org.demo import DEMO_PASSWORD

    user.set_password(DEMO_PASSWORD)
    user.save()
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_an_officer_keeps_the_schedule_on_a_phone(reseeded_afterwards, live_server, phone, desktop):
    from django.urls import reverse

    from danvan.core import clock
    from danvan.reception.models import ReceptionSession
    from danvan.reception.tests.factories import make_reception_world

    w = make_reception_world()
    page = phone
    _login(page, live_server.url, w.officer)
    page.goto(live_server.url + reverse("reception:schedule_staff_body", args=[w.phuong.pk]))
    today = clock.today()
    page.locator("#id_date_from").fill((today - dt.timedelta(days=35)).isoformat())
    page.locator("#id_date_to").fill((today + dt.timedelta(days=28)).isoformat())
    page.locator("form[action$='/tao-lich/'] button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 or page.locator(".table-wrap").count()
    shot(page, "reception-schedule-staff-body-phone")
    past = ReceptionSession.objects.filter(duty=w.duty, ends_at__lt=clock.now()).order_by("-starts_at").first()
    assert past is not None
    page.goto(live_server.url + reverse("reception:session_staff", args=[past.pk]))
    page.locator("#id_held_by").select_option(str(w.deputy.pk))
    page.locator("form[action$='/da-tiep/'] button[type=submit]").click()
    expect(page.locator("#id_held_by_error")).to_be_visible()
    shot(page, "reception-schedule-staff-deputy-refused-phone")
    page.locator("#id_held_by").select_option(str(w.chair.pk))
    page.locator("form[action$='/da-tiep/'] button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    past.refresh_from_db()
    assert past.status == "held" and past.held_by_id == w.chair.pk

    _login(desktop, live_server.url, w.chair)
    desktop.goto(live_server.url + reverse("reception:schedule_staff_body", args=[w.phuong.pk]))
    expect(desktop.locator("h1")).to_have_text(w.phuong.name)
    shot(desktop, "reception-schedule-staff-body-desktop")
    # The refused form answers 400 on purpose (the browser logs it); nothing else may reach the console.
    assert [e for e in page.console_errors if "status of 400" not in e] == [] and desktop.console_errors == []
