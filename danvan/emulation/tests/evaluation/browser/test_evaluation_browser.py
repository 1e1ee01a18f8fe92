"""The year's evaluations and a unit's page in a real browser (live server), on a desktop and a 360-px
phone: the ranking with its charts, the drill-down link of a figure, and the committee confirming with
another grade and its reason, then changing it (a new version). Screenshots go to
var/screenshots/emulation-evaluation-*.png."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

import pytest

from danvan.core import clock
from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = "/van-hanh/thi-dua/danh-gia/"
PASSWORD = "mat-khau-thu-nghiem"  # org.tests.factories.UserFactory


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_the_evaluation_in_a_real_browser(reseeded_afterwards, live_server, desktop, phone):
    from playwright.sync_api import expect

    from danvan.emulation.models import UnitEvaluation
    from danvan.emulation.services import evaluation as services
    from danvan.emulation.tests.evaluation.factories import figures
    from danvan.org.choices import Role
    from danvan.org.tests.factories import KIM_LONG, hue_city, officer, ward_body

    reference_data_restore()  # an earlier live-server test may have flushed the database
    city = hue_city()
    ward, other = ward_body(city), ward_body(city, code=KIM_LONG)
    dan_van = officer("danvan_tp", Role.DAN_VAN_OFFICER, city, subtree=True)
    year = clock.today().year - 1
    values = {"cases_on_time": (96.0, 71.0), "satisfaction_index": (88.0, 62.0), "reception_sessions": (100.0, 50.0),
              "dialogue_commitments_kept": (90.0, 40.0), "disclosures_on_time": (100.0, 80.0),
              "staff_complaints_upheld": (0.0, 2.0)}  # fmt: skip
    with ExitStack() as stack:
        for key, (a, b) in values.items():
            stack.enter_context(figures({ward.pk: a, other.pk: b}, key=key))
        services.evaluation_run(user=dan_van, organizations=[ward, other], year=year)
        e = UnitEvaluation.objects.get(organization=ward, year=year)
        base = live_server.url
        steps = ((desktop, 1280, "", "tot", "Hội đồng hạ một mức: còn đơn thư tồn đọng."),
                 (phone, 360, "-phone", "hoan_thanh", "Xét lại theo kết luận thanh tra tháng 3."))  # fmt: skip
        for page, width, suffix, grade, reason in steps:
            _login(page, base, "danvan_tp")
            menu_open(page)  # one menu entry for the whole capability, then its card on the hub
            page.locator("nav a[href='/van-hanh/thi-dua/']").click()
            expect(page.locator(f"main a[href='{PAGE}']")).to_be_visible()
            shot(page, f"emulation-hub{suffix}")
            page.locator(f"main a[href='{PAGE}']").click()
            expect(page).to_have_url(f"{base}{PAGE}")
            page.goto(f"{base}{PAGE}?year={year}")
            expect(page.locator("#ranking-table tbody tr")).to_have_count(2)
            expect(page.locator("#ranking-table tbody tr").first).to_have_attribute("data-org", str(ward.pk))
            expect(page.locator("svg.chart")).to_have_count(2)
            shot(page, f"emulation-evaluation{suffix}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.locator(f"#ranking-table a[href$='/{e.pk}/'], #ranking-table a[href*='/danh-gia/']").first.click()
            expect(page.locator("#lines li")).to_have_count(14)
            expect(page.locator("#lines li[data-key='cases_on_time'] a.ev-source-link")).to_have_attribute("href",
                                                                                                        "/nguon/")  # fmt: skip
            expect(page.locator("#lines li[data-key='dialogues_held'] .ev-not-measured")).to_have_count(1)
            page.locator("#id_grade").select_option(grade)
            page.locator("#id_reason").fill(reason)
            page.locator("#confirm-form button[type=submit]").click()
            expect(page.locator("#reason")).to_contain_text(reason)
            expect(page.locator("#grade .ev-grade")).to_have_class(f"tag ev-grade ev-{grade}")
            shot(page, f"emulation-evaluation-unit{suffix}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.console_errors == []
            menu_open(page)
            page.locator("header form[action='/dang-xuat/'] button").click()
            page.wait_for_load_state()
    versions = list(UnitEvaluation.objects.filter(organization=ward).order_by("version").values_list("version", "status",
                                                                                                     "grade"))  # fmt: skip
    assert versions == [(1, "superseded", "tot"), (2, "confirmed", "hoan_thanh")]


def test_the_year_so_far_in_a_real_browser(reseeded_afterwards, live_server, desktop, phone):
    """The current year before its window opens (here a methodology opening on 31 December): each unit's
    figures to date, labelled provisional, without points or grade; then last year's ranking with the day
    its figures were read."""
    from playwright.sync_api import expect

    from danvan.emulation.models import EvaluationMethodology
    from danvan.emulation.services import evaluation as services
    from danvan.emulation.tests.evaluation.factories import figures
    from danvan.org.choices import Role
    from danvan.org.tests.factories import KIM_LONG, hue_city, officer, ward_body

    reference_data_restore()
    city = hue_city()
    ward, other = ward_body(city), ward_body(city, code=KIM_LONG)
    officer("danvan_tp", Role.DAN_VAN_OFFICER, city, subtree=True)
    dan_van = officer("danvan_px", Role.DAN_VAN_OFFICER, city, subtree=True)
    year = clock.today().year
    EvaluationMethodology.objects.update(opens_month=12, opens_day=31)
    with figures({ward.pk: 92.0, other.pk: 64.0}):
        services.evaluation_run(user=dan_van, organizations=[ward, other], year=year - 1)
        base = live_server.url
        for page, width, suffix in ((desktop, 1280, ""), (phone, 360, "-phone")):
            _login(page, base, "danvan_tp")
            page.goto(f"{base}{PAGE}?year={year}")
            expect(page.locator("#provisional-notice")).to_contain_text("31/12")
            expect(page.locator("#year-to-date details.ev-ytd")).to_have_count(3)
            page.locator(f"#year-to-date details[data-org='{ward.pk}'] summary").click()
            expect(page.locator(f"#year-to-date details[data-org='{ward.pk}'] li[data-key='cases_on_time'] .ev-value"))\
                .to_have_text("92")  # fmt: skip
            expect(page.locator("#year-to-date .ev-points")).to_have_count(0)
            # Upheld complaints about staff: never live (one could point at one official).
            expect(page.locator(f"#year-to-date details[data-org='{ward.pk}'] li[data-key='staff_complaints_upheld'] "
                                ".ev-yearly-only")).to_be_visible()  # fmt: skip
            expect(page.locator("#ranking-table")).to_have_count(0)
            shot(page, f"emulation-evaluation-year-so-far{suffix}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.goto(f"{base}{PAGE}?year={year - 1}")
            expect(page.locator("#ranking-table .ev-measured-on").first).to_contain_text(
                f"31/12/{year - 1}"  # a past year: its figures as of its last day
            )
            shot(page, f"emulation-evaluation-measured-on{suffix}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.console_errors == []
            menu_open(page)
            page.locator("header form[action='/dang-xuat/'] button").click()
            page.wait_for_load_state()
