"""The whole story of one complaint in a real browser (Debian's chromium through Playwright, live server).

A citizen without an account sends a complaint (khiếu nại) from a cheap phone, written without
diacritics, and keeps the tracking code and the private link from the receipt. The handler of UBND
Phường Phú Xuân finds it in the inbox and transfers it to UBND Phường Kim Long with a reason; the
Kim Long handler accepts it (thụ lý: the legal deadline and its explanation appear) and starts
verification; the Kim Long head decides; the handler sends the decision; the citizen opens the
private link again and reads the status, the transfer in the timeline and the answer.

Screenshots go to var/screenshots/cases-e2e-*.png. Elements are found by id, name and address;
the Vietnamese words asserted are read from the catalogue (``override("vi")``), not retyped.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)
PHU_XUAN, KIM_LONG = 19753, 19774  # GSO codes of Phường Phú Xuân and Phường Kim Long (Huế)
CONTENT = (
    "Toi khieu nai Quyet dinh so 15/QD-UBND ngay 02/01/2026 cua UBND phuong Phu Xuan ve viec thu hoi "
    "120 m2 dat vuon cua gia dinh toi ma chua boi thuong, ho tro theo quy dinh."
)
TITLE = "Khieu nai quyet dinh thu hoi dat vuon"
REASON = "Thửa đất nằm trên địa bàn Phường Kim Long, thuộc thẩm quyền UBND Phường Kim Long."
ANSWER = "Khiếu nại đúng một phần: UBND Phường Kim Long bổ sung phương án bồi thường 120 m² đất vườn."
DECISION = "27/QĐ-UBND"


def unexpected(errors: list[str]) -> list[str]:
    """Console errors other than the 404 this test provokes on purpose (the page, then its favicon,
    whose request may arrive late): a CSP violation or a script error stays."""
    provoked = "Failed to load resource: the server responded with a status of 404 (Not Found)"
    return [error for error in errors if error != provoked]


def vi(text: Any) -> str:
    from django.utils.translation import override

    with override("vi"):
        return str(text)


def login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)  # officers land on their work (issue 14)


def logout(page: Any, base: str) -> None:
    page.goto(base + "/")
    page.locator("header form[action='/dang-xuat/'] button").click()


def open_step(page: Any, step: str) -> None:
    if page.locator(f"#step-{step}").get_attribute("open") is None:
        page.locator(f"#step-{step} > summary").click()


def send_step(page: Any, base: str, pk: int, step: str) -> None:
    """Send the open step and land back on the case page with one success message.

    The step posts to the case page and is sent back to it: the URL does not change, so wait for the
    navigation itself (a wait_for_url would return at once, and the old page may still show a message)."""
    with page.expect_navigation(url=f"{base}/van-hanh/ho-so/{pk}/"):
        page.locator(f"#step-{step} button[type=submit]").click()
    expect(page.locator(".message-success")).to_have_count(1)


def _world() -> None:
    """The demo's bodies, officers and routing; a handler and a head for UBND Phường Kim Long."""
    from danvan.cases.demo import demo_cases_seed
    from danvan.org import services
    from danvan.org.choices import Role
    from danvan.org.demo import demo_seed
    from danvan.org.models import Organization, User

    reference_data_restore()  # an earlier live-server test may have flushed the database
    demo_seed(46)
    demo_cases_seed(46)
    kim_long = Organization.objects.get(code=f"46-{KIM_LONG}-ubnd")
    for username, full_name, role in (("xulykl", "Đặng Văn Hai", Role.HANDLER),
                                      ("chutichkl", "Hoàng Thị Lan", Role.HEAD)):  # fmt: skip
        user = User.objects.create_user(username, password=PASSWORD, full_name=full_name)
        services.role_assign(actor=None, user=user, role=role, organization=kim_long, reason="kiểm thử đầu cuối",
                             check_permission=False)  # fmt: skip


