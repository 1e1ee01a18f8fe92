"""Issue 19's journey across the five parts, in a real browser (Debian's chromium, live server).

The ward's chair (desktop) creates a consultation, pastes the draft and opens it (drafts); a resident on
a 360-px phone finds it in the public list, reads it, comments on a section, votes on statements one at a
time and adds one (participation); thirty other people in two groups vote through the services, the map
is computed and the phone opens it (maps); the chair closes the consultation, suggests the groups of
comments, answers them (one accepted, one not accepted with its reason), records the decision and
publishes the summary (answers); the phone reads the summary, and the commune's public page (democracy)
shows the consultation and the item-11 disclosure. Every public page: nothing wider than the phone, no
console error, axe finds nothing serious. Screenshots: var/screenshots/consultations-journey-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.accessibility import assert_accessible
from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Phương án sắp xếp bến xe buýt trước chợ Phú Xuân"
DRAFT = """DỰ THẢO PHƯƠNG ÁN
Sắp xếp bến xe buýt trước chợ Phú Xuân

Điều 1. Phạm vi
Dời điểm dừng xe buýt trước cổng chợ sang đường bên cạnh, cách 80 m.

Điều 2. Lối đi bộ
1. Kẻ vạch lối đi bộ rộng 2 m từ điểm dừng mới đến cổng chợ.
2. Lắp mái che và ghế chờ.

