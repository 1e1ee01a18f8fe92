"""The report of receipt and handling in a real browser, on the demo's cases, at 360 px and on a desktop:
the answered, decided and closed columns apart, each defined under the table, the stages adding up
to the received. Screenshots: var/screenshots/cases-report*.png."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)


def login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_the_report_tells_answered_decided_and_closed_apart(reseeded_afterwards, live_server, desktop, phone):
    from playwright.sync_api import expect

    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.cases.demo_report import demo_report_stages_seed
    from danvan.org.demo import demo_seed

    reference_data_restore()
    demo_seed(46)
    demo_cases_seed(46)
    demo_answered_cases_seed()
    first = [c.pk for c in demo_report_stages_seed()]
    assert [c.pk for c in demo_report_stages_seed()] == first  # the demo's seeding is idempotent
    base = live_server.url
    for page, width, suffix in ((desktop, 1280, ""), (phone, 360, "-phone")):
        login(page, base, "chutich")
        page.goto(base + "/van-hanh/bao-cao/")
        headers = page.locator("table.st-report thead th").all_inner_texts()
        assert headers[5:] == ["Đang giải quyết", "Đã trả lời", "Đã có quyết định, kết luận", "Đã đóng hồ sơ",
                               "Kết thúc cách khác", "Đang giải quyết, quá hạn"]  # fmt: skip
        terms = page.locator("dl.st-report-terms dt").all_inner_texts()  # bold terms, one per column
        assert terms == headers[5:]  # every column defined under the table
        total = [int(t) for t in page.locator("table.st-report tfoot td").all_inner_texts()]
        received, stages = total[0], total[4:9]
        assert received > 0 and sum(stages) == received
        assert total[5] >= 1 and total[6] == 1 and total[7] == 1  # the demo answered, decided and closed
        expect(page.locator(".table-wrap")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # the table scrolls, not the page
        shot(page, f"cases-report{suffix}")
        assert page.console_errors == []
        menu_open(page)  # at 360 px the sign-out is in the folded menu (ui/_main_nav.html)
        page.locator("header form[action='/dang-xuat/'] button").click()
        page.wait_for_load_state()
