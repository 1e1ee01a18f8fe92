"""The commune's public page and the staff household list in a real browser, at 360 px and on a desktop:
nothing wider than the screen, no personal data on the public page, axe finds nothing serious there.

Screenshots: var/screenshots/democracy-villages-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
DEVICES = {"phone": 360, "desktop": 1280}


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


@pytest.mark.parametrize("device", DEVICES)
def test_the_public_commune_page_and_the_staff_household_list(reseeded_afterwards, live_server, request, device):
    from playwright.sync_api import expect

    from danvan.democracy.models import Household
    from danvan.democracy.tests.factories import make_democracy_world

    reference_data_restore()
    world = make_democracy_world()
    page = request.getfixturevalue(device)
    base = live_server.url

    page.goto(base + "/dan-chu/?q=phu xuan")
    link = page.get_by_role("link", name=world.commune.name)
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("h1")).to_have_text(world.commune.name)
    expect(page.locator("table.dc-villages tbody tr")).to_have_count(2)
    expect(page.locator("table.dc-villages tbody tr").first).to_contain_text("9")
    html = page.content()
    for h in Household.objects.filter(village__commune=world.commune):
        assert h.representative_name not in html and h.phone not in html
    fits(page, DEVICES[device])
    shot(page, f"democracy-villages-commune-{device}")
    assert_accessible(page, "the commune's public page")

    login(page, base, "totruong1")
    page.goto(base + "/van-hanh/dan-chu/thon/")
    expect(page.locator("main table tbody tr")).to_have_count(1)  # the village head: his group only
    page.get_by_role("link", name="Tổ dân phố 1").click()
    expect(page.locator("table.dc-households tbody tr")).to_have_count(9)
    first = world.village.households.order_by("code").first()
    expect(page.locator("table.dc-households")).to_contain_text(first.phone)
    fits(page, DEVICES[device])
    shot(page, f"democracy-villages-households-{device}")
    assert_accessible(page, "the household list")
