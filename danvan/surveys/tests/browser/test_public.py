"""The public satisfaction screens in a real browser (Debian's chromium through Playwright, live server).

On a desktop: the ranking with its chart, honest ranks and a body under the minimum sample; a body's
page. On a 360-px phone: a citizen rates their answered case and sees the thanks; a visitor answers a
SIPAS questionnaire reached by its QR code. Nothing may be wider than the phone, and no
Content-Security-Policy violation may reach the console.

Screenshots go to var/screenshots/satisfaction-*.png. Elements are found by id, name and class, so
the test holds whatever the state of the translation catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHU_XUAN, KIM_LONG = 19753, 19774
CASE_CODES = ["case_overall", "case_access", "case_procedures", "case_staff", "case_results", "case_feedback"]


def no_overflow(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def bodies_with_indices() -> list[Any]:
    from danvan.core import clock
    from danvan.org.tests.factories import commune, organization
    from danvan.surveys.models import IndexSnapshot, SurveyTemplate

    template = SurveyTemplate.objects.select_related("methodology").get(code="case-rating")
    tinh = organization("UBND thành phố Huế")
    names = [("UBND Phường Phú Xuân", 86.4, 81.0, 90.5, 212), ("UBND Phường Kim Long", 84.9, 79.2, 89.3, 187),
             ("UBND Phường Thuận Hóa", 78.2, 71.0, 84.1, 143), ("Bộ phận Một cửa UBND thành phố Huế", 71.5, 65.3, 77.0, 260),
             ("UBND Phường Vỹ Dạ", 64.0, 52.1, 74.5, 61), ("UBND Xã Phú Vang", 0.0, 0.0, 0.0, 9)]  # fmt: skip
    bodies = []
    year = clock.today().replace(month=1, day=1)
    factors = {"access": (88.0, 83.1, 91.8), "procedures": (84.2, 78.9, 88.4), "staff": (79.5, 73.6, 84.4),
               "results": (90.1, 85.5, 93.4), "feedback": (71.0, 64.5, 76.7)}  # fmt: skip
    for name, index, lower, upper, n in names:
        body = organization(name, unit=commune(PHU_XUAN), parent=tinh)
        too_few = n < 30
        IndexSnapshot.objects.create(
            methodology=template.methodology, template=template, scope_kind="organization", scope_key=str(body.pk),
            organization=body, period_kind="year", period_start=year, respondents=n, too_few=too_few,
            index=55.5 if too_few else index, lower=lower, upper=upper,
            factors={k: {"index": v[0], "lower": v[1], "upper": v[2], "n": n} for k, v in factors.items()},
        )  # fmt: skip
        bodies.append(body)
    # Twelve months of the first body, one of them under the minimum (a gap in the line).
    month = clock.today().replace(day=1)
    for i in range(12):
        too_few = i == 4
        IndexSnapshot.objects.create(
            methodology=template.methodology, template=template, scope_kind="organization",
            scope_key=str(bodies[0].pk), organization=bodies[0], period_kind="month", period_start=month,
            respondents=9 if too_few else 30 + i, too_few=too_few, index=70 + (i * 7) % 20,
            lower=60 + (i * 7) % 20, upper=min(100, 80 + (i * 7) % 20),
        )  # fmt: skip
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return bodies


def test_the_public_ranking_on_a_desktop_and_a_phone(reseeded_afterwards, live_server, desktop, phone):
    reference_data_restore()
    bodies = bodies_with_indices()
    page = desktop
    page.goto(live_server.url + "/hai-long/")
    assert page.locator("html").get_attribute("lang") == "vi"
    rows = page.locator("table.hl-table tbody tr")
    assert rows.count() == 6
    assert rows.nth(0).locator("td").nth(1).inner_text().startswith("UBND Phường Phú Xuân")
    assert "86,4" in rows.nth(0).inner_text()
    last = rows.nth(5).inner_text()
    assert "UBND Xã Phú Vang" in last and "55,5" not in last and "55,5" not in page.inner_text("main")
    assert page.locator("svg.chart rect").count() == 5  # only the ranked bodies have a bar
    assert page.locator("svg.chart").bounding_box()["width"] > 300
    shot(page, "satisfaction-ranking-desktop")

    page.locator("table.hl-table a").first.click()
    page.wait_for_url(f"{live_server.url}/hai-long/co-quan/{bodies[0].pk}/*")
    assert page.locator("svg.chart").count() == 2
    assert page.locator("svg.chart polyline").count() == 2  # the month under the minimum breaks the line
    shot(page, "satisfaction-body-desktop")

    phone.goto(live_server.url + "/hai-long/")
    no_overflow(phone, 360)
    shot(phone, "satisfaction-ranking-phone")
    phone.goto(f"{live_server.url}/hai-long/co-quan/{bodies[0].pk}/")
    no_overflow(phone, 360)
    shot(phone, "satisfaction-body-phone")
    assert page.console_errors == [] and phone.console_errors == []


def test_a_citizen_rates_an_answered_case_from_a_phone(reseeded_afterwards, live_server, phone):
    from danvan.cases.events import CASE_ANSWERED, AnsweredCase
    from danvan.core import events
    from danvan.org.tests.factories import commune, organization
    from danvan.surveys.models import Answer, Response
    from danvan.surveys.services import invitations

    reference_data_restore()
    body = organization("UBND Phường Phú Xuân", unit=commune(PHU_XUAN))
    events.publish(CASE_ANSWERED, AnsweredCase(41, body.pk, commune(PHU_XUAN).pk, "pakn", "", None))
    page = phone

    opened = page.goto(f"{live_server.url}/danh-gia/?k={invitations.rating_token(41)}")
    assert opened.headers["referrer-policy"] == "same-origin"
    assert page.url == f"{live_server.url}/danh-gia/"  # the token left the address after the first request
    no_overflow(page, 360)
    assert page.locator("fieldset.hl-q").count() == 6
    shot(page, "satisfaction-rating-form")

    # First try: one question left out. The page says so and keeps the other answers.
    for code in CASE_CODES[:-1]:
        page.locator(f"label[for=id_{code}__satisfaction_1]").click()  # "satisfied" (4)
    page.locator(".hl-submit").click()
    expect(page.locator(".error-box")).to_be_visible()
    expect(page.locator("#q-case_feedback__satisfaction .error")).to_be_visible()
    expect(page.locator("#id_case_overall__satisfaction_1")).to_be_checked()
    assert not Response.objects.exists()
    no_overflow(page, 360)
    shot(page, "satisfaction-rating-error")

    page.locator("label[for=id_case_feedback__satisfaction_5]").click()  # no opinion
    page.locator("label[for=id_case_staff__satisfaction_0]").click()  # very satisfied
    page.locator("#id_comment").fill("Cán bộ phường trả lời rõ ràng, đúng hẹn.")
    page.locator(".hl-submit").click()
    expect(page.locator(".hl-thanks")).to_be_visible()
    no_overflow(page, 360)
    shot(page, "satisfaction-rating-thanks")
    response = Response.objects.get()
    assert dict(Answer.objects.filter(response=response).values_list("criterion__code", "value")) == {
        "case_overall": 4, "case_access": 4, "case_procedures": 4, "case_staff": 5, "case_results": 4,
        "case_feedback": 0,
    }  # fmt: skip
    expected = "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    assert [e for e in page.console_errors if e != expected] == []


def test_a_visitor_answers_a_sipas_questionnaire_from_a_phone(reseeded_afterwards, live_server, phone):
    from danvan.core import clock
    from danvan.org.tests.factories import commune, organization
    from danvan.surveys.models import Campaign, Response, SurveyTemplate

    reference_data_restore()
    tinh = organization("UBND thành phố Huế")
    body = organization("Bộ phận Một cửa UBND Phường Phú Xuân", unit=commune(PHU_XUAN), parent=tinh)
    today = clock.today()
    campaign = Campaign.objects.create(
        code="sipas-hue", title="Khảo sát SIPAS Huế", template=SurveyTemplate.objects.get(code="sipas-2017"),
        starts_on=today - dt.timedelta(days=10), ends_on=today + dt.timedelta(days=30), status="open", owner=tinh,
    )  # fmt: skip
    campaign.organizations.add(body)
    page = phone

    page.goto(f"{live_server.url}/khao-sat/sipas-hue/{body.pk}/")
    no_overflow(page, 360)
    assert page.locator("fieldset.hl-item").count() == 22
    for criterion in campaign.template.criteria.all():
        page.locator(f"label[for=id_{criterion.code}__assessment_1]").click()
        page.locator(f"label[for=id_{criterion.code}__satisfaction_0]").click()
    page.locator("label[for=id_feedback_4__expectation]").click()
    shot(page, "satisfaction-survey-form")
    page.locator(".hl-submit").click()
    expect(page.locator(".hl-thanks")).to_be_visible()
    assert Response.objects.filter(campaign=campaign, organization=body).count() == 1
    shot(page, "satisfaction-survey-thanks")
    qr = page.goto(f"{live_server.url}/khao-sat/sipas-hue/{body.pk}/ma-qr.svg")
    assert qr.headers["content-type"] == "image/svg+xml"
    assert page.console_errors == []


def test_the_printed_receipt_carries_the_rating_qr_and_the_answered_case_its_button(
    reseeded_afterwards, live_server, phone
):
    from danvan.cases.models import Case, RoutingRule
    from danvan.cases.services import handling
    from danvan.org.choices import Role
    from danvan.org.tests.factories import commune, grant, make_user, organization

    reference_data_restore()
    body = organization("UBND Phường Phú Xuân", unit=commune(PHU_XUAN))
    RoutingRule.objects.create(organization=body, unit=None, track="")
    handler = make_user(username="xuly")
    grant(handler, Role.HANDLER, body)
    page = phone

    page.goto(live_server.url + "/gui-phan-anh/")
    page.locator("input[name=track][value=pakn]").check()
    page.locator("#id_content").fill("Ba cột đèn đường trước số 20 Lê Lợi không sáng đã hai tuần, buổi tối rất tối.")
    page.locator("#id_place_text").fill("phuong phu xuan, thanh pho hue")
    page.locator("#id_name").fill("Trần Thị Bình")
    page.locator("#id_phone").fill("0905 123 456")
    page.locator("#id_consent").check()
    page.locator("form.petition-form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/gui-phan-anh/da-nhan/")
    expect(page.locator(".rating-qr svg")).to_be_visible()
    no_overflow(page, 360)
    link = page.locator("#private-link").input_value()
    page.emulate_media(media="print")
    expect(page.locator(".rating-qr svg")).to_be_visible()
    shot(page, "satisfaction-receipt-qr-print")
    page.emulate_media(media="screen")

    case = Case.objects.get()
    handling.case_register(case=case, actor=handler)
    handling.case_answer(case=case, actor=handler, answer_text="Đã thay bóng đèn ngày 10/02.")
    page.goto(link)
    button = page.locator(".hl-rate a.button")
    expect(button).to_be_visible()
    no_overflow(page, 360)
    shot(page, "satisfaction-case-rate-button")
    button.click()
    expect(page.locator("fieldset.hl-q")).to_have_count(6)
    assert page.console_errors == []
