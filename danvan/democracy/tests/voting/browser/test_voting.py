"""Online voting in a real browser (Debian's chromium through Playwright, live server): the village head
asks the households for consent and opens the vote on a desktop; two households vote on a 360-px phone
with one-time codes read from the test SMS outbox and keep their receipts; the head closes the vote and
the result appears. Nothing may be wider than the phone; axe finds nothing serious on the voting page.

Screenshots go to var/screenshots/democracy-voting-*.png."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.accessibility import axe_violations, describe
from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("mat-khau-thu-nghiem")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _local(moment: dt.datetime) -> str:
    from danvan.core import clock

    return clock.local(moment).strftime("%Y-%m-%dT%H:%M")


def _vote(page: Any, base: str, round_id: int, household: Any, choice: str, label: str) -> str:
    from danvan.notifications.channels import get_sms_gateway

    page.context.clear_cookies()
    page.goto(f"{base}/dan-chu/bieu-quyet/{round_id}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    expect(page.locator("#vt-status")).to_have_attribute("data-status", "open")
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    page.fill("#id_household", household.code)
    page.fill("#id_phone", household.phone)
    page.click("#vt-ask")
    expect(page.locator("#vt-message")).to_be_visible()
    sms = [m for m in get_sms_gateway().outbox if m.phone.endswith(household.phone[-9:])]  # type: ignore[attr-defined]
    code = re.search(r"Dan Van So: (\d{6})", sms[-1].text).group(1)
    vote_form = page.locator("form[action$='/bo-phieu/']")
    expect(vote_form.locator("input[name=household]")).to_have_value(household.code)
    vote_form.locator("input[name=code]").fill(code)
    shot(page, f"democracy-voting-{label}-ready")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("#vt-yes" if choice == "yes" else "#vt-no")
    expect(page.locator("#vt-receipt")).to_be_visible()
    shot(page, f"democracy-voting-{label}-receipt")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    return page.locator("#vt-receipt").inner_text().strip()


def test_the_head_opens_two_households_vote_on_phones_and_the_result_appears(reseeded_afterwards: None,
                                                                            live_server: Any, phone: Any,
                                                                            desktop: Any) -> None:  # fmt: skip
    from danvan.core import clock
    from danvan.democracy.models import Household, Matter
    from danvan.democracy.tests.factories import make_democracy_world

    reference_data_restore()
    world = make_democracy_world()
    matter = Matter.objects.create(code="BQ-TT-1", commune=world.commune, organization=world.phuong,
                                   village=world.village2, scope="village", item=6,
                                   title="Thu gom rác chung lúc 18 giờ",
                                   content="Tổ dân phố 2 để rác trước cửa từ 17 giờ 30, thu gom chung lúc 18 giờ.",
                                   proposer="village_head", proposed_on=clock.today())  # fmt: skip
    households = list(Household.objects.filter(village=world.village2).order_by("code"))
    base = live_server.url
    now = clock.now()
    # The village head asks for consent, records four answers of six, and opens the vote (desktop).
    _login(desktop, base, "totruong2")
    desktop.goto(f"{base}/van-hanh/dan-chu/bieu-quyet/")
    desktop.select_option("#id_matter", str(matter.pk))
    desktop.fill("#id_opens_at", _local(now - dt.timedelta(minutes=5)))
    desktop.fill("#id_closes_at", _local(now + dt.timedelta(days=2)))
    desktop.click("#vt-open-consent")
    expect(desktop.locator("#vt-status")).to_have_attribute("data-status", "consent")
    for h in households[:4]:
        desktop.select_option("#id_household", str(h.pk))
        desktop.select_option("#id_agreed", "yes")
        desktop.click("#vt-record")
    shot(desktop, "democracy-voting-desktop-consent")
    desktop.fill("#id_opens_at", _local(now - dt.timedelta(minutes=1)))
    desktop.fill("#id_closes_at", _local(now + dt.timedelta(days=1)))
    desktop.click("#vt-open")
    expect(desktop.locator("#vt-status")).to_have_attribute("data-status", "open")
    round_id = int(re.search(r"/bieu-quyet/(\d+)/", desktop.url).group(1))
    # Two households vote on a phone, each with its one-time code.
    phone.goto(f"{base}/dan-chu/bieu-quyet/{round_id}/")
    violations = axe_violations(phone)
    assert violations == [], describe(violations)
    shot(phone, "democracy-voting-phone-page")
    first = _vote(phone, base, round_id, households[0], "yes", "phone-1")
    second = _vote(phone, base, round_id, households[1], "no", "phone-2")
    assert first != second
    # The first voter checks the public list for their receipt.
    phone.goto(f"{base}/dan-chu/bieu-quyet/{round_id}/kiem-tra/")
    phone.fill("#id_receipt", first)
    phone.click("#vt-check")
    expect(phone.locator("#vt-found")).to_have_attribute("data-found", "true")
    shot(phone, "democracy-voting-phone-check")
    # The head sees who voted (never what), closes and counts: 1 of 6 agree — not passed.
    desktop.reload()
    expect(desktop.locator("#vt-voters li")).to_have_count(2)
    desktop.click("#vt-close")
    expect(desktop.locator("#vt-result")).to_have_attribute("data-passed", "false")
    expect(desktop.locator("#vt-minutes")).to_contain_text("Mẫu 03")
    shot(desktop, "democracy-voting-desktop-closed")
    desktop.goto(f"{base}/dan-chu/bieu-quyet/{round_id}/ket-qua/")
    expect(desktop.locator("#vt-yes-count")).to_have_text("1/6")
    expect(desktop.locator("#vt-no-count")).to_have_text("1/6")
    shot(desktop, "democracy-voting-desktop-results")
    assert [e for e in phone.console_errors if "status of 400" not in e] == []
