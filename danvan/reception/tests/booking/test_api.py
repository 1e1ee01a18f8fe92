"""Booking over REST: book a slot (idempotent by request key), read a booking by code and phone."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.reception.models import Booking
from danvan.reception.tests.booking.conftest import book

pytestmark = pytest.mark.usefixtures("frozen_clock")

BODY = {"name": "Nguyễn Thị Lan", "phone": "0912 345 678", "subject": "Xin hướng dẫn thủ tục",
        "request_key": "app-7f3a9c21"}  # fmt: skip


def post(client: Client, session_id: int, body: dict) -> dict:
    response = client.post(f"/api/v1/reception/sessions/{session_id}/bookings", body, content_type="application/json")
    return {**response.json(), "http": response.status_code}


def test_a_booking_is_created_then_a_retry_returns_it(client: Client, monday) -> None:
    first = post(client, monday.pk, BODY)
    assert first["http"] == 201 and first["created"] is True and first["status"] == "confirmed"
    assert first["code"].startswith("LH-") and first["session_id"] == monday.pk
    assert first["starts_at"] == "2026-02-09T07:30:00+07:00" and first["video_url"] == ""
    again = post(client, monday.pk, BODY)
    assert again["http"] == 200 and again["code"] == first["code"] and again["created"] is False
    assert Booking.objects.count() == 1


def test_refusals_carry_their_codes(client: Client, monday) -> None:
    book(monday, 1), book(monday, 2), book(monday, 3), book(monday, 4), book(monday, 5)
    full = post(client, monday.pk, BODY)
    assert (full["http"], full["code"]) == (400, "session_full")
    bad = post(client, monday.pk, {**BODY, "phone": "12", "request_key": "app-other-1"})
    assert (bad["http"], bad["code"]) == (400, "bad_fields") and set(bad["details"]) == {"phone"}
    assert post(client, 999_999, BODY)["http"] == 404


def test_a_booking_is_read_with_its_phone_only(client: Client, monday) -> None:
    booking = book(monday, 1).booking
    book(monday, 2)
    waiting = book(monday, 3).booking
    read = client.get(f"/api/v1/reception/bookings/{booking.code}", {"phone": "+84905000001"})
    assert read.status_code == 200 and read.json()["status"] == "confirmed"
    assert "name" not in read.json() and "id_number" not in read.json()
    queued = client.get(f"/api/v1/reception/bookings/{waiting.code}", {"phone": waiting.phone}).json()
    assert queued["waiting_position"] == 1
    wrong = client.get(f"/api/v1/reception/bookings/{booking.code}", {"phone": "0905999999"})
    assert wrong.status_code == 404 and wrong.json()["code"] == "not_found"
