"""POST /cases/{case_id}/actions: staff steps by session or by a key with staff_act, and their refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.cases.api import ACTIONS
from danvan.cases.models import Case, CaseEvent
from danvan.cases.tests.api.world import PartnerWorld, Staff
from danvan.core.models import AuditEvent
from danvan.partners.models import ApiKey
from danvan.partners.services import api_key_revoke
from danvan.rest import auth

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def act(client: Client, case: Case | int, key: str | None, **body: Any) -> Any:
    headers = {"X-API-Key": key} if key else {}
    pk = case if isinstance(case, int) else case.pk
    return client.post(f"/api/v1/cases/{pk}/actions", body, content_type="application/json", headers=headers)


def walk(client: Client, case: Case, key: str, *steps: dict[str, Any]) -> dict[str, Any]:
    """Take every step; each must succeed. Returns the last reply."""
    data: dict[str, Any] = {}
    for step in steps:
        response = act(client, case, key, **step)
        assert response.status_code == 200, (step, response.json())
        data = response.json()
    return data


def test_a_feedback_item_is_registered_studied_answered_published_and_closed(client: Client, pw: PartnerWorld) -> None:
    case = pw.new_case(client)
    key = pw.issue("staff_act", user=pw.handler)
    registered = act(client, case, key, action="register", note="Đã vào sổ.")
    assert registered.status_code == 200
    data = registered.json()
    assert data["status"] == "registered" and data["id"] == case.pk and data["content"].startswith("Đèn đường")
    # ``assign`` too: the step registry lists it on an open case of a body, as the staff page offers it.
    assert data["allowed_actions"] == ["classify", "start_study", "transfer", "assign", "answer", "withdraw"]
    data = walk(client, case, key, {"action": "start_study"}, {"action": "answer", "answer_text": "Đã thay bóng đèn."})
    assert data["status"] == "answered" and data["answer"] == "Đã thay bóng đèn."
    # (that the citizen may now rate it is the end-to-end test's: danvan/api/tests/test_end_to_end.py)
    data = walk(client, case, key, {"action": "publish", "public_answer": "Đã sửa đèn."}, {"action": "close"})
    assert data["status"] == "closed" and data["allowed_actions"] == []
    case.refresh_from_db()
    assert case.public_answer == "Đã sửa đèn."
    # The services wrote the timeline and the audit log, in the name of the key's account.
    assert list(CaseEvent.objects.filter(case=case).values_list("action", flat=True)) == [
        "submit", "register", "start_study", "answer", "publish", "close"]  # fmt: skip
    answered = AuditEvent.objects.get(action="cases.answer", actor=pw.handler, object_id=str(case.pk))
    # ... and say the step came through the key, not from a person at a screen.
    prefix = ApiKey.objects.get(user=pw.handler).prefix
    assert answered.actor_label == f"{pw.handler.username} (qua API key {prefix})"


def test_a_complaint_goes_from_acceptance_to_legal_effect(client: Client, pw: PartnerWorld, staff: Staff) -> None:
    case = pw.new_case(client, kind="khieu_nai")
    key = pw.issue("staff_act", "staff_read", user=staff.head)
    data = walk(
        client, case, key,
        {"action": "accept", "document_number": "12/TB-UBND", "criteria": ["a", "c"]},
        {"action": "start_verification", "note": "Xác minh tại chỗ."},
        {"action": "hold_dialogue", "minutes": "Biên bản đối thoại.", "held_on": "2026-02-05"},
        {"action": "decide", "outcome": "partly_right", "decision_number": "34/QĐ-UBND",
         "answer_text": "Khiếu nại đúng một phần."},
        {"action": "send_decision"},
        {"action": "finalize"},
        {"action": "publish", "public_answer": "Quyết định số 34/QĐ-UBND."},
        {"action": "close", "note": "Lưu hồ sơ."},
    )  # fmt: skip
    assert data["status"] == "closed"
    case.refresh_from_db()
    assert case.criteria == ["a", "c"] and case.decision_number == "34/QĐ-UBND" and case.outcome == "partly_right"
    # GET shows the same detail with its allowed actions
    read = client.get(f"/api/v1/cases/{case.pk}", headers={"X-API-Key": key}).json()
    assert read == data


def test_a_denunciation_is_concluded_through_suspension_and_resumption(
    client: Client, pw: PartnerWorld, staff: Staff
) -> None:
    case = pw.new_case(client, kind="to_cao")
    key = pw.issue("staff_act", user=staff.head)
    data = walk(client, case, key, {"action": "accept"}, {"action": "start_verification"},
                {"action": "suspend", "reason": "Chờ kết quả giám định."})  # fmt: skip
    assert data["status"] == "suspended" and "resume" in data["allowed_actions"]
    data = walk(client, case, key, {"action": "resume", "decision_number": "5/QĐ"})
    assert data["status"] == "verifying" and "conclude" in data["allowed_actions"]
    # A simple case has no extension (Luật Tố cáo Art. 30): the guard's code comes back.
    refused = act(client, case, key, action="extend", decision_number="6/QĐ", reason="Cần thêm thời gian.")
    assert refused.status_code == 400 and refused.json()["code"] == "extension_not_allowed"
    data = walk(client, case, key, {"action": "conclude", "outcome": "wrong", "decision_number": "7/KL",
                                     "answer_text": "Nội dung tố cáo sai."}, {"action": "send_decision"})  # fmt: skip
    assert data["status"] == "notified"


@pytest.mark.parametrize(
    ("kind", "step", "status"),
    [
        ("chua_phan_loai", {"action": "classify", "track": "khieu_nai"}, "received"),
        ("pakn", {"action": "reject", "reason": "scope", "note": "Không thuộc phạm vi."}, "rejected"),
        ("khieu_nai", {"action": "court_filed", "note": "TAND TP Huế, 01/02/2026"}, "closed_court"),
        ("to_cao", {"action": "mark_info_only", "note": "Không rõ người tố cáo."}, "info_only"),
        ("pakn", {"action": "withdraw", "note": "Đơn xin rút ngày 04/02/2026."}, "terminated"),
    ],
)
def test_other_steps_reach_their_state(client: Client, pw: PartnerWorld, staff: Staff, kind: str,
                                       step: dict[str, Any], status: str) -> None:  # fmt: skip
    case = pw.new_case(client, kind=kind)
    response = act(client, case, pw.issue("staff_act", user=staff.head), **step)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == status
    if step["action"] == "classify":
        assert response.json()["kind"] == "khieu_nai"


def test_assign_gives_the_case_to_a_handler_of_its_body(client: Client, pw: PartnerWorld, staff: Staff) -> None:
    case = pw.new_case(client)
    head = pw.issue("staff_act", user=staff.head)
    assigned = act(client, case, head, action="assign", handler_id=pw.handler.pk)
    assert assigned.status_code == 200 and assigned.json()["handler_id"] == pw.handler.pk
    # someone who does not handle this body's cases, and an id nobody has, answer alike
    for handler_id in (staff.outsider.pk, 987_654_321):
        refused = act(client, case, head, action="assign", handler_id=handler_id)
        assert refused.status_code == 400 and refused.json()["code"] == "not_a_handler"
    # a handler may not assign (the head's step)
    handler = pw.issue("staff_act", user=pw.handler)
    assert act(client, case, handler, action="assign", handler_id=pw.handler.pk).json()["code"] == "forbidden"


def test_transfer_sends_the_case_to_another_body(client: Client, pw: PartnerWorld, staff: Staff) -> None:
    case = pw.new_case(client)
    key = pw.issue("staff_act", "staff_read", user=pw.handler)
    for body, code in (({"to_organization_id": 987_654_321, "reason": "x"}, "unknown_body"),
                       ({"to_organization_id": staff.other_body.pk, "reason": "  "}, "required"),
                       ({"to_organization_id": pw.body.pk, "reason": "x"}, "same_body")):  # fmt: skip
        refused = act(client, case, key, action="transfer", **body)
        assert refused.status_code == 400 and refused.json()["code"] == code
    moved = act(client, case, key, action="transfer", to_organization_id=staff.other_body.pk, reason="Thuộc Kim Long")
    assert moved.status_code == 200
    assert moved.json()["handling_body_id"] == staff.other_body.pk and moved.json()["status"] == "received"
    # no longer the handler's to see or act on
    assert client.get(f"/api/v1/cases/{case.pk}", headers={"X-API-Key": key}).status_code == 404
    assert act(client, case, key, action="register").status_code == 404


def test_a_step_not_allowed_now_is_refused_and_changes_nothing(client: Client, pw: PartnerWorld) -> None:
    case = pw.new_case(client)
    key = pw.issue("staff_act", user=pw.handler)
    walk(client, case, key, {"action": "register"})
    events = CaseEvent.objects.count()
    audits = AuditEvent.objects.count()
    # the same step again: not possible now (steps are not idempotent; see docs/api.md)
    again = act(client, case, key, action="register")
    assert again.status_code == 400
    assert again.json()["code"] == "transition_not_allowed" and "register" in again.json()["details"]["why"]
    # a step of another track
    assert act(client, case, key, action="accept").json()["code"] == "transition_not_allowed"
    # a rejection ground of another track
    assert act(client, case, key, action="reject", reason="6").json()["code"] == "bad_reason"
    case.refresh_from_db()
    assert case.status == "registered"
    assert CaseEvent.objects.count() == events and AuditEvent.objects.count() == audits


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "fly"}, "step.action"),
        ({"note": "no action"}, "step.action"),
        ({"action": "answer"}, "step.answer.answer_text"),
        ({"action": "register", "notes": "typo"}, "step.register.notes"),
        ({"action": "assign", "handler_id": "abc"}, "step.assign.handler_id"),
        ({"action": "decide", "outcome": "maybe", "decision_number": "1", "answer_text": "x"}, "step.decide.outcome"),
        ({"action": "accept", "criteria": ["z"]}, "step.accept.criteria.0"),
        ({"action": "answer", "answer_text": "x" * 10_001}, "step.answer.answer_text"),
    ],
)
def test_a_malformed_step_is_422_with_the_field(client: Client, pw: PartnerWorld, body: dict[str, Any],
                                                field: str) -> None:  # fmt: skip
    case = pw.new_case(client)
    response = act(client, case, pw.issue("staff_act", user=pw.handler), **body)
    assert response.status_code == 422 and response.json()["code"] == "invalid"
    assert field in response.json()["details"], response.json()
    assert CaseEvent.objects.filter(case=case).count() == 1  # only the submission


def test_an_unknown_action_lists_the_actions(client: Client, pw: PartnerWorld) -> None:
    case = pw.new_case(client)
    response = act(client, case, pw.issue("staff_act", user=pw.handler), action="fly")
    message = response.json()["details"]["step.action"]
    assert message.startswith("Hành động không") or message.startswith("Unknown action")
    assert all(action in message for action in ACTIONS)
    english = client.post(f"/api/v1/cases/{case.pk}/actions", {"action": "fly"}, content_type="application/json",
                          headers={"X-API-Key": pw.issue("staff_act", user=pw.handler), "Accept-Language": "en"})  # fmt: skip
    assert english.json()["details"]["step.action"].startswith("Unknown action. Choose one of: classify, register")


def test_who_may_act(client: Client, pw: PartnerWorld, staff: Staff) -> None:
    case = pw.new_case(client)
    step = {"action": "register"}
    # no credentials; keys without staff_act (even staff_read)
    assert act(client, case, None, **step).status_code == 401
    for key in (pw.key, pw.read_key, pw.issue("staff_read", user=pw.handler)):
        refused = act(client, case, key, **step)
        assert refused.status_code == 403 and refused.json()["code"] == "scope_missing"
    # a staff_act key whose account cannot see the case: exactly the answer for a case that does not exist
    outsider = pw.issue("staff_act", user=staff.outsider)
    hidden, missing = act(client, case, outsider, **step), act(client, 987_654_321, outsider, **step)
    assert hidden.status_code == missing.status_code == 404 and hidden.content == missing.content
    assert act(client, 2**70, outsider, **step).content == missing.content
    # an account that reads the case but does not handle it; a handler taking the head's step
    assert act(client, case, pw.issue("staff_act", user=staff.viewer), **step).json()["code"] == "forbidden"
    handler = pw.issue("staff_act", user=pw.handler)
    walk(client, case, handler, {"action": "register"}, {"action": "transfer", "to_organization_id": staff.other_body.pk, "reason": "x"})  # fmt: skip
    case = pw.new_case(client, kind="khieu_nai")
    walk(client, case, handler, {"action": "accept"}, {"action": "start_verification"})
    decide = {"action": "decide", "outcome": "right", "decision_number": "1/QĐ", "answer_text": "Đúng."}
    forbidden = act(client, case, handler, **decide)
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"
    case.refresh_from_db()
    assert case.status == "verifying"


def test_a_denunciation_stays_hidden_from_those_who_may_not_read_it(
    client: Client, pw: PartnerWorld, staff: Staff
) -> None:
    case = pw.new_case(client, kind="to_cao")
    viewer = pw.issue("staff_act", user=staff.viewer)  # dân vận reads complaints, never denunciations
    assert (
        act(client, case, viewer, action="accept").content == act(client, 987_654_321, viewer, action="accept").content
    )


@pytest.mark.parametrize("which", ["wrong", "revoked", "expired"])
def test_a_bad_staff_key_is_refused(client: Client, pw: PartnerWorld, frozen_clock: Any, which: str) -> None:
    import datetime as dt

    from danvan.core import clock

    case = pw.new_case(client)
    key = pw.issue("staff_act", user=pw.handler, expires_at=clock.now() + dt.timedelta(days=1))
    if which == "wrong":
        key += "x"
    elif which == "revoked":
        api_key_revoke(actor=pw.operator, api_key=ApiKey.objects.get(name="Khóa staff_act"), reason="thử")
    else:
        frozen_clock.shift(dt.timedelta(days=2))
    response = act(client, case, key, action="register")
    assert response.status_code == 401 and response.json()["code"] == "invalid_api_key"
    case.refresh_from_db()
    assert case.status == "received"


def test_a_session_acts_with_its_csrf_token(pw: PartnerWorld) -> None:
    client = Client(enforce_csrf_checks=True)
    case = pw.new_case(client)
    client.force_login(pw.handler)
    assert act(client, case, None, action="register").json()["code"] == "csrf_failed"
    client.get("/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(f"/api/v1/cases/{case.pk}/actions", {"action": "register"}, content_type="application/json",
                           headers={"X-CSRFToken": token})  # fmt: skip
    assert response.status_code == 200 and response.json()["status"] == "registered"


def test_steps_are_rate_limited(client: Client, pw: PartnerWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.cache import cache

    case = pw.new_case(client)
    cache.clear()  # the submission counted against the same address
    monkeypatch.setattr(auth, "WRITE_LIMIT", 1)
    key = pw.issue("staff_act", user=pw.handler)
    assert act(client, case, key, action="register").status_code == 200
    limited = act(client, case, key, action="start_study")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    case.refresh_from_db()
    assert case.status == "registered"


def test_the_detail_lists_the_steps_allowed_now(client: Client, pw: PartnerWorld) -> None:
    case = pw.new_case(client, kind="khieu_nai")
    key = pw.issue("staff_read", user=pw.handler)
    detail = client.get(f"/api/v1/cases/{case.pk}", headers={"X-API-Key": key}).json()
    # In the staff page's order; ``split`` and the other steps without a REST action are not listed.
    assert detail["allowed_actions"] == [
        "classify", "accept", "reject", "transfer", "assign", "court_filed", "withdraw"]  # fmt: skip


def test_a_nul_character_in_a_step_is_422(client: Client, pw: PartnerWorld) -> None:
    case = pw.new_case(client)
    response = act(client, case, pw.issue("staff_act", user=pw.handler), action="register", note="a\x00b")
    assert response.status_code == 422 and "step.register.note" in response.json()["details"]
    case.refresh_from_db()
    assert case.status == "received"
