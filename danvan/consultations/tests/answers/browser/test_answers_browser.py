"""The authority's answer in a real browser: the ward's chair suggests the groups of a closed consultation's
comments, answers each (first refused "not accepted" without its reason), records the decision and
publishes the summary; then a resident reads it without an account. At 360 px and at desktop width;
screenshots under var/screenshots/consultations-answers-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "DanVan@2026"


def _world() -> Any:
    from danvan.consultations import choices
    from danvan.consultations.models import Comment
    from danvan.consultations.tests.factories import make_consultations_world

    reference_data_restore()
    w = make_consultations_world()
    w.d.chair.set_password(PASSWORD)
    w.d.chair.save(update_fields=["password"])
    c = w.consultation
    c.status = choices.Status.CLOSED
    c.save(update_fields=["status"])
    for key, text, extra in [
        ("dieu-1", "Chợ tạm ở đường Lê Lợi quá xa nhà dân, người già đi lại khó khăn.", {}),
        ("dieu-1", "cho tam o duong le loi qua xa nha dan, nguoi gia di lai kho khan", {}),
        ("dieu-3", "Cần miễn phí thuê sạp 12 tháng thay vì 6 tháng.",
         {"channel": choices.Channel.MEETING, "source_ref": "Biên bản họp tổ dân phố 1", "supporters": 12}),
    ]:  # fmt: skip
        Comment.objects.create(consultation=c, section_key=key, text=text, **extra)
    return w


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_officer_answers_and_publishes_and_a_resident_reads_it(reseeded_afterwards, live_server, request,
                                                                   browser, screen):  # fmt: skip
    from playwright.sync_api import expect

    from danvan.consultations.models import CommentGroup
    from danvan.core import clock
    from danvan.core.testing.browser import new_page

    w = _world()
    c = w.consultation
    page, base = request.getfixturevalue(screen), live_server.url
    width = 360 if screen == "phone" else 1280
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(w.d.chair.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)

    page.goto(f"{base}/van-hanh/gop-y/dot/{c.code}/tra-loi/")
    page.get_by_role("button", name="Gợi ý xếp nhóm").click()
    expect(page.locator(".ca-group")).to_have_count(2)
    groups = list(CommentGroup.objects.filter(consultation=c).order_by("section_key"))
    first, second = groups
    assert first.comments.count() == 2  # the same view with and without diacritics

    # "Not accepted" without its reason is refused on the reason field.
    box = page.locator(f"#nhom-{second.pk}")
    box.get_by_label("Không tiếp thu", exact=True).check()
    box.locator(f"#id_g{second.pk}-text").fill("Không tiếp thu.")
    box.get_by_role("button", name="Lưu câu trả lời").click()
    expect(page.locator(f"#id_g{second.pk}-reason_error")).to_contain_text("Nêu lý do không tiếp thu")
    shot(page, f"consultations-answers-refused-{screen}")
    page.locator(f"#id_g{second.pk}-reason").fill("Ngân sách phường chỉ đủ hỗ trợ 6 tháng.")
    page.locator(f"#nhom-{second.pk}").get_by_role("button", name="Lưu câu trả lời").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu nội dung trả lời")

    box = page.locator(f"#nhom-{first.pk}")
    box.get_by_label("Tiếp thu", exact=True).check()
    box.locator(f"#id_g{first.pk}-text").fill("Phường bố trí xe đưa đón người cao tuổi ra chợ tạm.")
    box.get_by_role("button", name="Lưu câu trả lời").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu nội dung trả lời")
    if screen == "phone":
        _fits(page, width)
    shot(page, f"consultations-answers-staff-{screen}")

    page.locator("#id_decided_on").fill(clock.today().isoformat())
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận quyết định")
    page.locator("#id_text").fill("UBND phường tiếp thu ý kiến về chợ tạm và giải trình ý kiến về miễn phí thuê sạp.")
    page.get_by_role("button", name="Công khai báo cáo tổng hợp").click()
    expect(page.locator("h1")).to_have_text("Tổng hợp ý kiến và kết quả tiếp thu, giải trình")

    # A resident, no account, on the same screen size.
    reader = new_page(browser, width, 740 if screen == "phone" else 800)
    reader.goto(f"{base}/gop-y/{c.code}/ket-qua/")
    expect(reader.locator(".ca-badge")).to_have_count(2)
    expect(reader.locator("main")).to_contain_text("Ngân sách phường chỉ đủ hỗ trợ 6 tháng.")
    expect(reader.locator("main")).to_contain_text("Phường bố trí xe đưa đón người cao tuổi ra chợ tạm.")
    assert w.d.chair.full_name not in reader.content()
    if screen == "phone":
        _fits(reader, width)
    shot(reader, f"consultations-answers-summary-{screen}")
    reader.locator(".ca-comment-list summary").first.click()
    shot(reader, f"consultations-answers-summary-open-{screen}")
    reader.context.close()
