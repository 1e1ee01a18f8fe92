"""axe-core over the main pages, citizen's and officer's, on a 360-px phone and a desktop (issue 14, item 10).

No critical or serious violation on: home, the petition form empty and refused, the receipt, the
private-link page, the look-up, the ranking, the rating form, login, the staff inbox, a case, the head's
dashboard and the report. Also what axe cannot see: after a refused form the focus is on the error
summary (with and without JavaScript), and the receipt's Print button shows only when a script can print.
Screenshots: var/screenshots/a11y-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTENT = "Đèn đường trước nhà số 12 Lê Lợi không sáng đã một tuần, đề nghị sửa chữa."


def _world() -> dict[str, Any]:
    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.org.demo import demo_seed
    from danvan.surveys.demo import demo_surveys_seed
    from danvan.ui import registry

    reference_data_restore()  # an earlier live-server test may have flushed the database
    demo_seed(46)
    demo_cases_seed(46)
    answered = demo_answered_cases_seed()
    demo_surveys_seed(46, rated_case_ids=[c.pk for c in answered[1:]])
    return {"case": answered[0], "rating": registry.link("surveys.case_rating_url", case_id=answered[0].pk)}


def _login(page: Any, base: str, username: str) -> None:
    from danvan.org.demo import DEMO_PASSWORD

    page.goto(base + reverse("web:login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)  # officers land on their work (issue 14)


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (24, 16), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _refused_form(page: Any, base: str) -> None:
    """A feedback item with a photo, without a name and without consent: refused, the photo kept."""
    from playwright.sync_api import expect

    page.goto(base + reverse("cases:case_submit"))
    page.locator("#id_track_0").check()
    page.locator("#id_content").fill(CONTENT)
    page.locator("#id_place_text").fill("phuong phu xuan, hue")
    page.locator("#id_attachments").set_input_files([{"name": "den-hong.png", "mimeType": "image/png",
                                                      "buffer": _png()}])  # fmt: skip
    page.locator("form.petition-form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".kept-files input[type=checkbox]:checked")).to_have_count(1)
    expect(page.locator(".kept-files label")).to_contain_text("den-hong.png")  # not chosen again


def _sent_form(page: Any) -> None:
    page.locator("#id_name").fill("Nguyễn Văn An")
    page.locator("#id_phone").fill("0912345678")
    page.locator("#id_consent").check()
    page.locator("form.petition-form button[type=submit]").click()
    page.wait_for_url("**/gui-phan-anh/da-nhan/")


def test_the_main_pages_have_no_critical_or_serious_violation(reseeded_afterwards, live_server, phone, desktop):
    from playwright.sync_api import expect

    world = _world()
    base = live_server.url
    for page, width in ((phone, 360), (desktop, 1280)):

        def check(name: str, page: Any = page, width: int = width) -> None:
            shot(page, f"a11y-{name}-{width}")
            assert_accessible(page, f"{name} at {width} px")

        page.goto(base + "/")
        check("home")
        page.goto(base + reverse("cases:case_submit"))
        check("form")
        _refused_form(page, base)
        expect(page.locator("#error-summary")).to_be_focused()
        expect(page.locator("#error-summary a[href='#id_name']")).to_have_count(1)
        check("form-errors")
        _sent_form(page)
        expect(page.locator("button[data-print]")).to_be_visible()  # scripts run: it can print
        check("receipt")
        page.locator(".case-receipt a.button").first.click()
        page.wait_for_url("**/tra-cuu/**")
        expect(page.locator("main")).to_contain_text("den-hong.png")  # the kept photo went with the petition
        check("track")
        page.goto(base + reverse("cases:case_lookup"))
        check("lookup")
        page.goto(base + reverse("surveys:satisfaction_ranking"))
        expect(page.locator("svg.chart")).not_to_have_count(0)
        check("ranking")
        page.goto(base + world["rating"])
        check("rating")
        page.goto(base + reverse("web:login"))
        check("login")

        _login(page, base, "xuly")
        page.goto(base + reverse("cases:case_inbox"))
        check("inbox")
        page.goto(base + reverse("cases:case_detail", args=[world["case"].pk]))
        check("case")
        menu_open(page)  # at 360 px the sign-out is in the folded menu (ui/_main_nav.html)
        page.locator("header form[action='/dang-xuat/'] button").click()
        page.wait_for_load_state()

        _login(page, base, "chutich")
        page.goto(base + reverse("surveys:satisfaction_dashboard"))
        expect(page.locator("svg.chart")).not_to_have_count(0)
        check("dashboard")
        page.goto(base + reverse("cases:case_report"))
        check("report")
        menu_open(page)  # at 360 px the sign-out is in the folded menu (ui/_main_nav.html)
        page.locator("header form[action='/dang-xuat/'] button").click()
        page.wait_for_load_state()


def test_without_javascript_the_summary_still_takes_the_focus_and_no_dead_print_button(
    reseeded_afterwards, live_server, browser
):
    from playwright.sync_api import expect

    _world()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        _refused_form(page, live_server.url)
        expect(page.locator("#error-summary")).to_be_focused()  # autofocus, no script
        shot(page, "a11y-form-errors-nojs-360")
        _sent_form(page)
        expect(page.locator(".tracking-code")).to_be_visible()
        expect(page.locator("button[data-print]")).to_be_hidden()  # it could not print: not offered
        shot(page, "a11y-receipt-nojs-360")
    finally:
        context.close()


def test_an_anonymous_denunciations_receipt_promises_no_answer(reseeded_afterwards, live_server, phone, desktop):
    from playwright.sync_api import expect

    _world()
    for page, width in ((phone, 360), (desktop, 1280)):
        page.goto(live_server.url + reverse("cases:case_submit"))
        page.locator("#id_track_2").check()  # tố cáo
        page.locator("#id_content").fill(
            "Cán bộ địa chính phường đòi thêm tiền ngoài quy định khi cấp giấy chứng nhận."
        )
        page.locator("#id_place_text").fill("phuong phu xuan, hue")
        page.locator("#id_is_anonymous").check()
        page.locator("#id_consent").check()
        page.locator("form.petition-form button[type=submit]").click()
        page.wait_for_url("**/gui-phan-anh/da-nhan/")
        expect(page.locator(".tracking-code")).to_be_visible()
        expect(page.locator(".rating-qr")).to_have_count(0)  # nothing to rate
        expect(page.locator(".case-receipt")).to_contain_text("không nhận được trả lời")
        shot(page, f"a11y-receipt-anonymous-to-cao-{width}")
        assert_accessible(page, f"anonymous denunciation's receipt at {width} px")
