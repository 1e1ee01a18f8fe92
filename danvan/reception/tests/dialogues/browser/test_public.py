"""The public dialogue pages in a real browser (Debian's chromium through Playwright, live server).

On a 360-px phone and on a desktop, a citizen finds an upcoming dialogue in the list, sends a question
without an account (name optional) and is thanked, and reads the commitments of a dialogue held last
week with their owner body, due date and status. The asker's name never reaches a public page; nothing is
wider than the phone. Screenshots: var/screenshots/dialogues-*.png.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def world() -> tuple[Any, Any]:
    from danvan.core import clock
    from danvan.org.models import AdministrativeUnit
    from danvan.reception.choices import CommitmentStatus, DialogueStatus, QuestionStage
    from danvan.reception.models import Dialogue, DialogueCommitment, DialogueQuestion
    from danvan.reception.tests.factories import make_reception_world

    if not AdministrativeUnit.objects.exists():  # a previous live-server test flushed the database
        reference_data_restore()
    w = make_reception_world()
    now = clock.now()
    common = {"organization": w.phuong, "convener": "state", "head": w.chair, "unit": w.phuong.unit,
              "invitation": "Kính mời bà con dự hội nghị đối thoại."}  # fmt: skip
    upcoming = Dialogue.objects.create(
        subject="Di dời chợ tạm Thuận Lộc", audience="Tiểu thương và Nhân dân", location="Hội trường UBND phường",
        planned_at=now + dt.timedelta(days=10), questions_until=now + dt.timedelta(days=8), **common)  # fmt: skip
    past = Dialogue.objects.create(
        subject="Ngập úng kiệt 14 Đặng Trần Côn", audience="Nhân dân Tổ dân phố 1", location="Nhà văn hóa Tổ dân phố 1",
        planned_at=now - dt.timedelta(days=7), status=DialogueStatus.HELD, held_at=now - dt.timedelta(days=7),
        attendance=46, minutes="Bà con phản ánh ngập úng kéo dài; Chủ tịch kết luận ba việc.", **common)  # fmt: skip
    DialogueQuestion.objects.create(dialogue=past, stage=QuestionStage.BEFORE, text="Bao giờ nạo vét cống đầu kiệt?",
                                    answer="Phường nạo vét toàn tuyến trong tuần này.", asker_name="Hoàng Thị Mai")  # fmt: skip
    today = clock.today()
    for text, due, status in [("Nạo vét toàn tuyến cống kiệt 14", today - dt.timedelta(days=2), CommitmentStatus.KEPT),
                              ("Thêm điểm tập kết rác đầu kiệt", today + dt.timedelta(days=2), CommitmentStatus.OPEN),
                              ("Lập hồ sơ nâng cốt mặt kiệt", today + dt.timedelta(days=60), CommitmentStatus.OPEN)]:  # fmt: skip
        DialogueCommitment.objects.create(
            dialogue=past, text=text, owner_organization=w.phuong, due_on=due, status=status
        )
    return upcoming, past


def no_overflow(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_citizen_sends_a_question_and_reads_the_commitments(reseeded_afterwards: None, live_server: Any,
                                                              device: str, request: Any) -> None:  # fmt: skip
    from danvan.reception.models import DialogueQuestion

    page = request.getfixturevalue(device)
    width = 360 if device == "phone" else 1280
    upcoming, past = world()
    page.goto(live_server.url + "/doi-thoai/")
    expect(page.locator("h1")).to_be_visible()
    expect(page.get_by_role("link", name=upcoming.subject)).to_be_visible()
    no_overflow(page, width)
    shot(page, f"dialogues-list-{device}")
    page.get_by_role("link", name=upcoming.subject).click()
    page.wait_for_url(f"{live_server.url}/doi-thoai/{upcoming.pk}/")
    page.locator("#id_text").fill("Chợ mới có đủ chỗ cho tất cả các sạp hiện nay không? Phí thuê sạp bao nhiêu?")
    page.locator("#id_asker_name").fill("Nguyễn Thị Lan")
    shot(page, f"dialogues-question-form-{device}")
    page.locator("form.dl-question-form button[type=submit]").click()
    expect(page.locator(".result-message")).to_be_visible()
    no_overflow(page, width)
    shot(page, f"dialogues-question-sent-{device}")
    assert page.content().count("Nguyễn Thị Lan") == 0
    assert DialogueQuestion.objects.filter(dialogue=upcoming, asker_name="Nguyễn Thị Lan").count() == 1
    page.goto(f"{live_server.url}/doi-thoai/{past.pk}/")
    table = page.locator(".dl-commitments")
    expect(table).to_contain_text("Nạo vét toàn tuyến cống kiệt 14")
    expect(table).to_contain_text("Lập hồ sơ nâng cốt mặt kiệt")
    expect(table).to_contain_text(past.organization.name)
    expect(page.locator("#cau-hoi + ol")).to_contain_text("Phường nạo vét toàn tuyến trong tuần này.")
    assert "Hoàng Thị Mai" not in page.content()
    no_overflow(page, width)
    shot(page, f"dialogues-commitments-{device}")