Điều 3. Thời gian thực hiện
Thực hiện trong quý III năm nay.
"""
# The first two split the thirty others into two groups; the last two everyone agrees on.
STATEMENTS = [
    ("dieu-1", "Nên dời điểm dừng xe buýt ra xa cổng chợ"),
    ("dieu-1", "Giữ điểm dừng xe buýt ngay trước cổng chợ cho người già"),
    ("dieu-2", "Cần mái che ở điểm dừng mới"),
    ("dieu-3", "Nên làm xong trước mùa mưa"),
]


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("mat-khau-thu-nghiem")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _public(page: Any, label: str, width: int, what: str) -> None:
    """A public page as every step leaves it: Vietnamese, fits, no console error, accessible, shot."""
    assert page.locator("html").get_attribute("lang") == "vi"
    _fits(page, width)
    assert page.console_errors == [], page.console_errors
    assert_accessible(page, what)
    shot(page, f"consultations-journey-{label}")


def _others_vote(c: Any) -> None:
    """Thirty people vote through the participation service: fifteen for moving the stop, fifteen against."""
    from danvan.consultations.models import Statement
    from danvan.consultations.services.participation import Who, vote_cast

    rows = {s.text: s.pk for s in Statement.objects.filter(consultation=c)}
    move, keep, roof, rain = (rows[text] for _key, text in STATEMENTS)
    for i in range(30):
        who = Who(device=f"thiet-bi-{i:02d}")
        first = 1 if i < 15 else -1
        for pk, value in ((move, first), (keep, -first), (roof, 1), (rain, 1)):
            vote_cast(consultation=c, who=who, statement_id=pk, value=value)


def test_a_consultation_from_the_draft_to_the_published_answers(reseeded_afterwards: None, live_server: Any,
                                                                 phone: Any, desktop: Any) -> None:  # fmt: skip
    from danvan.consultations.models import CommentGroup, Consultation
    from danvan.consultations.services import maps
    from danvan.consultations.services.participation import statement_seed
    from danvan.core import clock
    from danvan.democracy.tests.factories import make_democracy_world

    reference_data_restore()
    world = make_democracy_world()
    base, today = live_server.url, clock.today()

    # 1. The ward's chair creates the consultation, pastes the draft and opens it (desktop).
    _login(desktop, base, "chutich")
    desktop.goto(base + "/van-hanh/gop-y/moi/")
    desktop.locator("#id_item").select_option("5")
    desktop.locator("#id_title").fill(TITLE)
    desktop.locator("#id_summary").fill("Dời điểm dừng xe buýt để giảm ùn tắc trước cổng chợ.")
    desktop.locator("#id_audience").select_option("commune")
    desktop.locator("#id_verification").select_option("open")
    desktop.get_by_label("Nền tảng này").check()
    desktop.locator("#id_opens_on").fill(today.isoformat())
    desktop.locator("#id_closes_on").fill((today + dt.timedelta(days=14)).isoformat())
    desktop.locator("#id_text").fill(DRAFT)
    desktop.get_by_role("button", name="Lưu", exact=True).click()
    expect(desktop.locator("h1")).to_contain_text(TITLE)
    desktop.get_by_role("button", name="Mở lấy ý kiến ngay").click()
    expect(desktop.locator(".messages")).to_contain_text("Đã mở lấy ý kiến")
    c = Consultation.objects.get(title=TITLE)
    staff_url = f"/van-hanh/gop-y/dot/{c.code}/"
    for path in ("kiem-duyet/", "ban-do-y-kien/", "tra-loi/"):  # the chair's staff pages (keying in: test_links)
        expect(desktop.locator(f"main a[href='{staff_url}{path}']").first).to_be_attached()
    shot(desktop, "consultations-journey-1-staff-open-desktop")
    for key, text in STATEMENTS:
        statement_seed(actor=world.chair, consultation=c, text=text, section_key=key)

    # 2. A resident on a 360-px phone finds it in the public list and reads the draft.
    phone.goto(base + "/gop-y/")
    phone.locator("#cd-q").fill("ben xe buyt")
    phone.get_by_role("button", name="Tìm", exact=True).click()
    expect(phone.locator(".cd-card")).to_have_count(1)
    _public(phone, "2-list-phone", 360, "the public list")
    phone.get_by_role("link", name=TITLE).click()
    expect(phone.locator("h1")).to_have_text(TITLE)
    expect(phone.locator("#dieu-2 h3")).to_have_text("Điều 2. Lối đi bộ")
    main = phone.locator("main")
    for path in ("bieu-quyet/", "gop-y/", "ban-do-y-kien/"):  # the other parts' public pages
        expect(main.locator(f"a[href='/gop-y/{c.code}/{path}']").first).to_be_attached()
    _public(phone, "2-public-phone", 360, "the consultation's public page")

    # 3. It comments on article 2 from the article's own link.
    phone.locator("#dieu-2 a.cd-comment").click()
    expect(phone.locator("#id_section")).to_have_value("dieu-2")
    phone.fill("#id_text", "Đề nghị kẻ vạch lối đi bộ rộng 3 m vì giờ tan chợ rất đông người.")
    phone.click("#pv-send")
    expect(phone.locator("#pv-receipt")).to_be_visible()
    _public(phone, "3-comment-phone", 360, "the comment page")

    # 4. It votes on the statements one at a time, then adds one.
    phone.goto(f"{base}/gop-y/{c.code}/bieu-quyet/")
    expect(phone.locator("#pv-progress")).to_have_text("đã trả lời 0/4")
    _public(phone, "4-vote-phone", 360, "the voting page")
    for button, done in (("#pv-agree", 1), ("#pv-disagree", 2), ("#pv-agree", 3), ("#pv-pass", 4)):
        phone.click(button)
        expect(phone.locator("#pv-progress")).to_have_text(f"đã trả lời {done}/4")
    expect(phone.locator("#pv-done")).to_be_visible()
    phone.fill("#id_text", "Cần đèn chiếu sáng ở lối đi bộ mới")
    phone.select_option("#id_section", "dieu-2")
    phone.click("#pv-add")
    expect(phone.locator(".messages")).to_be_visible()
    expect(phone.locator("#pv-statement")).to_have_text("Cần đèn chiếu sáng ở lối đi bộ mới")
    _public(phone, "4-vote-added-phone", 360, "the voting page after adding a statement")

    # 5. Thirty others vote through the services; the map is computed; the phone opens it.
    _others_vote(c)
    assert maps.recompute(c) is not None
    phone.goto(f"{base}/gop-y/{c.code}/")
    expect(phone.locator("#om-block")).to_contain_text("người")
    phone.locator("#om-block a", has_text="Xem bản đồ ý kiến").click()
    expect(phone.locator("#om-state")).to_have_attribute("data-state", "ready")
    expect(phone.locator("svg.om-chart text.om-label").first).to_contain_text("Nhóm A · ")
    expect(phone.locator("#om-consensus")).to_contain_text("Cần mái che ở điểm dừng mới")
    _public(phone, "5-map-phone", 360, "the opinion map")
    desktop.goto(f"{base}/gop-y/{c.code}/ban-do-y-kien/")
    expect(desktop.locator("#om-state")).to_have_attribute("data-state", "ready")
    _public(desktop, "5-map-desktop", 1280, "the opinion map (desktop)")

    # 6. The chair closes it, suggests the groups of comments and answers them.
    from danvan.consultations.services.participation import Who, comment_add

    comment_add(consultation=c, who=Who(device="thiet-bi-00"), section_key="dieu-3",
                text="Nên làm vào mùa khô để không ảnh hưởng người đi chợ.")  # fmt: skip
    desktop.goto(base + staff_url)
    desktop.get_by_role("button", name="Kết thúc lấy ý kiến").click()
    expect(desktop.locator(".messages")).to_be_visible()
    c.refresh_from_db()
    assert c.status == "closed"
    desktop.goto(f"{base}{staff_url}tra-loi/")
    desktop.get_by_role("button", name="Gợi ý xếp nhóm").click()
    expect(desktop.locator(".ca-group")).to_have_count(2)
    walk, time = CommentGroup.objects.filter(consultation=c).order_by("section_key")
    box = desktop.locator(f"#nhom-{walk.pk}")
    box.get_by_label("Tiếp thu", exact=True).check()
    box.locator(f"#id_g{walk.pk}-text").fill("Phường kẻ vạch lối đi bộ rộng 3 m.")
    box.get_by_role("button", name="Lưu câu trả lời").click()
    expect(desktop.locator(".messages")).to_contain_text("Đã lưu nội dung trả lời")
    box = desktop.locator(f"#nhom-{time.pk}")
    box.get_by_label("Không tiếp thu", exact=True).check()
    box.locator(f"#id_g{time.pk}-text").fill("Giữ thời gian thực hiện trong quý III.")
    box.locator(f"#id_g{time.pk}-reason").fill("Nguồn vốn được bố trí cho quý III; quý III là mùa khô ở Huế.")
    box.get_by_role("button", name="Lưu câu trả lời").click()
    expect(desktop.locator(".messages")).to_contain_text("Đã lưu nội dung trả lời")
    shot(desktop, "consultations-journey-6-answers-desktop")
    desktop.locator("#id_decided_on").fill(today.isoformat())
    desktop.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(desktop.locator(".messages")).to_contain_text("Đã ghi nhận quyết định")
    desktop.locator("#id_text").fill("UBND phường tiếp thu ý kiến về lối đi bộ và giải trình về thời gian thực hiện.")
    desktop.get_by_role("button", name="Công khai báo cáo tổng hợp").click()
    expect(desktop.locator("h1")).to_have_text("Tổng hợp ý kiến và kết quả tiếp thu, giải trình")
    _public(desktop, "6-summary-desktop", 1280, "the summary (desktop)")

    # 7. The phone reads the summary from the consultation's page.
    phone.goto(f"{base}/gop-y/{c.code}/")
    expect(phone.locator(f"main a[href='/gop-y/{c.code}/ket-qua/']").first).to_be_attached()
    _public(phone, "7-public-closed-phone", 360, "the consultation's page once answered")
    desktop.goto(f"{base}/gop-y/{c.code}/")
    _public(desktop, "7-public-closed-desktop", 1280, "the consultation's page once answered (desktop)")
    phone.locator(f"main a[href='/gop-y/{c.code}/ket-qua/']").first.click()
    expect(phone.locator(".ca-badge")).to_have_count(2)
    expect(phone.locator("main")).to_contain_text("Nguồn vốn được bố trí cho quý III")
    assert world.chair.full_name not in phone.content()
    _public(phone, "7-summary-phone", 360, "the summary")

    # 8. The commune's public page shows the consultation and the item-11 disclosure.
    phone.goto(f"{base}/dan-chu/{world.commune.code}/")
    expect(phone.locator("main")).to_contain_text(TITLE)
    _public(phone, "8-commune-phone", 360, "the commune's public page")
    phone.goto(f"{base}/dan-chu/{world.commune.code}/cong-khai/")
    expect(phone.locator("main")).to_contain_text(TITLE)
    _public(phone, "8-disclosures-phone", 360, "the commune's disclosures")
