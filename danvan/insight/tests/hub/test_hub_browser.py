"""The insight hub in a real browser (Debian's chromium through Playwright, live server), on a 360-px phone and on
a desktop: a dân vận officer finds one entry "Nắm tình hình dư luận" in the menu, opens the hub, sees its five
parts with their figures, opens the early warnings, and the same entry is still the current one there.

Screenshots: var/screenshots/insight-hub-{menu,page,alerts}-{phone,desktop}.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import SHOTS, fits, login, menu_open, shot
from danvan.insight.tests.warnings.browser_world import surge_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "DanVan@2026-tinh-hinh"


def vi(text: str) -> str:
    from django.utils.translation import gettext, override

    with override("vi"):
        return gettext(text)


def world() -> Any:
    return surge_world(PASSWORD)[0]


@pytest.mark.parametrize("device", DEVICES)
def test_one_menu_entry_leads_to_the_hub_and_stays_current_on_its_parts(reseeded_afterwards, live_server, request,
                                                                       device):  # fmt: skip
    from playwright.sync_api import expect

    from danvan.core import clock
    from danvan.insight.selectors.digest import week_of

    world()
    page = request.getfixturevalue(device)
    base = live_server.url
    login(page, base, "danvan", PASSWORD)

    menu_open(page)
    work = page.locator("nav.main-nav .nav-group-work")
    entry = work.get_by_role("link", name=vi("Insight"))
    expect(entry).to_be_visible()
    for old in ("Early warnings", "Hotspots", "Public opinion this week", "What people say", "Worst-rated themes"):
        expect(work.get_by_role("link", name=vi(old), exact=True)).to_have_count(0)
    page.screenshot(path=str(SHOTS / f"insight-hub-menu-{device}.png"))  # the screen as it is, menu open
    entry.click()
    page.wait_for_url(f"{base}/dan-y/")

    expect(page.locator("h1")).to_have_text(vi("Insight"))
    cards = page.locator("#insight-parts > li")
    expect(cards).to_have_count(5)
    expect(cards.locator("h2")).to_have_text([vi("Early warnings"), vi("Public opinion this week"), vi("Hotspots"),
                                              vi("What people say"), vi("Worst-rated themes")])  # fmt: skip
    expect(page.locator('[data-part="alerts"] [data-figure]')).to_have_text("1")
    today = clock.today()
    this_week = sum(1 for back in (0, 0, 1, 1, 2, 3, 4, 5, 6) if today - dt.timedelta(days=back) >= week_of(today))
    expect(page.locator('[data-part="digest"] [data-figure]')).to_have_text(str(this_week))
    expect(page.locator('[data-part="topics"] [data-figure]')).to_have_count(0)  # no topics run yet
    fits(page, DEVICES[device])
    assert_accessible(page, f"the insight hub ({device})")
    shot(page, f"insight-hub-page-{device}")

    page.locator('[data-part="alerts"] h2 a').click()
    page.wait_for_url(f"{base}/dan-y/canh-bao/")
    expect(page.locator("#alerts tbody tr")).to_have_count(1)
    menu_open(page)
    current = page.locator('nav.main-nav a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text(vi("Insight"))
    fits(page, DEVICES[device])
    shot(page, f"insight-hub-alerts-{device}")
    assert page.console_errors == []
