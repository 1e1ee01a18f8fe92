"""The register in a real browser: the demo ward's reception officer registers a walk-in visit (the
identity number NĐ 154 asks for, a photo of the document handed in), sees it in the register, records
the answer and opens the printed notice; at 360 px and at desktop width. Screenshots go to
var/screenshots/register-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"  # the demo password (danvan.org.demo.DEMO_PASSWORD)


def _world() -> None:
    from danvan.org.choices import Role
    from danvan.org.demo import DEMO_PASSWORD, demo_seed
    from danvan.org.models import Organization, User
    from danvan.org.services import role_assign
    from danvan.reception.demo_register import demo_register_seed

    reference_data_restore()
    demo_seed(46)
    demo_register_seed("127.0.0.1")
    # A dân vận officer over the whole province, made here (the test seeds only org.demo and the register).
    reader = User.objects.create_user(username="danvantinh", password=DEMO_PASSWORD, full_name="Ngô Thị Dân Vận")
    role_assign(actor=User.objects.get(username="quantri"), user=reader, role=Role.DAN_VAN_OFFICER,
                organization=Organization.objects.get(code="46-ubnd"), include_subtree=True, check_permission=False)  # fmt: skip


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _photo(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "giay-bao-ngap.png"
    Image.new("RGB", (60, 80), (240, 240, 230)).save(path, "PNG")
    return path


def _register_walk_in(page: Any, base: str, tmp_path: Path, name: str) -> None:
    from playwright.sync_api import expect

    page.goto(base + "/van-hanh/tiep-cong-dan/so/")
    page.get_by_role("link", name="Ghi sổ tiếp công dân").click()
    expect(page.get_by_role("heading", name="Ghi sổ tiếp công dân")).to_be_visible()
    page.locator("#id_visitor_name").fill(name)
    page.locator("#id_visitor_id_number").fill("046 187 004 321")
    page.locator("#id_visitor_address").fill("7 Trần Hưng Đạo, Phú Xuân, Huế")
    page.locator("#id_content").fill("Nước thải từ cơ sở chế biến thực phẩm chảy ra đường kiệt.")
    page.locator("#id_requests").fill("Đề nghị kiểm tra, xử lý.")
    page.locator("#id_documents").set_input_files(str(_photo(tmp_path)))
    page.locator("input[name=handling][value=received]").check()
    page.locator("#id_visitors_signed").check()
    return None


def _check_fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_officer_registers_a_walk_in_and_records_the_answer(
    reseeded_afterwards, live_server, request, tmp_path, screen
):
    from playwright.sync_api import expect

    from danvan.reception.models import Visit

    _world()
    page, base = request.getfixturevalue(screen), live_server.url
    name = "Đặng Văn Sáu" if screen == "phone" else "Bùi Thị Bảy"
    _login(page, base, "cbtiepdan")
    page.goto(base + "/van-hanh/tiep-cong-dan/so/moi/")
    # A refusal without its Art. 9 ground: the message is beside the field, nothing is stored.
    page.locator("#id_visitor_name").fill(name)
    page.locator("#id_content").fill("Yêu cầu gặp Chủ tịch ngay.")
    page.locator("input[name=handling][value=refused]").check()
    count = Visit.objects.count()
    page.get_by_role("button", name="Ghi vào sổ").click()
    expect(page.locator("#id_refusal_ground_error")).to_contain_text("Điều 9")
    assert Visit.objects.count() == count
    shot(page, f"register-new-refused-{screen}")

    _register_walk_in(page, base, tmp_path, name)
    shot(page, f"register-new-{screen}")
    if screen == "phone":
        _check_fits(page, 360)
    page.get_by_role("button", name="Ghi vào sổ").click()
    expect(page.locator("h1")).to_contain_text("Lượt tiếp số")
    expect(page.locator("main")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("046187004321")
    expect(page.get_by_role("link", name="giay-bao-ngap.png")).to_be_visible()
    visit = Visit.objects.get(visitor_name=name)
    assert visit.receiving_officer.username == "cbtiepdan" and visit.outcome_due_on is not None
    shot(page, f"register-visit-{screen}")

    page.locator("input[name=outcome][value=accepted]").check()
    page.locator("#id_note").fill("Giao Phòng Kinh tế, Hạ tầng và Đô thị kiểm tra.")
    page.get_by_role("button", name="Ghi kết quả trả lời").click()
    expect(page.locator("#answer")).to_contain_text("thụ lý")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="In thông báo trả lời").click()
    notice = opened.value
    expect(notice.locator("article.nd30")).to_contain_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(notice.locator("article.nd30")).to_contain_text(name)
    shot(notice, f"register-notice-{screen}")

    page.goto(base + "/van-hanh/tiep-cong-dan/so/")
    expect(page.locator("table.rc-register")).to_contain_text(name)
    if screen == "phone":
        _check_fits(page, 360)
    shot(page, f"register-list-{screen}")
    assert [e for e in page.console_errors if "status of 400" not in e] == []  # the refused form answers 400


def test_a_dan_van_officer_reads_the_register_without_names(reseeded_afterwards, live_server, desktop):
    from playwright.sync_api import expect

    _world()
    _login(desktop, live_server.url, "danvantinh")
    desktop.goto(live_server.url + "/van-hanh/tiep-cong-dan/so/")
    table = desktop.locator("table.rc-register")
    expect(table).to_contain_text("karaoke")
    expect(table).not_to_contain_text("Nguyễn Thị Mai")
    shot(desktop, "register-list-danvan-desktop")