def test_a_complaint_goes_from_the_citizen_through_two_bodies_and_back(reseeded_afterwards, live_server, phone,
                                                                        desktop):  # fmt: skip
    from danvan.cases.choices import Status, Track
    from danvan.cases.models import Case
    from danvan.cases.views.public import EVENT_PLAIN, STATUS_PLAIN
    from danvan.org.models import Organization

    _world()
    base = live_server.url
    kim_long = Organization.objects.get(code=f"46-{KIM_LONG}-ubnd")
    phu_xuan = Organization.objects.get(code=f"46-{PHU_XUAN}-ubnd")
    before = set(Case.objects.values_list("pk", flat=True))

    # 1. The citizen, no account, on a phone: a complaint written without diacritics.
    citizen = phone
    citizen.goto(base + "/gui-phan-anh/")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    citizen.locator(f"input[name=track][value={Track.KHIEU_NAI}]").check()
    citizen.locator("#id_content").fill(CONTENT)
    citizen.locator("#id_title").fill(TITLE)
    citizen.locator("#id_place_text").fill("phuong phu xuan, tp hue")
    citizen.locator("#id_name").fill("Tran Van Minh")
    citizen.locator("#id_phone").fill("0935 222 333")
    citizen.locator("#id_address").fill("45 Nguyen Hue, phuong Phu Xuan")
    citizen.locator("#id_consent").check()
    shot(citizen, "cases-e2e-01-citizen-form")
    citizen.locator("form.petition-form button[type=submit]").click()
    citizen.wait_for_url(base + "/gui-phan-anh/da-nhan/")
    (case,) = Case.objects.exclude(pk__in=before)
    assert case.track == Track.KHIEU_NAI and case.status == Status.RECEIVED
    assert case.handling_organization == phu_xuan and case.place_unit.code == PHU_XUAN
    code = citizen.locator(".tracking-code").first.inner_text().strip()
    assert code == case.tracking_code
    link = citizen.locator("#private-link").input_value().strip()
    assert link.startswith(f"{base}/tra-cuu/{code}/?k=")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    shot(citizen, "cases-e2e-02-receipt")
    assert citizen.console_errors == [], citizen.console_errors

    # 2. The handler of Phú Xuân finds it in the inbox and transfers it to Kim Long with a reason.
    page = desktop
    login(page, base, "xuly")
    page.locator("nav a[href='/van-hanh/ho-so/']").click()
    page.wait_for_url(base + "/van-hanh/ho-so/")
    page.locator("#id_q").fill("thu hoi dat vuon")  # the citizen wrote without diacritics; so does the search
    page.locator("form[role=search] button[type=submit]").click()
    # The search reloads the page: wait for the filtered list, not the inbox it replaces.
    page.wait_for_url(lambda url: "q=thu+hoi+dat+vuon" in url)
    expect(page.locator(f"table.st-cases a:text-is('{code}')")).to_have_count(1)
    shot(page, "cases-e2e-03-inbox")
    page.locator(f"table.st-cases a:text-is('{code}')").click()
    page.wait_for_url(f"{base}/van-hanh/ho-so/{case.pk}/")
    main = page.inner_text("main")
    assert CONTENT in main and "Tran Van Minh" in main and vi(Status.RECEIVED.label) in main
    open_step(page, "transfer")
    page.locator("#id_transfer-to").select_option(str(kim_long.pk))
    page.locator("#id_transfer-reason").fill(REASON)
    shot(page, "cases-e2e-04-transfer")
    page.locator("#step-transfer button[type=submit]").click()
    page.wait_for_url(base + "/van-hanh/ho-so/")  # no longer Phú Xuân's to see
    assert page.locator(".message-success").count() == 1
    assert page.goto(f"{base}/van-hanh/ho-so/{case.pk}/").status == 404
    case.refresh_from_db()
    assert case.handling_organization == kim_long and case.status == Status.RECEIVED
    assert unexpected(page.console_errors) == [], page.console_errors
    logout(page, base)

    # 3. The Kim Long handler accepts it (thụ lý): the legal deadline and its explanation appear.
    login(page, base, "xulykl")
    page.goto(base + "/van-hanh/ho-so/")
    page.locator(f"table.st-cases a:text-is('{code}')").click()
    page.wait_for_url(f"{base}/van-hanh/ho-so/{case.pk}/")
    assert REASON in page.locator(".st-timeline").inner_text()
    open_step(page, "accept")
    page.locator("#id_accept-document_number").fill("05/TB-UBND")
    send_step(page, base, case.pk, "accept")
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.due_on is not None and case.due_explanation
    expect(page.locator(".st-due-date")).to_have_text(case.due_on.strftime("%d/%m/%Y"), use_inner_text=True)
    expect(page.locator(".st-explanation")).to_have_text(case.due_explanation.strip(), use_inner_text=True)
    expect(page.locator("main")).to_contain_text(vi(Status.ACCEPTED.label), use_inner_text=True)
    shot(page, "cases-e2e-05-accepted")
    expect(page.locator("#step-decide")).to_have_count(0)  # deciding is the head's
    open_step(page, "start_verification")
    page.locator("#id_start_verification-note").fill("Giao tổ xác minh thực địa thửa đất.")
    send_step(page, base, case.pk, "start_verification")
    assert Case.objects.get(pk=case.pk).status == Status.VERIFYING
    logout(page, base)

    # 4. The Kim Long head decides.
    login(page, base, "chutichkl")
    page.goto(f"{base}/van-hanh/ho-so/{case.pk}/")
    open_step(page, "decide")
    page.locator("input[name=decide-outcome][value=partly_right]").check()
    page.locator("#id_decide-decision_number").fill(DECISION)
    page.locator("#id_decide-answer_text").fill(ANSWER)
    shot(page, "cases-e2e-06-decide")
    send_step(page, base, case.pk, "decide")
    case.refresh_from_db()
    assert case.status == Status.DECIDED and case.decision_number == DECISION and case.outcome == "partly_right"
    expect(page.locator("main")).to_contain_text(ANSWER, use_inner_text=True)
    logout(page, base)

    # 5. The handler sends the decision.
    login(page, base, "xulykl")
    page.goto(f"{base}/van-hanh/ho-so/{case.pk}/")
    open_step(page, "send_decision")
    send_step(page, base, case.pk, "send_decision")
    assert Case.objects.get(pk=case.pk).status == Status.NOTIFIED
    expect(page.locator("main")).to_contain_text(vi(Status.NOTIFIED.label), use_inner_text=True)
    shot(page, "cases-e2e-07-sent")
    assert unexpected(page.console_errors) == [], page.console_errors

    # 6. The citizen opens the private link again: status, the transfer and the answer.
    citizen.goto(link)
    status = citizen.locator(".status-name").inner_text()
    assert status == vi(STATUS_PLAIN[Status.NOTIFIED][0]) == "Đã gửi quyết định, kết luận"
    assert citizen.locator(".answer .prose").inner_text().strip() == ANSWER
    assert DECISION in citizen.locator(".answer").inner_text()
    timeline = citizen.locator(".timeline").inner_text()
    for action in ("submit", "transfer", "accept", "decide", "send_decision"):
        assert vi(EVENT_PLAIN[action]) in timeline, action
    assert REASON in timeline
    assert "UBND Phường Kim Long" in citizen.inner_text("main")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    shot(citizen, "cases-e2e-08-citizen-answer")
    assert citizen.console_errors == [], citizen.console_errors
