"""Review 16's findings on the boards (M2, M5, L5, L6): a recommendation only to the board's answer
bodies, a board set-up refused whole for one bad member row, retries stored once, and another
commune's board answering 404 as a missing one. Exact codes, statuses and rows."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError
from danvan.democracy import errors
from danvan.democracy.models import Board, BoardMember, BoardReport, Inspection, Recommendation
from danvan.democracy.services import boards as svc
from danvan.notifications.selectors import notification_inbox

pytestmark = pytest.mark.django_db
D = dt.date(2026, 3, 2)


def ttnd(world):
    members = [svc.MemberInput(full_name=f"Thành viên {i}", village_id=[world.village.pk, world.village2.pk][i]
                               if i < 2 else None) for i in range(5)]  # fmt: skip
    return svc.board_ttnd_create(actor=world.front_officer, commune=world.commune, established_on=D,
                                 term_ends_on=dt.date(2031, 3, 1), members=members)  # fmt: skip


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


# M2 --------------------------------------------------------------------------------------------------


def test_the_service_refuses_a_body_of_another_commune(dworld):
    board = ttnd(dworld)
    with pytest.raises(DomainError) as caught:
        svc.recommendation_send(actor=dworld.front_officer, board=board, to_organization=dworld.other,
                                content="Đề nghị.", sent_on=D)  # fmt: skip
    assert caught.value.code == errors.NOT_ANSWER_BODY == "not_answer_body"
    assert "39" in str(caught.value.message) and "44" in str(caught.value.message)
    assert not Recommendation.objects.exists()
    assert notification_inbox(user=dworld.other_chair).unread == 0


def test_the_api_refuses_another_communes_body_and_a_missing_one_alike(dworld, client):
    board = ttnd(dworld)
    client.force_login(dworld.front_officer)
    url = f"/api/v1/democracy/boards/{board.pk}/recommendations"
    body = {"content": "Đề nghị.", "sent_on": "2026-03-02"}
    other = post_json(client, url, body | {"to_organization_id": dworld.other.pk})
    missing = post_json(client, url, body | {"to_organization_id": 9_999_999})
    assert (other.status_code, other.json()["code"]) == (400, "not_answer_body")
    assert missing.status_code == 400 and missing.json() == other.json()
    assert not Recommendation.objects.exists()
    sent = post_json(client, url, body | {"to_organization_id": dworld.phuong.pk})
    assert sent.status_code == 201 and sent.json()["due_on"] == "2026-03-17"


# L5 --------------------------------------------------------------------------------------------------


def test_a_retried_recommendation_is_stored_and_notified_once(dworld):
    board = ttnd(dworld)
    kw = dict(actor=dworld.front_officer, board=board, to_organization=dworld.phuong, content=" Đề nghị. ", sent_on=D)
    first, created = svc.recommendation_store(**kw)
    notified = notification_inbox(user=dworld.handler).unread
    again, created_again = svc.recommendation_store(**kw | {"content": "Đề nghị."})
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert Recommendation.objects.count() == 1
    assert AuditEvent.objects.filter(action="democracy.recommendation_send").count() == 1
    assert notification_inbox(user=dworld.handler).unread == notified >= 1
    other_day = svc.recommendation_send(**kw | {"sent_on": dt.date(2026, 3, 3)})
    assert other_day.pk != first.pk and Recommendation.objects.count() == 2


def test_the_api_answers_201_then_200_for_a_retry(dworld, client):
    board = ttnd(dworld)
    client.force_login(dworld.front_officer)
    url = f"/api/v1/democracy/boards/{board.pk}/recommendations"
    body = {"to_organization_id": dworld.phuong.pk, "content": "Đề nghị.", "sent_on": "2026-03-02"}
    first, again = post_json(client, url, body), post_json(client, url, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json() and Recommendation.objects.count() == 1


def test_a_retried_report_or_inspection_is_stored_once(dworld):
    board = ttnd(dworld)
    report = dict(actor=dworld.front_officer, board=board, period="quarter", year=2026, number=1,
                  content="Báo cáo quý I.", sent_on=dt.date(2026, 3, 31))  # fmt: skip
    assert svc.report_send(**report).pk == svc.report_send(**report).pk
    assert BoardReport.objects.count() == 1
    insp = dict(
        actor=dworld.front_officer, board=board, subject="Đèn đường kiệt 3", starts_on=D, findings="Hỏng 2 đèn."
    )
    assert svc.inspection_record(**insp).pk == svc.inspection_record(**insp).pk
    assert Inspection.objects.count() == 1
    assert AuditEvent.objects.filter(action="democracy.inspection_record").count() == 1


# L6 --------------------------------------------------------------------------------------------------


def test_a_board_the_caller_may_not_manage_answers_like_a_missing_one(dworld, client):
    board = ttnd(dworld)
    client.force_login(dworld.other_chair)
    body = {"to_organization_id": dworld.other.pk, "content": "Đề nghị.", "sent_on": "2026-03-02"}
    theirs = post_json(client, f"/api/v1/democracy/boards/{board.pk}/recommendations", body)
    missing = post_json(client, "/api/v1/democracy/boards/9999999/recommendations", body)
    assert (theirs.status_code, theirs.json()["code"]) == (404, "not_found")
    assert missing.status_code == 404 and missing.json() == theirs.json()
    assert not Recommendation.objects.exists()


# M5 --------------------------------------------------------------------------------------------------


def test_one_bad_member_row_refuses_the_whole_board_and_shows_on_its_row(dworld, client):
    client.force_login(dworld.front_officer)
    url = reverse("democracy:board_new")
    post = {"xa": dworld.commune.code, "kind": "gsdtcd", "established_on": "2026-03-02",
            "project": "Bê tông hóa kiệt 7", "m-TOTAL_FORMS": "7", "m-INITIAL_FORMS": "0"}  # fmt: skip
    for i in range(6):
        post[f"m-{i}-full_name"], post[f"m-{i}-role"] = f"Người {i}", "member"
    post["m-6-role"] = "member"  # the empty row, as a browser sends it
    post["m-3-full_name"] = "X" * 201  # one row too long: five good rows would otherwise make a board
    refused = client.post(url, post)
    assert refused.status_code == 400
    assert not Board.objects.exists() and not BoardMember.objects.exists()
    page = refused.content.decode()
    assert 'id="id_m-3-full_name_error"' in page and 'id="id_m-2-full_name_error"' not in page
    post["m-3-full_name"] = "Người 3"
    done = client.post(url, post)
    assert done.status_code == 302, done.context["form"].errors
    assert BoardMember.objects.count() == 6
