"""In a real browser, at 360 px and at a desk: whoever holds the years' model permission (a national rule
table: the superuser quantri, not a province's dân vận officer) sets up next year's
commitment settings (the form filled from the latest year), a limit of 3 is refused naming Chỉ thị 05, a
limit of 1 is saved. Screenshots: var/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories


@pytest.mark.parametrize("device", list(DEVICES))
def test_the_rule_keeper_sets_up_next_year(live_server: Any, browser: Any, device: str,
                                                reseeded_afterwards: None) -> None:  # fmt: skip
    from danvan.emulation.models import CommitmentYear
    from danvan.emulation.tests.commitments.factories import world
    from danvan.emulation.tests.national import rule_keeper

    reference_data_restore()
    world()
    rule_keeper()
    latest = CommitmentYear.objects.order_by("-year").first()
    assert latest is not None
    year = latest.year + 1
    width, base = DEVICES[device], live_server.url
    page = new_page(browser, width, 800)
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("quantri")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)

    page.goto(base + "/van-hanh/thi-dua/cam-ket/nam/")
    expect(page.locator(f"#year-{latest.year}")).to_be_visible()
    details = page.locator("#new-year")
    details.locator("summary").click()
    expect(page.locator("#id_year")).to_have_value(str(year))
    page.locator("#id_max_per_person").fill("3")
    page.locator("#id_source").fill("Quyết định của Ban Thường vụ Tỉnh ủy")
    page.locator("#new-year button[type=submit]").click()
    expect(page.locator("#new-year .error[role=alert]")).to_contain_text("Chỉ thị 05")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"5-years-refused-{device}")
    page.console_errors.clear()  # the expected 400 of that refusal
    page.locator("#id_max_per_person").fill("1")
    page.locator("#new-year button[type=submit]").click()
    expect(page.locator(f"#year-{year}")).to_contain_text("Quyết định của Ban Thường vụ Tỉnh ủy")
    assert CommitmentYear.objects.get(year=year).max_per_person == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"6-years-saved-{device}")
    assert not page.console_errors
    page.context.close()
