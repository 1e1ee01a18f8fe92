"""The schedule over REST, the morning reminders and `danvan reception_sessions`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from danvan.notifications.models import Notification
from danvan.reception import choices
from danvan.reception.models import ReceptionSession
from danvan.reception.sweeps import schedule as sweep
from danvan.reception.tests.factories import at, session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_the_public_sessions_endpoint_filters_and_names_nobody(client, rworld, django_assert_max_num_queries):
    first = session(rworld.point, rworld.chair, at(2026, 2, 9), duty=rworld.duty)
    session(rworld.point, rworld.chair, at(2026, 2, 16), duty=rworld.duty)
    session(rworld.point, rworld.chair, at(2026, 2, 1), duty=rworld.duty)  # past: not listed by default
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/reception/sessions", {"body": rworld.phuong.pk, "to": "2026-02-10"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and [r["id"] for r in body["results"]] == [first.pk]
    row = body["results"][0]
    assert row["head_kind"] == "ubnd_chair" and row["point_address"] == rworld.point.address
    assert "head" not in row and rworld.chair.full_name not in response.content.decode()
    assert client.get("/api/v1/reception/sessions", {"point": rworld.point.pk}).json()["count"] == 2
    assert client.get("/api/v1/reception/sessions", {"from": "2026-03-01", "to": "2026-02-01"}).status_code == 422
    assert client.get("/api/v1/reception/sessions", {"body": 999999}).status_code == 404
    one = client.get(f"/api/v1/reception/sessions/{first.pk}")
    assert one.status_code == 200 and one.json()["starts_at"].startswith("2026-02-09T07:30:00+07:00")
    assert client.get("/api/v1/reception/sessions/999999").status_code == 404


def test_an_ad_hoc_session_over_the_api(client, rworld):
    payload = {"point_id": rworld.point.pk, "head_id": rworld.chair.pk, "reason": "Nhiều hộ dân kéo đến",
               "starts_at": "2026-02-06T14:00:00+07:00", "ends_at": "2026-02-06T16:00:00+07:00"}  # fmt: skip
    url = "/api/v1/reception/sessions/ad-hoc"
    assert client.post(url, payload, content_type="application/json").status_code == 401
    client.force_login(rworld.other_officer)
    assert client.post(url, {**payload, "trigger": "serious_harm"}, content_type="application/json").status_code == 403
    client.force_login(rworld.officer)
    refused = client.post(url, payload, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "no_trigger"
    made = client.post(url, {**payload, "trigger": "serious_harm"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["kind"] == "ad_hoc"
    assert ReceptionSession.objects.get().ad_hoc_trigger == "serious_harm"


def test_the_day_before_the_head_and_the_officers_are_reminded_once(rworld):
    tomorrow = session(rworld.point, rworld.chair, at(2026, 2, 6), duty=rworld.duty)
    session(rworld.point, rworld.chair, at(2026, 2, 9), duty=rworld.duty)  # not tomorrow
    session(rworld.point, rworld.chair, at(2026, 2, 6, 14, 0), status=choices.SessionStatus.CANCELLED)
    assert sweep.sweep(dt.date(2026, 2, 5)) == {"sessions_reminded": 1, "people_reminded": 2}
    in_app = Notification.objects.filter(channel="in_app", about_kind=sweep.ABOUT_SESSION, about_id=tomorrow.pk)
    assert {n.recipient for n in in_app} == {rworld.chair, rworld.officer}
    assert "06/02/2026" in in_app[0].subject and in_app[0].link.endswith(f"/phien/{tomorrow.pk}/")
    assert sweep.sweep(dt.date(2026, 2, 5)) == {"sessions_reminded": 0, "people_reminded": 0}
    assert in_app.count() == 2


def test_the_command_generates_idempotently(rworld):
    out = io.StringIO()
    call_command("reception_sessions", "--from", "2026-02-01", "--to", "2026-02-28", "--body", rworld.phuong.code,
                 stdout=out)  # fmt: skip
    assert "Đã tạo 3 buổi" in out.getvalue()
    again = io.StringIO()
    call_command("reception_sessions", "--from", "2026-02-01", "--to", "2026-02-28", stdout=again)
    assert "Đã tạo 0 buổi" in again.getvalue() and "3 buổi đã có" in again.getvalue()
    assert ReceptionSession.objects.count() == 3


def test_an_ad_hoc_session_over_the_api_refuses_a_video_link_other_than_https(client, rworld):
    payload = {"point_id": rworld.point.pk, "head_id": rworld.chair.pk, "reason": "Nhiều hộ dân kéo đến",
               "trigger": "serious_harm", "starts_at": "2026-02-06T14:00:00+07:00",
               "ends_at": "2026-02-06T16:00:00+07:00", "mode": "online", "video_url": "javascript:alert(1)"}  # fmt: skip
    client.force_login(rworld.officer)
    refused = client.post("/api/v1/reception/sessions/ad-hoc", payload, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "bad_fields"
    assert set(refused.json()["details"]) == {"video_url"} and not ReceptionSession.objects.exists()
