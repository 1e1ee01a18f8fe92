"""The staff side of cases in a real browser (Debian's chromium through Playwright, live server).

A handler of UBND Phường Phú Xuân works the demo's inbox: registers and answers one feedback item,
transfers another to UBND Phường Kim Long, whose handler takes it up; the head opens a
denouncer's identity with a reason. Desktop (1280×800) and phone (360×740) screenshots go to
var/screenshots/cases-staff-*.png. Elements are found by id and address, not by wording, so the
test holds before and after the Vietnamese translations are merged.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot
from danvan.org.tests.browser import authenticator_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)
PHU_XUAN, KIM_LONG = 19753, 19774  # GSO codes of Phường Phú Xuân and Phường Kim Long (Huế)


def unexpected(errors: list[str]) -> list[str]:
    """Console errors other than the 400 and 404 answers this test provokes on purpose (e.g. a CSP violation)."""
    provoked = ("status of 400 (Bad Request)", "status of 404 (Not Found)")
    return [e for e in errors if not (e.startswith("Failed to load resource") and e.endswith(provoked))]


def login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)  # officers land on their work (issue 14)


def logout(page: Any, base: str) -> None:
    page.goto(base + "/")
    page.locator("header form[action='/dang-xuat/'] button").click()


def take_step(page: Any, step: str, fields: dict[str, str] | None = None) -> None:
    """Open the step's <details> (unless open), fill its form, send it."""
    if page.locator(f"#step-{step}").get_attribute("open") is None:
        page.locator(f"#step-{step} > summary").click()
    for name, value in (fields or {}).items():
        field = page.locator(f"#id_{step}-{name}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():  # every step is a form sent to the server; wait for the page it answers with
        page.locator(f"#step-{step} button[type=submit]").click()


def _world() -> dict[str, Any]:
    """The demo's bodies and officers, a routing rule, a second handler, and cases in several states."""
    import time_machine

    from danvan.cases.choices import Track
    from danvan.cases.models import RoutingRule
    from danvan.cases.services import handling
    from danvan.cases.services.intake import Petition, case_submit
    from danvan.core.clock import VIETNAM
    from danvan.org import services
    from danvan.org.choices import Role
    from danvan.org.demo import demo_seed
    from danvan.org.models import Organization, User

    reference_data_restore()  # an earlier live-server test may have flushed the database
    demo_seed(46)
    phu_xuan = Organization.objects.get(code=f"46-{PHU_XUAN}-ubnd")
    kim_long = Organization.objects.get(code=f"46-{KIM_LONG}-ubnd")
    RoutingRule.objects.create(organization=phu_xuan, unit=None, track="")
    xuly2 = User.objects.create_user("xuly2", password=PASSWORD, full_name="Đặng Văn Hai")
    services.role_assign(actor=None, user=xuly2, role=Role.HANDLER, organization=kim_long, reason="kiểm thử",
                         check_permission=False)  # fmt: skip

    def petition(track: str, title: str, content: str) -> Petition:
        return Petition(content=content, title=title, track=track, place_text="phuong phu xuan, hue",
                        name="Trần Thị Bình", phone="0905123456", email="binh@example.vn",
                        address="12 Lê Lợi, Huế", consent=True, consent_text="Tôi đồng ý.")  # fmt: skip

    # An old feedback item, received forty days ago: past its ten-working-day target today.
    with time_machine.travel(dt.datetime.now(VIETNAM) - dt.timedelta(days=40), tick=False):
        case_submit(
            actor=None,
            petition=petition(
                Track.PAKN, "Rác thải ùn ứ sau chợ Đông Ba", "Rác thải ùn ứ nhiều ngày phía sau chợ, bốc mùi hôi thối."
            ),
        )
    flood = case_submit(actor=None, petition=petition(
        Track.PAKN, "Ngập nước kiệt 12 Phú Xuân", "Đường kiệt 12 bị ngập mỗi khi mưa lớn, đề nghị nạo vét cống."
    )).case  # fmt: skip
    lamp = case_submit(actor=None, petition=petition(
        Track.PAKN, "Đèn đường hỏng trên đường Kim Long", "Ba cột đèn đường trên đường Kim Long không sáng."
    )).case  # fmt: skip
    complaint = case_submit(actor=None, petition=petition(
        Track.KHIEU_NAI, "Khiếu nại quyết định thu hồi đất",
        "Tôi khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi 120 m² đất vườn vì chưa được bồi thường.",
    )).case  # fmt: skip
    handling.case_accept(case=complaint, actor=User.objects.get(username="xuly"), document_number="01/TB-UBND")
    denunciation = case_submit(actor=None, petition=petition(
        Track.TO_CAO, "Tố cáo cán bộ địa chính",
        "Tôi là Trần Thị Bình, số 0905123456. Cán bộ địa chính phường đòi thêm tiền khi cấp giấy chứng nhận.",
    )).case  # fmt: skip
    return {"flood": flood, "lamp": lamp, "complaint": complaint, "denunciation": denunciation}


def test_a_handler_works_the_inbox_in_a_real_browser(reseeded_afterwards, live_server, desktop, phone):
    from danvan.cases.choices import Status
    from danvan.cases.models import Case

    cases = _world()
    base = live_server.url
    page = desktop

    login(page, base, "xuly")
    page.locator("nav a[href='/van-hanh/ho-so/']").click()
    page.wait_for_url(base + "/van-hanh/ho-so/")
    rows = page.locator("table.st-cases tbody tr")
    assert rows.count() == 5
    assert page.locator(".st-overdue").count() == 1  # the forty-day-old item
    assert "0905123456" not in page.inner_text("main") and "Trần Thị Bình" not in page.inner_text("main")
    shot(page, "inbox-desktop")

    # Accent-insensitive search.
    page.locator("#id_q").fill("ngap nuoc")
    page.locator("form[role=search] button[type=submit]").click()
    expect(rows).to_have_count(1)
    page.locator(f"a:text-is('{cases['flood'].tracking_code}')").click()
    page.wait_for_url(f"{base}/van-hanh/ho-so/{cases['flood'].pk}/")
    assert "Trần Thị Bình" in page.inner_text("main")  # a feedback item shows its contact
    shot(page, "detail-desktop")

    take_step(page, "register")
    page.wait_for_url(f"{base}/van-hanh/ho-so/{cases['flood'].pk}/")
    expect(page.locator(".message-success")).to_have_count(1)
    take_step(page, "answer", {"answer_text": "UBND phường đã nạo vét cống kiệt 12 ngày 10/02/2026."})
    expect(page.locator(".message-success")).to_have_count(1)
    expect(page.locator("#step-publish textarea")).to_have_value(re.compile("^UBND phường đã nạo vét"))
    take_step(page, "publish")
    flood = Case.objects.get(pk=cases["flood"].pk)
    assert flood.status == Status.ANSWERED and flood.public_answer
    shot(page, "answered-desktop")

    # A step with a missing field: the error is announced and the form stays open.
    from danvan.org.models import Organization

    kim_long = Organization.objects.get(code=f"46-{KIM_LONG}-ubnd")
    page.goto(f"{base}/van-hanh/ho-so/{cases['lamp'].pk}/")
    take_step(page, "transfer", {"to": str(kim_long.pk)})
    expect(page.locator("[role=alert]").first).to_be_attached()
    expect(page.locator("#step-transfer")).to_have_attribute("open", re.compile(".*"))
    shot(page, "step-error-desktop")
    page.locator("#id_transfer-reason").fill("Đường Kim Long thuộc địa bàn Phường Kim Long.")
    page.locator("#step-transfer button[type=submit]").click()
    page.wait_for_url(base + "/van-hanh/ho-so/")
    assert Case.objects.get(pk=cases["lamp"].pk).handling_organization_id == kim_long.pk
    assert page.goto(f"{base}/van-hanh/ho-so/{cases['lamp'].pk}/").status == 404
    logout(page, base)

    # The receiving body's handler finds it in their inbox and registers it.
    login(page, base, "xuly2")
    page.goto(base + "/van-hanh/ho-so/")
    assert page.locator("table.st-cases tbody tr").count() == 1
    page.locator(f"a:text-is('{cases['lamp'].tracking_code}')").click()
    expect(page.locator("main")).to_contain_text("Đường Kim Long thuộc địa bàn Phường Kim Long.", use_inner_text=True)
    take_step(page, "register")
    assert Case.objects.get(pk=cases["lamp"].pk).status == Status.REGISTERED
    logout(page, base)

    # The head: the denunciation shows only its redacted copy; the identity opens with a reason.
    login(page, base, "chutich")
    page.goto(f"{base}/van-hanh/ho-so/{cases['denunciation'].pk}/")
    main = page.inner_text("main")
    assert "[đã che]" in main and "Trần Thị Bình" not in main and "0905123456" not in main
    shot(page, "to-cao-desktop")
    # The demo head has the demo authenticator: a code first, then the identity page with its reason.
    page.locator("#step-up-link").click()
    page.locator("#id_code").fill(authenticator_code("chutich"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/van-hanh/ho-so/{cases['denunciation'].pk}/nhan-than/")
    page.locator("#id_identity-reason").fill("Mời người tố cáo đến bổ sung chứng cứ")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Trần Thị Bình", use_inner_text=True)
    shot(page, "identity-desktop")
    assert unexpected(page.console_errors) == [], page.console_errors

    # A cheap phone: the inbox is a list of cards, nothing scrolls sideways (issue 14).
    login(phone, base, "chutich")
    phone.goto(base + "/van-hanh/ho-so/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    wrap = phone.locator(".table-wrap")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")
    shot(phone, "inbox-phone")
    phone.goto(f"{base}/van-hanh/ho-so/{cases['complaint'].pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "detail-phone")
    phone.locator("#step-set_complexity > summary").click()
    shot(phone, "step-open-phone")
    assert unexpected(phone.console_errors) == [], phone.console_errors

    # The report of receipt and handling: the head's body, its totals, readable on a phone.
    page.goto(base + "/van-hanh/bao-cao/")
    assert page.locator("table.st-report tbody tr").count() == 1  # Phường Phú Xuân only
    assert page.locator("table.st-report tfoot td.num").first.inner_text().strip().isdigit()
    shot(page, "report-desktop")
    phone.goto(base + "/van-hanh/bao-cao/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "report-phone")
    assert unexpected(page.console_errors) == [], page.console_errors
