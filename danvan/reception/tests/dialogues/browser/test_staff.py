"""The chair's dialogue page in a real browser: answer a question, hide an insulting one with the reason,
record a commitment (refused without an owner body, the message next to the field), on a desktop and a
360-px phone. Screenshots: var/screenshots/dialogues-staff-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("mat-khau-thu-nghiem")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_chair_answers_moderates_and_records_a_commitment(reseeded_afterwards: None, live_server: Any,
                                                              device: str, request: Any) -> None:  # fmt: skip
    from danvan.core import clock
    from danvan.org.models import AdministrativeUnit
    from danvan.reception.choices import DialogueStatus, QuestionStage
    from danvan.reception.models import Dialogue, DialogueCommitment, DialogueQuestion
    from danvan.reception.tests.factories import make_reception_world

    if not AdministrativeUnit.objects.exists():
        reference_data_restore()
    w = make_reception_world()
    now = clock.now()
    d = Dialogue.objects.create(
        organization=w.phuong, convener="state", head=w.chair, unit=w.phuong.unit, subject="Ngập úng kiệt 14",
        location="Nhà văn hóa Tổ dân phố 1", planned_at=now - dt.timedelta(days=1), status=DialogueStatus.HELD,
        held_at=now - dt.timedelta(days=1), minutes="Biên bản", invitation="Kính mời.")  # fmt: skip
    good = DialogueQuestion.objects.create(dialogue=d, stage=QuestionStage.BEFORE, text="Bao giờ nạo vét cống?",
                                           asker_name="Hoàng Thị Mai")  # fmt: skip
    rude = DialogueQuestion.objects.create(dialogue=d, stage=QuestionStage.BEFORE, text="Câu hỏi lăng mạ cán bộ")
    page = request.getfixturevalue(device)
    _login(page, live_server.url, "chutich")
    page.goto(f"{live_server.url}/van-hanh/doi-thoai/{d.pk}/")
    card = page.locator(f"#q{good.pk}")
    card.locator("summary", has_text="Trả lời").click()
    card.locator(f"#id_a{good.pk}-answer").fill("Tuần sau phường nạo vét toàn tuyến.")
    card.locator("button[type=submit]", has_text="Lưu câu trả lời").click()
    expect(page.locator(".messages")).to_be_visible()
    card = page.locator(f"#q{rude.pk}")
    card.locator("summary", has_text="Ẩn khỏi trang công khai").click()
    card.locator(f"#id_h{rude.pk}-reason").fill("Lời lẽ xúc phạm")
    card.locator("button[type=submit]", has_text="Ẩn").click()
    expect(page.locator(f"#q{rude.pk} .tag-warn")).to_contain_text("Lời lẽ xúc phạm")
    section = page.locator("#cam-ket")
    section.locator("summary", has_text="Ghi cam kết").click()
    section.locator("#id_text").fill("Nạo vét toàn tuyến cống kiệt 14")
    section.locator("#id_due_on").fill((clock.today() + dt.timedelta(days=10)).isoformat())
    section.locator("button[type=submit]", has_text="Ghi nhận").click()
    expect(page.locator("#cam-ket .error").first).to_contain_text("cơ quan chịu trách nhiệm")
    shot(page, f"dialogues-staff-commitment-error-{device}")
    assert not DialogueCommitment.objects.exists()
    section = page.locator("#cam-ket")
    section.locator("#id_owner_organization").select_option(str(w.phuong.pk))
    section.locator("button[type=submit]", has_text="Ghi nhận").click()
    expect(page.locator("#cam-ket article.card")).to_contain_text("Nạo vét toàn tuyến cống kiệt 14")
    assert page.evaluate("document.documentElement.scrollWidth") <= (360 if device == "phone" else 1280)
    shot(page, f"dialogues-staff-detail-{device}")
    good.refresh_from_db()
    rude.refresh_from_db()
    assert good.answer == "Tuần sau phường nạo vét toàn tuyến." and rude.is_hidden
    assert DialogueCommitment.objects.get().owner_organization == w.phuong
