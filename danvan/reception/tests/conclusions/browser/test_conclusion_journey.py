"""The head concludes with a task, then a citizen follows it by code — in a real browser, on a 360 px
phone and on a desktop. Screenshots go to var/screenshots/conclusions-*.png (look at them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)


def _world() -> tuple[Any, Any]:
    from danvan.org.demo import demo_seed
    from danvan.org.models import RoleAssignment, User
    from danvan.reception.demo_conclusions import _session

    reference_data_restore()
    demo_seed(46)
    head = User.objects.get(username="chutich")
    org = RoleAssignment.objects.get(user=head, role="head").organization
    return org, _session(org, head)


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_the_head_concludes_and_a_citizen_follows_by_code(live_server, desktop, phone, reseeded_afterwards) -> None:
    from playwright.sync_api import expect

    from danvan.core import clock
    from danvan.reception.models import ConclusionNotice

    org, session = _world()
    base = live_server.url
    due = clock.today() + dt.timedelta(days=14)

    # The head, at the desk: the notice after the session, with a task.
    _login(desktop, base, "chutich")
    desktop.goto(f"{base}/van-hanh/tiep-cong-dan/ket-luan/moi/?session={session.pk}")
    expect(desktop.locator("h1")).to_have_text("Thông báo kết luận mới")
    desktop.locator("#id_summary").fill("Ngập úng kiệt 12 Hùng Vương khi mưa lớn")
    desktop.locator("#id_body").fill("Ông Nguyễn Văn An trình bày việc ngập úng. Giao bộ phận chuyên môn nạo vét.")
    desktop.locator("#id_signer_title").fill("CHỦ TỊCH")
    desktop.locator("#id_tasks-0-description").fill("Nạo vét cống thoát nước kiệt 12 Hùng Vương")
    # First without a due date: refused next to the field, nothing stored.
    desktop.locator("#id_tasks-0-owner_organization").select_option(str(org.pk))
    desktop.locator("main form button[type=submit]").click()
    expect(desktop.locator("#id_tasks-0-due_on_error")).to_contain_text("Nhiệm vụ 1")
    shot(desktop, "conclusions-new-refused-desktop")
    assert not ConclusionNotice.objects.exists()
    desktop.locator("#id_tasks-0-due_on").fill(due.isoformat())
    desktop.locator("main form button[type=submit]").click()
    expect(desktop.locator("#follow-code")).to_be_visible()
    code = desktop.locator("#follow-code").inner_text().strip()
    notice = ConclusionNotice.objects.get()
    assert code == notice.follow_code
    shot(desktop, "conclusions-detail-desktop")
    desktop.goto(f"{base}/van-hanh/tiep-cong-dan/ket-luan/{notice.pk}/in/")
    expect(desktop.locator(".nd30-motto-1")).to_have_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    shot(desktop, "conclusions-print-desktop")

    # The citizen, on a phone, with no account: a wrong code first, then the right one.
    phone.goto(f"{base}/theo-doi-ket-luan/")
    phone.locator("#id_code").fill("KL-2345-6789")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("#id_code_error")).to_contain_text("Không có thông báo nào")
    phone.locator("#id_code").fill(code.lower().replace("-", " "))
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("#tasks li")).to_have_count(1)
    expect(phone.locator("#tasks")).to_contain_text("Nạo vét cống thoát nước")
    expect(phone.locator("#tasks")).to_contain_text(due.strftime("%d/%m/%Y"))
    body = phone.locator("main").inner_text()
    assert "Nguyễn Văn An" not in body and "trình bày" not in body
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "conclusions-follow-phone")

    # The same on a desktop, signed out (a citizen's computer).
    desktop.context.clear_cookies()
    desktop.goto(f"{base}/theo-doi-ket-luan/?code={code}")
    expect(desktop.locator("#notice")).to_contain_text("Ngập úng kiệt 12 Hùng Vương")
    expect(desktop.locator("#tasks li")).to_have_count(1)
    assert "Lê Văn Chủ" not in desktop.locator("body").inner_text()
    shot(desktop, "conclusions-follow-desktop")
    # The refused form (400) and the wrong code (404) answer so on purpose; nothing else may fail (a CSP violation, a script).
    assert [
        e
        for e in phone.console_errors + desktop.console_errors
        if "status of 404" not in e and "status of 400" not in e
    ] == []
