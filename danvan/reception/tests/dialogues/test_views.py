"""Dialogue pages: the public list (query count pinned) and page (hidden questions and askers never
shown), the public question form (closed window, rate limit, retry), and the officers' pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import officer
from danvan.reception.choices import CommitmentStatus, DialogueStatus
from danvan.reception.models import Dialogue, DialogueCommitment, DialogueQuestion
from danvan.reception.tests.dialogues.helpers import commitment, dialogue, held, question
from danvan.reception.tests.factories import at

pytestmark = pytest.mark.django_db


def test_the_public_list_reads_in_a_fixed_number_of_queries(rworld: Any, frozen_clock: Any, client: Client,
                                                            django_assert_max_num_queries: Any) -> None:  # fmt: skip
    for i in range(3):
        dialogue(rworld, subject=f"Chợ tạm số {i}")
        d = held(rworld, subject=f"Kiệt ngập số {i}")
        question(d)
        commitment(d, rworld.phuong, dt.date(2026, 3, 1), status=CommitmentStatus.KEPT)
    dialogue(rworld, subject="Bản nháp chưa công bố", invitation="")
    dialogue(rworld, subject="Đã hủy", status=DialogueStatus.CANCELLED)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("reception:dialogues_public"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Chợ tạm số") == 3 and page.count("Kiệt ngập số") == 3
    assert "Bản nháp" not in page and "Đã hủy" not in page
    assert "1/1" in page  # commitments kept / recorded


def test_the_public_list_filters_by_place(rworld: Any, frozen_clock: Any, client: Client) -> None:
    dialogue(rworld, subject="Ở Phú Xuân")
    dialogue(rworld, subject="Ở Kim Long", organization=rworld.other, unit=rworld.other.unit)
    page = client.get(reverse("reception:dialogues_public"), {"noi": rworld.other.unit_id}).content.decode()
    assert "Ở Kim Long" in page and "Ở Phú Xuân" not in page


def test_the_public_page_hides_hidden_questions_and_every_asker(rworld: Any, frozen_clock: Any, client: Client) -> None:
    d = held(rworld)
    question(d, "Bao giờ nạo vét cống kiệt?", answer="Trong tháng này.")
    question(d, "Câu hỏi lăng mạ cán bộ", is_hidden=True, hidden_reason="Lời lẽ xúc phạm")
    commitment(d, rworld.phuong, dt.date(2026, 2, 20), text="Nạo vét toàn tuyến cống")
    page = client.get(reverse("reception:dialogue_public", args=[d.pk])).content.decode()
    assert "Bao giờ nạo vét cống kiệt?" in page and "Trong tháng này." in page
    assert "lăng mạ" not in page and "xúc phạm" not in page
    assert "Hoàng Thị Mai" not in page and "0905123456" not in page
    assert "Nạo vét toàn tuyến cống" in page and "20/02/2026" in page and rworld.phuong.name in page
    assert DialogueQuestion.objects.filter(is_hidden=True).count() == 1  # kept
    # The officers still read it, with the asker.
    client.force_login(rworld.chair)
    staff = client.get(reverse("reception:dialogue_detail", args=[d.pk])).content.decode()
    assert "lăng mạ" in staff and "Lời lẽ xúc phạm" in staff and "Hoàng Thị Mai" in staff


def test_a_draft_dialogue_is_not_public(rworld: Any, frozen_clock: Any, client: Client) -> None:
    d = dialogue(rworld, invitation="")
    assert client.get(reverse("reception:dialogue_public", args=[d.pk])).status_code == 404
    assert client.get(reverse("reception:dialogue_invitation", args=[d.pk])).status_code == 404
    client.force_login(rworld.chair)
    assert client.get(reverse("reception:dialogue_invitation", args=[d.pk])).status_code == 200


def test_a_citizen_sends_a_question_once_even_if_the_form_is_sent_twice(rworld: Any, frozen_clock: Any,
                                                                        client: Client) -> None:  # fmt: skip
    d = dialogue(rworld)
    url = reverse("reception:dialogue_public", args=[d.pk])
    page = client.get(url).content.decode()
    assert 'name="request_key"' in page and 'name="asker_name"' in page
    form = {"text": "Cống đầu kiệt bị rác bít", "asker_name": "Lê Văn Tư", "asker_contact": "", "request_key": "k" * 30}
    first = client.post(url, form)
    second = client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert DialogueQuestion.objects.filter(dialogue=d).count() == 1
    thanks = client.get(first["Location"]).content.decode()
    assert "Cống đầu kiệt bị rác bít" in thanks and "Lê Văn Tư" not in thanks


def test_an_empty_question_is_told_next_to_the_field(rworld: Any, frozen_clock: Any, client: Client) -> None:
    d = dialogue(rworld)
    response = client.post(reverse("reception:dialogue_public", args=[d.pk]), {"text": "", "request_key": "k" * 30})
    assert response.status_code == 400 and 'id="error-summary"' in response.content.decode()
    assert not DialogueQuestion.objects.exists()


def test_after_questions_until_the_form_is_gone_and_a_late_post_is_refused(rworld: Any, frozen_clock: Any,
                                                                           client: Client) -> None:  # fmt: skip
    d = dialogue(rworld)
    frozen_clock.move_to(at(2026, 2, 9, 17, 0))
    url = reverse("reception:dialogue_public", args=[d.pk])
    assert 'name="request_key"' not in client.get(url).content.decode()
    response = client.post(url, {"text": "Trễ hạn", "request_key": "k" * 30})
    assert response.status_code == 400
    assert not DialogueQuestion.objects.exists()


@override_settings(DANVAN_RATE_LIMITS={"dialogue_question": {"window_seconds": 3600, "per_device": 2,
                                                             "per_address": 300, "without_cookie": 2}})  # fmt: skip
def test_the_question_form_is_rate_limited(rworld: Any, frozen_clock: Any, client: Client) -> None:
    d = dialogue(rworld)
    url = reverse("reception:dialogue_public", args=[d.pk])
    client.get(url)  # the device cookie
    for i in range(2):
        assert client.post(url, {"text": f"Câu hỏi {i}", "request_key": f"key-{i}-" + "x" * 20}).status_code == 302
    refused = client.post(url, {"text": "Câu hỏi 3", "request_key": "key-3-" + "x" * 20})
    assert refused.status_code == 429
    assert DialogueQuestion.objects.count() == 2


def test_the_invitation_prints_in_the_nd30_layout(rworld: Any, frozen_clock: Any, client: Client) -> None:
    d = dialogue(rworld)
    page = client.get(reverse("reception:dialogue_invitation", args=[d.pk])).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "GIẤY MỜI" in page
    assert "/GM-UBND" in page and d.subject in page and "Điều 26 Luật Thực hiện dân chủ ở cơ sở" in page


# Officers' pages ------------------------------------------------------------------------------------------------


def test_the_chair_plans_publishes_records_and_settles_through_the_pages(rworld: Any, frozen_clock: Any,
                                                                         client: Client) -> None:  # fmt: skip
    client.force_login(rworld.chair)
    assert client.get(reverse("reception:dialogue_list")).status_code == 200
    assert client.get(reverse("reception:dialogue_plan")).status_code == 200
    response = client.post(reverse("reception:dialogue_plan"), {
        "organization": rworld.phuong.pk, "convener": "state", "head": rworld.chair.pk, "subject": "Di dời chợ tạm",
        "location": "Hội trường UBND phường", "planned_at": "2026-02-03T14:00", "questions_until": ""})  # fmt: skip
    assert response.status_code == 400 and not Dialogue.objects.exists()  # in the past: told, nothing stored
    response = client.post(reverse("reception:dialogue_plan"), {
        "organization": rworld.phuong.pk, "convener": "state", "head": rworld.chair.pk, "subject": "Di dời chợ tạm",
        "location": "Hội trường UBND phường", "planned_at": "2026-02-20T14:00",
        "questions_until": "2026-02-18T17:00", "unit": rworld.phuong.unit_id})  # fmt: skip
    d = Dialogue.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reception:dialogue_detail", args=[d.pk])
    assert client.post(reverse("reception:dialogue_act", args=[d.pk, "publish"]), {"invitation": ""}).status_code == 302
    d.refresh_from_db()
    assert d.invitation
    q = question(d)
    assert (
        client.post(
            reverse("reception:dialogue_question_act", args=[q.pk, "hide"]), {f"h{q.pk}-reason": ""}
        ).status_code
        == 400
    )
    assert client.post(reverse("reception:dialogue_question_act", args=[q.pk, "answer"]),
                       {f"a{q.pk}-answer": "Chợ mới ở đường Nhật Lệ"}).status_code == 302  # fmt: skip
    frozen_clock.move_to(at(2026, 2, 20, 18, 0))
    client.force_login(rworld.chair)  # a staff session ends after 30 idle minutes
    assert client.post(reverse("reception:dialogue_act", args=[d.pk, "held"]),
                       {"held_at": "2026-02-20T14:00", "attendance": "60", "minutes": "Biên bản"}).status_code == 302  # fmt: skip
    response = client.post(reverse("reception:dialogue_act", args=[d.pk, "commitment"]),
                           {"text": "Bố trí sạp", "owner_organization": "", "due_on": "2026-03-01"})  # fmt: skip
    assert response.status_code == 400 and not DialogueCommitment.objects.exists()
    assert client.post(reverse("reception:dialogue_act", args=[d.pk, "commitment"]),
                       {"text": "Bố trí sạp", "owner_organization": rworld.phuong.pk, "due_on": "2026-03-01"}).status_code == 302  # fmt: skip
    c = DialogueCommitment.objects.get()
    assert client.post(reverse("reception:dialogue_commitment_act", args=[c.pk, "close"]),
                       {f"c{c.pk}-status": "kept", f"c{c.pk}-note": "Đã bố trí 120 sạp"}).status_code == 302  # fmt: skip
    d.refresh_from_db()
    assert d.status == DialogueStatus.CLOSED


def test_another_wards_head_sees_none_of_this_wards_staff_pages(rworld: Any, frozen_clock: Any, client: Client) -> None:
    stranger = officer("chutichkl", Role.HEAD, rworld.other)
    d = held(rworld)
    q = question(d)
    c = commitment(d, rworld.phuong, dt.date(2026, 2, 20))
    client.force_login(stranger)
    assert d.subject not in client.get(reverse("reception:dialogue_list")).content.decode()
    assert client.get(reverse("reception:dialogue_detail", args=[d.pk])).status_code == 404
    assert client.post(reverse("reception:dialogue_question_act", args=[q.pk, "hide"]),
                       {f"h{q.pk}-reason": "Xúc phạm"}).status_code == 404  # fmt: skip
    assert client.post(reverse("reception:dialogue_commitment_act", args=[c.pk, "close"]),
                       {f"c{c.pk}-status": "kept", f"c{c.pk}-note": "Xong"}).status_code == 404  # fmt: skip
    q.refresh_from_db()
    c.refresh_from_db()
    assert not q.is_hidden and c.status == CommitmentStatus.OPEN


def test_the_owner_bodys_handler_settles_from_his_commitments_page(
    rworld: Any, frozen_clock: Any, client: Client
) -> None:
    d = held(rworld)
    c = commitment(d, rworld.phuong, dt.date(2026, 2, 20))
    client.force_login(rworld.handler)
    page = client.get(reverse("reception:dialogue_commitments")).content.decode()
    assert c.text in page
    assert client.get(reverse("reception:dialogue_detail", args=[d.pk])).status_code == 404  # not a manager
    response = client.post(reverse("reception:dialogue_commitment_act", args=[c.pk, "progress"]),
                           {f"p{c.pk}-note": "Đã nạo vét 50 m", "back": "mine"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == reverse("reception:dialogue_commitments")
    c.refresh_from_db()
    assert c.progress == "05/02/2026: Đã nạo vét 50 m"


def test_the_public_page_reads_in_a_fixed_number_of_queries(rworld: Any, frozen_clock: Any, client: Client,
                                                            django_assert_max_num_queries: Any) -> None:  # fmt: skip
    d = held(rworld)
    for i in range(5):
        question(d, f"Câu hỏi {i}", answer="Trả lời")
        commitment(d, rworld.phuong if i % 2 else rworld.other, dt.date(2026, 3, 1), text=f"Việc hứa số {i}")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("reception:dialogue_public", args=[d.pk]))
    assert response.content.decode().count("Việc hứa số") == 5
