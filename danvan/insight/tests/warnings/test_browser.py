"""A dân vận officer opens the early warnings in a real browser (Debian's chromium through Playwright, live
server), on a 360-px phone and on a desktop: the list, the surge the daily run raised (its figures and the
chart of its series), and one of the cases behind it.

Then the hotspots and the week's digest. Screenshots go to var/screenshots/insight-warnings-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.browser import fits, login, shot
from danvan.insight.tests.warnings.browser_world import surge_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "DanVan@2026-canh-bao"


def vi(text: str) -> str:
    from django.utils.translation import gettext, override

    with override("vi"):
        return gettext(text)


def world() -> Any:
    return surge_world(PASSWORD, other_topic=True)[1]


@pytest.mark.parametrize("device", DEVICES)
def test_a_dan_van_officer_opens_an_alert_and_its_cases(reseeded_afterwards, live_server, request, device):
    from playwright.sync_api import expect

    from danvan.insight.models import Alert

    surge = world()
    alert = Alert.objects.get()
    page = request.getfixturevalue(device)
    base = live_server.url
    login(page, base, "danvan", PASSWORD)

    page.goto(base + "/dan-y/canh-bao/")
    row = page.locator(f'#alerts tr[data-id="{alert.pk}"]')
    expect(row).to_contain_text(alert.title)
    fits(page, DEVICES[device])
    shot(page, f"insight-warnings-list-{device}")

    row.get_by_role("link").click()
    page.wait_for_url(f"**/dan-y/canh-bao/{alert.pk}/")
    expect(page.locator("h1")).to_have_text(alert.title)
    expect(page.locator("dl.facts")).to_contain_text(vi("Expected from its own history"))
    expect(page.locator("svg.chart")).to_have_count(1)
    expect(page.locator("#alert-cases tbody tr")).to_have_count(len(surge))
    fits(page, DEVICES[device])
    shot(page, f"insight-warnings-alert-{device}")

    newest = page.locator("#alert-cases tbody tr").first
    code = newest.get_by_role("link").inner_text()
    newest.get_by_role("link").click()
    page.wait_for_url("**/ho-so/*/")
    expect(page.locator("main")).to_contain_text(code)
    shot(page, f"insight-warnings-case-{device}")

    # the hotspots and the week's digest, where the same cases are counted
    page.goto(base + "/dan-y/diem-nong/")
    expect(page.locator("#hotspots tbody tr").first).to_contain_text("9")
    fits(page, DEVICES[device])
    shot(page, f"insight-warnings-hotspots-{device}")
    page.goto(base + "/dan-y/tinh-hinh/?tuan=" + surge[0].received_on.isoformat())
    expect(page.locator("#digest-alerts")).to_contain_text(alert.title)
    fits(page, DEVICES[device])
    shot(page, f"insight-warnings-digest-{device}")
    assert page.console_errors == []


@pytest.mark.parametrize("device", DEVICES)
def test_the_digest_prints_its_tables(reseeded_afterwards, live_server, request, device):
    """The printable digest (NĐ 30 layout): its header, the week's figures, the tables by topic, growing and by
    commune, the week's alert and the charts; on a phone it fits 360 px; printed, nothing of the site's
    navigation is on the page (the print page has none) and the tables keep their rows."""
    from playwright.sync_api import expect

    from danvan.insight.models import Alert

    surge = world()
    alert = Alert.objects.get()
    page = request.getfixturevalue(device)
    base = live_server.url
    login(page, base, "danvan", PASSWORD)

    page.goto(base + "/dan-y/tinh-hinh/?tuan=" + surge[0].received_on.isoformat())
    page.locator("#digest-print").click()
    page.wait_for_url("**/dan-y/tinh-hinh/in/*")
    expect(page.locator("h1.nd30-type")).to_have_text("BÁO CÁO TÌNH HÌNH DƯ LUẬN")
    monday = surge[0].received_on - dt.timedelta(days=surge[0].received_on.weekday())
    this_week = str(sum(1 for c in surge if c.received_on >= monday))  # of the surge: its cases since Monday
    expect(page.locator("#digest-topics tbody tr")).to_have_count(2)  # environment and roads
    expect(page.locator("#digest-topics tbody tr").first.locator("td").nth(1)).to_have_text(this_week)
    expect(page.locator("#digest-places tbody tr")).to_have_count(1)  # Phú Xuân
    expect(page.locator("#digest-growing tbody tr").first.locator("td").nth(2)).to_have_text(this_week)
    expect(page.locator("#digest-alerts")).to_contain_text(alert.title)
    expect(page.locator("#digest-alerts a")).to_have_count(0)  # on paper: titles, not links
    expect(page.locator("svg.chart")).to_have_count(2)
    expect(page.locator("nav, .site-header, .site-footer")).to_have_count(0)
    fits(page, DEVICES[device])
    shot(page, f"insight-digest-print-{device}")
    page.emulate_media(media="print")
    expect(page.locator("#digest-places tbody tr")).to_be_visible()
    fits(page, DEVICES[device])
    shot(page, f"insight-digest-print-paper-{device}")
    assert page.console_errors == []
