"""The boards' pages, the citizen's report through cases' intake, the API and the demo."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from PIL import Image

from danvan.cases.models import Attachment, Case
from danvan.democracy.enums import RecommendationStatus
from danvan.democracy.models import Board, Recommendation
from danvan.democracy.services import boards as svc
from danvan.democracy.tests.factories import village
from danvan.org.models import Organization

pytestmark = pytest.mark.django_db
D = dt.date(2026, 3, 2)


def ttnd(world):
    members = [svc.MemberInput(full_name=f"Thành viên {i}", village_id=[world.village.pk, world.village2.pk][i]
                               if i < 2 else None, role="head" if i == 0 else "member") for i in range(5)]  # fmt: skip
    return svc.board_ttnd_create(actor=world.front_officer, commune=world.commune, established_on=D,
                                 term_ends_on=dt.date(2031, 3, 1), members=members)  # fmt: skip


def photo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, "JPEG")
    return buf.getvalue()


def test_public_pages_show_names_and_roles_never_contacts(dworld, client):
    board = ttnd(dworld)
    svc.recommendation_send(actor=dworld.front_officer, board=board, to_organization=dworld.phuong,
                            content="Đề nghị sửa đèn đường kiệt 3.", sent_on=D)  # fmt: skip
    code = dworld.commune.code
    for url in (
        reverse("democracy:public_boards", args=[code]),
        reverse("democracy:public_board", args=[code, board.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Thành viên 0" in html and "Trưởng ban" in html and "Đề nghị sửa đèn" in html
        assert dworld.front_officer.username not in html
        for contact in ("09", "@", "tel:"):
            assert contact not in html.split("<main", 1)[1].split("</main>", 1)[0], contact
    assert client.get(reverse("democracy:public_boards", args=["99999"])).status_code == 404


def test_citizen_report_becomes_a_case_addressed_to_the_board(dworld, client):
    ttnd(dworld)
    body = Organization.objects.get(unit=dworld.commune, kind__code="ban_thanh_tra_nhan_dan")
    url = reverse("democracy:public_board_report", args=[dworld.commune.code])
    form = client.get(url)
    assert form.status_code == 200
    key = form.context["form"].initial["idempotency_key"]
    data = {"content": "Cống thoát nước kiệt 5 bị vỡ, nước tràn ra đường.", "place_text": "Kiệt 5 Lê Lợi",
            "name": "Nguyễn Văn Dân", "phone": "0905123456", "consent": "on", "idempotency_key": key}  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    sent = client.post(url, {**data, "attachments": SimpleUploadedFile("cong.jpg", photo(), "image/jpeg")})
    assert sent.status_code == 303, sent.content.decode()[:3000]
    assert sent["Location"] == reverse("cases:case_receipt")
    case = Case.objects.get()
    assert (case.track, case.handling_organization_id, case.place_unit_id, case.place_text, case.topic.code,
            case.contact_name, case.channel) == (
        "pakn", body.pk, dworld.commune.pk, "Kiệt 5 Lê Lợi", svc.REPORT_TOPIC, "Nguyễn Văn Dân", "web")  # fmt: skip
    assert Attachment.objects.filter(case=case).count() == 1
    receipt = client.get(sent["Location"])
    assert case.tracking_code in receipt.content.decode()
    # the same form sent again: the same case, never a second one
    again = client.post(url, data)
    assert again.status_code == 303 and Case.objects.count() == 1


def test_citizen_report_missing_fields_stores_nothing(dworld, client):
    ttnd(dworld)
    url = reverse("democracy:public_board_report", args=[dworld.commune.code])
    page = client.post(url, {"content": "ngắn", "place_text": ""})
    assert page.status_code == 400 and not Case.objects.exists()
    assert 'role="alert"' in page.content.decode()


def test_no_ttnd_no_report_form(dworld, client):
    assert client.get(reverse("democracy:public_board_report", args=[dworld.commune.code])).status_code == 404


def test_front_officer_sets_up_a_board_on_the_page(dworld, client):
    client.force_login(dworld.front_officer)
    url = reverse("democracy:board_new")
    page = client.get(url, {"xa": dworld.commune.code, "kind": "ttnd"})
    assert page.status_code == 200
    assert page.context["formset"].total_form_count() == 5
    post = {"xa": dworld.commune.code, "kind": "ttnd", "established_on": "2026-03-02", "term_ends_on": "2031-03-01",
            "m-TOTAL_FORMS": "5", "m-INITIAL_FORMS": "0"}  # fmt: skip
    for i in range(4):
        post[f"m-{i}-full_name"], post[f"m-{i}-role"] = f"Người {i}", "member"
    short = client.post(url, post)
    assert short.status_code == 400 and not Board.objects.exists()
    assert "Điều 37" in short.content.decode()
    post["m-4-full_name"], post["m-4-role"] = "Người 4", "head"
    done = client.post(url, post)
    board = Board.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("democracy:board_detail", args=[board.pk])
    detail = client.get(done["Location"])
    assert detail.status_code == 200 and "Người 4" in detail.content.decode()
    rec = client.post(reverse("democracy:board_action", args=[board.pk, "recommendation"]),
                      {"rec-to_organization": dworld.phuong.pk, "rec-content": "Đề nghị trả lời.", "rec-sent_on": "2026-03-02"})  # fmt: skip
    assert rec.status_code == 302
    assert Recommendation.objects.get().due_on == dt.date(2026, 3, 17)


def test_staff_pages_refuse_others(dworld, client):
    board = ttnd(dworld)
    client.force_login(dworld.chair)
    assert client.get(reverse("democracy:board_list")).status_code == 403
    assert client.get(reverse("democracy:board_detail", args=[board.pk])).status_code == 404


def test_answer_page_only_for_the_addressed_body(dworld, client):
    board = ttnd(dworld)
    rec = svc.recommendation_send(actor=dworld.front_officer, board=board, to_organization=dworld.phuong,
                                  content="Đề nghị sửa đèn.", sent_on=D)  # fmt: skip
    url = reverse("democracy:recommendation_answer", args=[rec.pk])
    client.force_login(dworld.other_chair)
    assert client.get(url).status_code == 404
    assert "Đề nghị sửa đèn" not in client.get(reverse("democracy:recommendation_inbox")).content.decode()
    client.force_login(dworld.handler)
    assert "Đề nghị sửa đèn" in client.get(reverse("democracy:recommendation_inbox")).content.decode()
    assert client.post(url, {"answer": "Đã sửa xong.", "answered_on": "2026-03-05"}).status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.answered_on) == (RecommendationStatus.ANSWERED, dt.date(2026, 3, 5))


def test_api_list_create_recommend_answer(dworld, client):
    client.force_login(dworld.front_officer)
    members = [{"full_name": f"API {i}"} for i in range(5)]
    base = {"commune_code": dworld.commune.code, "kind": "ttnd", "established_on": "2026-03-02",
            "term_ends_on": "2031-03-01"}  # fmt: skip
    bad = client.post("/api/v1/democracy/boards", json.dumps({**base, "members": members[:4]}),
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == "board_size"
    made = client.post("/api/v1/democracy/boards", json.dumps({**base, "members": members}),
                       content_type="application/json")  # fmt: skip
    assert made.status_code == 201, made.content
    board_id = made.json()["id"]
    sent = client.post(f"/api/v1/democracy/boards/{board_id}/recommendations",
                       json.dumps({"to_organization_id": dworld.phuong.pk, "content": "Đề nghị.", "sent_on": "2026-03-02"}),
                       content_type="application/json")  # fmt: skip
    assert sent.status_code == 201 and sent.json()["due_on"] == "2026-03-17"
    client.force_login(dworld.other_chair)
    answer = {"answer": "Không phải việc của chúng tôi.", "answered_on": "2026-03-04"}
    refused = client.post(f"/api/v1/democracy/recommendations/{sent.json()['id']}/answer", json.dumps(answer),
                          content_type="application/json")  # fmt: skip
    # another body's recommendation answers as a missing one (core.errors.NotFound: the same answer)
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    listed = client.get(f"/api/v1/democracy/communes/{dworld.commune.code}/boards").json()
    assert [m["full_name"] for m in listed[0]["members"]] == [f"API {i}" for i in range(5)]
    assert "phone" not in json.dumps(listed)


def test_figures(dworld):
    board = ttnd(dworld)
    rec = svc.recommendation_send(actor=dworld.front_officer, board=board, to_organization=dworld.phuong,
                                  content="Một.", sent_on=D)  # fmt: skip
    svc.recommendation_answer(actor=dworld.handler, recommendation=rec, answer="Xong.", on=dt.date(2026, 3, 18))
    from danvan.democracy.selectors.boards import figures

    got = figures([dworld.commune.pk, dworld.other_commune.pk], 2026)
    assert got[dworld.commune.pk] == {"boards": 1, "boards_meeting_rules": 1, "recommendations": 1,
                                      "answered_on_time": 0, "answered_late": 1, "unanswered_overdue": 0}  # fmt: skip
    assert got[dworld.other_commune.pk]["boards"] == 0
    # a third village makes the five-member board still valid (seats = max(5, 3))
    village(dworld.commune, dworld.phuong, "tdp-3", "Tổ dân phố 3")
    assert figures([dworld.commune.pk], 2026)[dworld.commune.pk]["boards_meeting_rules"] == 1
