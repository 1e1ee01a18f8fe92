"""The officer at the reception in a real browser (Debian's chromium, live server): splits a visit into two
cases (a feedback item and a denunciation, whose identity then shows nowhere on the page) and records a
crowd of 12 with three representatives and the chair's meeting. At 360 px and desktop width; screenshots go
to var/screenshots/reception-visit-cases-*.png. Elements are found by name and id, not by wording."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories
NAME, PHONE = "Hoàng Văn Tố", "0987654321"


def _world() -> dict[str, Any]:
    from danvan.cases.tests.factories import routed_to
    from danvan.reception.tests.factories import make_reception_world, visit

    reference_data_restore()
    world = make_reception_world()
    routed_to(world.phuong)
    denouncer = visit(world.phuong, world.officer, visitor_name=NAME, visitor_phone=PHONE,
                      content="Ông đến phản ánh ngập kiệt và tố cáo cán bộ địa chính.")  # fmt: skip
    crowd = visit(world.phuong, world.officer, group_size=12, content="Mười hai hộ dân về giá bồi thường.")
    return {"world": world, "denouncer": denouncer, "crowd": crowd}


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _split(page: Any, base: str, visit_pk: int, size: str) -> None:
    page.goto(f"{base}/van-hanh/tiep-cong-dan/so/{visit_pk}/vu-viec/")
    shot(page, f"reception-visit-cases-form-{size}")
    page.locator("#id_p0-track").select_option("pakn")
    page.locator("#id_p0-content").fill("Kiệt 12 Phú Xuân ngập sâu mỗi khi mưa lớn, đề nghị nạo vét cống.")
    page.locator("#id_p0-place_text").fill("phuong phu xuan, hue")
    page.locator("#id_p1-track").select_option("to_cao")
    page.locator("#id_p1-content").fill("Cán bộ địa chính thu tiền khi xác nhận hồ sơ, không có biên lai.")
    page.locator("#id_p1-place_text").fill("phuong phu xuan, hue")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("ul.rv-cases li")).to_have_count(2)
    main = page.inner_text("main")
    assert NAME not in main and PHONE not in main
    shot(page, f"reception-visit-cases-done-{size}")


def _crowd(page: Any, base: str, visit_pk: int, chair_pk: int, size: str) -> None:
    page.goto(f"{base}/van-hanh/tiep-cong-dan/so/{visit_pk}/dong-nguoi/")
    for n, name in enumerate(["Nguyễn Văn Bình", "Trần Thị Cúc", "Lê Văn Dũng"]):
        page.locator(f"#id_r{n}-name").fill(name)
        page.locator(f"#id_r{n}-address").fill(f"{n + 1} kiệt 7 ven sông")
    page.locator("#id_appointment_signed").check()
    page.locator("#id_statement").fill("Đề nghị đối thoại với Chủ tịch về giá bồi thường.")
    page.locator("#id_statement_signed").check()
    page.locator("#id_matter_key").fill("Bồi thường đất ven sông")
    page.locator("form:has(input[name=form][value=crowd]) button[type=submit]").click()
    expect(page.locator("form:has(input[name=form][value=meeting])")).to_be_visible()
    page.locator("#id_met_at").fill("2026-02-05T08:45")
    page.locator("#id_met_by").select_option(str(chair_pk))
    page.locator("#id_note").fill("Chủ tịch giao rà soát giá bồi thường trong 15 ngày.")
    page.locator("form:has(input[name=form][value=meeting]) button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    shot(page, f"reception-visit-crowd-{size}")


def test_the_officer_creates_cases_and_records_a_crowd(reseeded_afterwards, live_server, desktop, phone):
    from danvan.cases.models import Case
    from danvan.reception.models import Crowd, VisitCase

    made = _world()
    world, base = made["world"], live_server.url
    _login(desktop, base, "tiepdan")
    _split(desktop, base, made["denouncer"].pk, "desktop")
    assert sorted(VisitCase.objects.values_list("track", flat=True)) == ["pakn", "to_cao"]
    assert {c.channel for c in Case.objects.all()} == {"reception"}
    _crowd(desktop, base, made["crowd"].pk, world.chair.pk, "desktop")
    crowd = Crowd.objects.get()
    assert len(crowd.representatives) == 3 and crowd.met_by_id == world.chair.pk
    assert not [e for e in desktop.console_errors if "Content Security Policy" in e]

    # The same at 360 px, on fresh visits; nothing wider than the screen.
    from danvan.reception.tests.factories import visit

    second = visit(world.phuong, world.officer, visitor_name=NAME, visitor_phone=PHONE, content="Lần hai.")
    crowd_visit = visit(world.phuong, world.officer, group_size=12, content="Đoàn thứ hai.")
    _login(phone, base, "tiepdan")
    _split(phone, base, second.pk, "phone")
    _crowd(phone, base, crowd_visit.pk, world.chair.pk, "phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
