"""In a real browser, at 360 px and at a desk: the commune's Front officer sets up the Ban TTND (five
members, one per residential group and three more), sends a recommendation to the ward's People's
Committee; then anyone opens the commune's public board page (names and roles, the recommendation and
its status, no contact) and axe finds no critical or serious violation there.
Screenshots: var/screenshots/democracy-boards-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories
NAMES = ["Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng", "Hồ Thị Em"]


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("device", list(DEVICES))
def test_front_sets_up_a_board_and_the_public_sees_it(live_server: Any, browser: Any, device: str,
                                                       reseeded_afterwards: None) -> None:  # fmt: skip
    from danvan.democracy.models import Board, Recommendation
    from danvan.democracy.tests.factories import make_democracy_world

    reference_data_restore()
    w = make_democracy_world()
    width = DEVICES[device]
    base = live_server.url
    page = new_page(browser, width, 800)
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("mattran")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)

    page.goto(base + "/van-hanh/dan-chu/ban/moi/")
    page.locator("#id_xa").select_option(str(w.commune.code))
    page.locator("input[name=kind][value=ttnd]").check()
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.locator("fieldset.card")).to_have_count(5)
    page.locator("#id_term_ends_on").fill("2031-03-01")
    for i, name in enumerate(NAMES):
        page.locator(f"#id_m-{i}-full_name").fill(name)
    page.locator("#id_m-0-role").select_option("head")
    fits(page, width)
    shot(page, f"democracy-boards-1-new-{device}")
    page.get_by_role("button", name="Thành lập ban").click()
    expect(page.locator("h1")).to_have_text(f"Ban Thanh tra nhân dân {w.commune.name}")
    board = Board.objects.get()
    page.locator("#send-recommendation summary").click()
    page.locator("#id_rec-to_organization").select_option(str(w.phuong.pk))
    page.locator("#id_rec-content").fill("Đề nghị sửa đèn chiếu sáng kiệt 3, hỏng hơn một tháng.")
    page.get_by_role("button", name="Gửi kiến nghị").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi kiến nghị")
    rec = Recommendation.objects.get()
    expect(page.locator("#recommendations ~ .card").first).to_contain_text(rec.due_on.strftime("%d/%m/%Y"))
    fits(page, width)
    shot(page, f"democracy-boards-2-board-{device}")
    page.context.close()

    public = new_page(browser, width, 800)
    public.goto(f"{base}/dan-chu/{w.commune.code}/ban/{board.pk}/")
    expect(public.locator("h1")).to_have_text(board.name)
    expect(public.locator("main")).to_contain_text("Nguyễn Thị Lan — Trưởng ban")
    expect(public.locator("main")).to_contain_text("Chờ trả lời")
    assert "mattran" not in public.content()
    fits(public, width)
    assert_accessible(public, f"the public board page ({device})")
    shot(public, f"democracy-boards-3-public-{device}")
    public.get_by_role("link", name="Phản ánh với Ban Thanh tra nhân dân").click()
    expect(public.locator("h1")).to_have_text("Phản ánh với Ban Thanh tra nhân dân")
    public.locator("#id_content").fill("Cống thoát nước kiệt 5 bị vỡ, nước tràn ra đường.")
    public.locator("#id_place_text").fill("Kiệt 5 Lê Lợi")
    public.locator("#id_name").fill("Nguyễn Văn Dân")
    public.locator("#id_phone").fill("0905123456")
    public.locator("#id_consent").check()
    fits(public, width)
    assert_accessible(public, f"the report form ({device})")
    shot(public, f"democracy-boards-4-report-{device}")
    public.get_by_role("button", name="Gửi", exact=True).click()
    public.wait_for_url(lambda url: "/ban-thanh-tra/gui/" not in url)
    expect(public.locator("main")).to_contain_text("Ban Thanh tra nhân dân")
    shot(public, f"democracy-boards-5-receipt-{device}")
    public.context.close()
