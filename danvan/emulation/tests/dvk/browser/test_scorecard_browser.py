"""In a real browser, at 360 px and at a desk: whoever holds the scorecard's model permission (a national rule
table: the superuser quantri, not a province's Ban Dân vận) makes a new version of the scorecard,
is refused weights that do not add up to 100 (the rule's message beside the form, nothing stored), corrects
them, saves the draft and puts it in force from today; the version is then shown frozen.
Screenshots: var/screenshots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories


@pytest.mark.parametrize("device", list(DEVICES))
def test_a_new_scorecard_version_is_edited_and_put_in_force(live_server: Any, browser: Any, device: str,
                                                            reseeded_afterwards: None) -> None:  # fmt: skip
    from danvan.emulation.models import DvkScorecard
    from danvan.emulation.tests.dvk.factories import make_world
    from danvan.emulation.tests.national import rule_keeper

    reference_data_restore()
    make_world()
    rule_keeper()
    width, base = DEVICES[device], live_server.url
    page = new_page(browser, width, 800)
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("quantri")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)

    page.goto(base + "/van-hanh/thi-dua/bang-diem/")
    page.locator("form[action$='/phien-ban-moi/'] button[type=submit]").first.click()
    expect(page.locator("#scorecard-form")).to_be_visible()
    draft = DvkScorecard.objects.get(draft=True)
    # Weights summing to 95: refused with the rule's message, nothing stored.
    page.locator("#id_tieu-chi-0-weight").fill("25")
    page.locator("#id_pass_score").fill("75")
    page.locator("#save-scorecard").click()
    expect(page.locator("#scorecard-form p.error[role=alert]").first).to_contain_text("100")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"dvksteps-scorecard-refused-{device}")
    assert DvkScorecard.objects.get(pk=draft.pk).pass_score == Decimal(70)
    # Corrected: 25 + 20 + 15 + 25 + 15 = 100.
    page.locator("#id_tieu-chi-0-weight").fill("25")
    page.locator("#id_tieu-chi-4-weight").fill("15")
    page.locator("#save-scorecard").click()
    expect(page.locator("#scorecard-form")).to_be_visible()
    expect(page.locator("#id_tieu-chi-4-weight")).to_have_value("15.00")
    shot(page, f"dvksteps-scorecard-draft-{device}")
    page.locator("#id_valid_from").fill(dt.date.today().isoformat())  # noqa: DTZ011 (the live server's real clock)
    page.locator("#put-in-force").click()
    expect(page.locator("#scorecard-form")).to_have_count(0)
    expect(page.locator("main .tag-ok").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"dvksteps-scorecard-in-force-{device}")
    saved = DvkScorecard.objects.get(pk=draft.pk)
    assert (saved.draft, saved.pass_score) == (False, Decimal(75))
    assert sorted(saved.criteria.values_list("weight", flat=True)) == [15, 15, 20, 25, 25]
    # The refused save answered 400 (the form shown again with its error); nothing else went wrong.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
    page.context.close()
