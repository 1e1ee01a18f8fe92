"""The staff satisfaction screens in a real browser (Debian's chromium through Playwright, live server),
on a desktop and a 360-px phone: the head's dashboard, the campaigns, keying in one paper form (and seeing
it counted), and clearing a flagged answer. Screenshots go to var/screenshots/satisfaction-*.png."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from danvan.core import clock
from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD = reverse("surveys:satisfaction_dashboard")
CAMPAIGNS = reverse("surveys:survey_campaigns")


def _login(page: Any, base: str, username: str) -> None:
    from danvan.org.demo import DEMO_PASSWORD

    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)  # officers land on their work (issue 14)


def _no_overflow(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_staff_satisfaction_screens_in_a_real_browser(reseeded_afterwards, live_server, desktop, phone):
    from playwright.sync_api import expect

    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.org.demo import demo_seed
    from danvan.surveys.demo import demo_surveys_seed
    from danvan.surveys.models import Response

    reference_data_restore()  # an earlier live-server test may have flushed the database
    demo_seed(46)
    demo_cases_seed(46)
    answered_cases = demo_answered_cases_seed()
    seeded = demo_surveys_seed(46, rated_case_ids=[c.pk for c in answered_cases[1:]])
    campaign = seeded.campaign
    assert campaign is not None
    base, year = live_server.url, clock.today().year

    # The dashboard -----------------------------------------------------------------------------------
    for page, width, suffix in ((desktop, 1280, ""), (phone, 360, "-phone")):
        _login(page, base, "chutich")
        menu_open(page)  # on a phone the menu is folded behind its button (ui/_main_nav.html)
        page.locator(f"nav a[href='{DASHBOARD}']").click()
        expect(page).to_have_url(base + DASHBOARD)
        shot(page, f"satisfaction-dashboard-case-rating{suffix}")
        page.goto(f"{base}{DASHBOARD}?template=sipas-2017&period={year}")
        expect(page.locator(".sv-big")).to_have_count(1)
        expect(page.locator("#comments-heading")).to_have_count(1)  # the head reads the comments
        expect(page.locator("select[name=period] option:checked")).to_have_attribute("value", str(year))
        shot(page, f"satisfaction-dashboard{suffix}")
        page.locator("table.sv-table a").first.click()
        expect(page.locator("#criteria")).to_be_visible()
        shot(page, f"satisfaction-dashboard-factor{suffix}")
        _no_overflow(page, width)
        assert page.console_errors == []
        menu_open(page)  # at 360 px the sign-out is in the folded menu (ui/_main_nav.html)
        page.locator("header form[action='/dang-xuat/'] button").click()
        page.wait_for_load_state()

    # Campaigns, paper entry, flags: the operator of the organizing body ---------------------------------
    flagged = Response.objects.filter(campaign=campaign).exclude(flag="").order_by("-answered_on", "-pk").first()
    assert flagged is not None  # the demo keeps one answer given too fast
    keyed_before = Response.objects.filter(campaign=campaign).exclude(paper_form_number="").count()
    for page, width, suffix in ((desktop, 1280, ""), (phone, 360, "-phone")):
        _login(page, base, "vanhanh")
        page.goto(base + CAMPAIGNS)
        expect(page.locator(f"a[href='{reverse('surveys:survey_paper_entry', args=[campaign.code])}']")).to_be_visible()
        shot(page, f"satisfaction-campaigns{suffix}")
        _no_overflow(page, width)
        assert page.console_errors == []

    # One paper form keyed in on the phone, and counted.
    phone.goto(base + reverse("surveys:survey_paper_entry", args=[campaign.code]))
    expect(phone.locator("#id_form_number")).to_be_focused()
    expect(phone.locator("p.muted").first).to_have_text(re.compile(rf"\b{keyed_before}\b"))
    phone.locator("#id_form_number").fill("PT-0001")
    organization = phone.locator("#id_organization")
    if organization.evaluate("el => el.value") == "":
        organization.select_option(index=1)
    for radio in phone.locator("main form input[type=radio][value='4']").all():  # every question: "satisfied"
        radio.check()
    shot(phone, "satisfaction-paper-entry-phone")
    phone.locator("main form button[type=submit]").last.click()
    expect(phone.locator(".messages, .message, [role=status]").first).to_contain_text("PT-0001")
    expect(phone.locator("p.muted").first).to_have_text(re.compile(rf"\b{keyed_before + 1}\b"))  # counted
    assert Response.objects.filter(campaign=campaign, paper_form_number="PT-0001").count() == 1
    shot(phone, "satisfaction-paper-entry-keyed-phone")
    _no_overflow(phone, 360)

    # The flagged answer reviewed on the desktop: it counts again and leaves the list.
    desktop.goto(base + reverse("surveys:survey_flags", args=[campaign.code]))
    row = desktop.locator(f"form:has(input[name=response][value='{flagged.pk}'])")
    expect(row).to_have_count(1)
    shot(desktop, "satisfaction-flags")
    row.locator("button[type=submit]").click()
    expect(desktop).to_have_url(re.compile(re.escape(reverse("surveys:survey_flags", args=[campaign.code])) + "$"))
    expect(desktop.locator(f"form:has(input[name=response][value='{flagged.pk}'])")).to_have_count(0)
    shot(desktop, "satisfaction-flags-cleared")
    flagged.refresh_from_db()
    assert flagged.flag == ""
    assert desktop.console_errors == [] and phone.console_errors == []
