"""The REST endpoints: follow by code (public), issue a notice (staff, idempotent), report on a task."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.reception.models import ConclusionNotice
from danvan.reception.tests.conclusions.helpers import issue, task
from danvan.reception.tests.factories import visit

pytestmark = pytest.mark.django_db
DUE = dt.date(2026, 2, 20)


def _payload(rworld: Any, **extra: Any) -> dict[str, Any]:
    body = {"organization_id": rworld.phuong.pk, "summary": "Ngập kiệt", "body": "Giao phường nạo vét.",
            "signer_title": "CHỦ TỊCH", "request_key": "api-1",
            "tasks": [{"description": "Nạo vét", "owner_organization_id": rworld.phuong.pk, "due_on": "2026-02-20"}]}  # fmt: skip
    return {**body, **extra}


def test_a_notice_is_followed_by_its_code_without_a_person(client, rworld, frozen_clock) -> None:
    v = visit(rworld.phuong, rworld.officer, visitor_name="Nguyễn Văn An")
    notice = issue(rworld, [task(rworld, DUE, owner_user=rworld.handler)], visit=v, body="Ông Nguyễn Văn An …")
    response = client.get(f"/api/v1/reception/conclusions/follow/{notice.follow_code.lower()}")
    assert response.status_code == 200
    data = response.json()
    assert data["number"] == "01/TB-UBND" and data["summary"] == "Ngập kiệt 12 Hùng Vương khi mưa lớn"
    assert data["tasks"] == [{"description": "Khảo sát, nạo vét cống thoát nước kiệt 12 Hùng Vương", "status": "open",
                              "owner_body": "UBND Phường Phú Xuân", "due_on": "2026-02-20", "done_on": None,
                              "overdue": False}]  # fmt: skip
    assert "Nguyễn" not in response.content.decode()
    assert client.get("/api/v1/reception/conclusions/follow/KL-2345-6789").json()["code"] == "not_found"


def test_the_head_issues_a_notice_once_per_request_key(client, rworld, frozen_clock) -> None:
    client.force_login(rworld.chair)
    first = client.post("/api/v1/reception/conclusions", _payload(rworld), content_type="application/json")
    again = client.post("/api/v1/reception/conclusions", _payload(rworld), content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and first.json()["number"] == "01/TB-UBND"
    assert ConclusionNotice.objects.count() == 1


def test_refusals_carry_their_codes(client, rworld, frozen_clock) -> None:
    client.force_login(rworld.chair)
    no_owner = _payload(rworld, tasks=[{"description": "Nạo vét", "due_on": "2026-02-20"}])
    response = client.post("/api/v1/reception/conclusions", no_owner, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "no_owner")
    past = _payload(
        rworld, tasks=[{"description": "x", "owner_organization_id": rworld.phuong.pk, "due_on": "2026-01-01"}]
    )
    response = client.post("/api/v1/reception/conclusions", past, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "bad_date")
    client.force_login(rworld.handler)
    response = client.post("/api/v1/reception/conclusions", _payload(rworld), content_type="application/json")
    assert response.status_code == 403
    assert not ConclusionNotice.objects.exists()


def test_task_progress_by_the_owner_body_not_another(client, rworld, frozen_clock) -> None:
    t = issue(rworld, [task(rworld, DUE)]).tasks.get()
    url = f"/api/v1/reception/conclusions/tasks/{t.pk}/progress"
    client.force_login(rworld.other_officer)
    assert client.post(url, {"action": "done", "note": "xong"}, content_type="application/json").status_code == 403
    client.force_login(rworld.handler)
    progress = client.post(url, {"action": "progress", "note": "đang làm"}, content_type="application/json")
    assert progress.json() == {"id": t.pk, "status": "open", "done_on": None}
    done = client.post(url, {"action": "done", "note": "xong"}, content_type="application/json")
    assert done.json() == {"id": t.pk, "status": "done", "done_on": "2026-02-05"}
    closed = client.post(url, {"action": "cancel", "note": "x"}, content_type="application/json")
    assert (closed.status_code, closed.json()["code"]) == (400, "bad_state")
