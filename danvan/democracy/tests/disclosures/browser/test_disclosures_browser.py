"""Disclosures in a real browser: the demo ward's officer (xuly, a handler of its People's Committee)
records a disclosure, is refused a posting shorter than 30 days, adds a running posting and publishes
it; the commune's public page lists it and passes axe; at 360 px and at desktop width. Screenshots go to
var/screenshots/disclosures-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)


def _world() -> Any:
    from danvan.democracy.demo_disclosures import _first_commune
    from danvan.org.demo import demo_seed

    reference_data_restore()
    demo_seed(46)
    return _first_commune()


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _check_fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_an_officer_records_a_disclosure_and_the_public_page_lists_it(reseeded_afterwards, live_server, request,
                                                                      screen):  # fmt: skip
    from playwright.sync_api import expect

    from danvan.core import clock
    from danvan.core.testing.accessibility import axe_violations
    from danvan.democracy.models import Disclosure, DisclosureChannel

    commune = _world()
    page, base = request.getfixturevalue(screen), live_server.url
    title = f"Dự toán ngân sách ({screen})"
    today = clock.today()
    decided = today - dt.timedelta(days=3)
    _login(page, base, "xuly")
    page.goto(base + "/van-hanh/dan-chu/cong-khai/moi/")
    page.locator("#id_item").select_option("2")
    page.locator("#id_title").fill(title)
    page.locator("#id_document_ref").fill("45/QĐ-UBND")
    page.locator("#id_decided_on").fill(decided.isoformat())
    if screen == "phone":
        _check_fits(page, 360)
    shot(page, f"disclosures-new-{screen}")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()
    expect(page.locator("h1")).to_contain_text(title)
    row = Disclosure.objects.get(title=title)

    # A posting of 10 days is refused with the earliest lawful end; nothing is stored.
    page.locator("#id_channel").select_option("posting")
    page.locator("#id_place").fill("Trụ sở UBND")
    page.locator("#id_starts_on").fill(decided.isoformat())
    page.locator("#id_ends_on").fill((decided + dt.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Thêm hình thức").click()
    expect(page.locator("#id_ends_on_error")).to_contain_text("Điều 13")
    assert not DisclosureChannel.objects.filter(disclosure=row).exists()
    shot(page, f"disclosures-refused-{screen}")

    page.locator("#id_ends_on").fill("")
    page.get_by_role("button", name="Thêm hình thức").click()
    expect(page.locator("#kenh")).to_be_visible()
    page.get_by_role("button", name="Ghi nhận đã công khai").click()
    expect(page.locator("main")).to_contain_text("Đủ hình thức")
    if screen == "phone":
        _check_fits(page, 360)
    shot(page, f"disclosures-detail-{screen}")

    page.goto(f"{base}/dan-chu/{commune.code}/cong-khai/")
    expect(page.locator("#dang-cong-khai")).to_be_visible()
    expect(page.locator("main")).to_contain_text(title)
    if screen == "phone":
        _check_fits(page, 360)
    shot(page, f"disclosures-public-{screen}")
    assert axe_violations(page) == []
    page.get_by_role("link", name=title).first.click()
    expect(page.locator("h1")).to_contain_text(title)
    shot(page, f"disclosures-public-detail-{screen}")
    assert [e for e in page.console_errors if "status of 400" not in e] == []
