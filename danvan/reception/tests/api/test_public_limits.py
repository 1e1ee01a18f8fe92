"""Reception's public REST endpoints apply the web's fair-limit rules (docs/limits.md), not only the
generic per-address API throttle: bookings per contact and per address (an API caller has no device
cookie, so all of an address's calls count together), look-ups of a booking, questions to a dialogue
and follow codes of a notice — each refused with 429 ``rate_limited`` and ``Retry-After``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from danvan.notifications.models import Notification
from danvan.reception.models import Booking
from danvan.reception.tests.dialogues.helpers import dialogue
from danvan.reception.tests.factories import at, session

pytestmark = pytest.mark.usefixtures("frozen_clock")
API = "/api/v1"


def _rule(settings: Any, name: str, **fields: int) -> None:
    settings.DANVAN_RATE_LIMITS = {**settings.DANVAN_RATE_LIMITS,
                                   name: {**settings.DANVAN_RATE_LIMITS[name], **fields}}  # fmt: skip


def _book(client: Client, session_id: int, phone: str, key: str, name: str = "Nguyễn Thị Lan") -> Any:
    body = {"name": name, "phone": phone, "subject": "Xin hướng dẫn thủ tục", "request_key": key}
    return client.post(f"{API}/reception/sessions/{session_id}/bookings", body, content_type="application/json")


def test_bookings_to_one_phone_are_limited_per_contact(client: Client, rworld: Any, settings: Any) -> None:
    _rule(settings, "booking_create", per_contact=2, without_cookie=100)
    sessions = [session(rworld.point, rworld.chair, at(2026, 2, 9 + day)) for day in range(3)]
    assert [_book(client, s.pk, "0912 345 678", f"key-contact-{s.pk}").status_code for s in sessions[:2]] == [201, 201]
    refused = _book(client, sessions[2].pk, "+84912345678", "key-contact-last")  # the same phone, written otherwise
    assert (refused.status_code, refused.json()["code"]) == (429, "rate_limited") and int(refused["Retry-After"]) > 0
    assert Booking.objects.count() == 2
    assert _book(client, sessions[2].pk, "0912 345 679", "key-contact-other").status_code == 201  # another phone


def test_bookings_from_one_address_without_a_cookie_count_together(client: Client, rworld: Any, settings: Any) -> None:
    _rule(settings, "booking_create", without_cookie=2)
    s = session(rworld.point, rworld.chair, at(2026, 2, 9))
    assert _book(client, s.pk, "0905 000 001", "key-address-1").status_code == 201
    assert _book(client, s.pk, "0905 000 001", "key-address-1").status_code == 200  # a retry counts nothing
    assert _book(client, s.pk, "0905 000 002", "key-address-2").status_code == 201
    refused = _book(client, s.pk, "0905 000 003", "key-address-3")
    assert (refused.status_code, refused.json()["code"]) == (429, "rate_limited")
    assert Booking.objects.count() == 2


def test_every_booking_look_up_counts(client: Client, rworld: Any, settings: Any) -> None:
    _rule(settings, "booking_lookup", without_cookie=2)
    url = f"{API}/reception/bookings/LH-2222-2222"
    assert [client.get(url, {"phone": "0905000001"}).status_code for _ in range(2)] == [404, 404]
    refused = client.get(url, {"phone": "0905000001"})
    assert (refused.status_code, refused.json()["code"]) == (429, "rate_limited")


def test_questions_to_a_dialogue_are_limited(client: Client, rworld: Any, settings: Any) -> None:
    _rule(settings, "dialogue_question", without_cookie=2)
    d = dialogue(rworld)
    payload = json.dumps({"text": "Cống bị bít"})
    statuses = [client.post(f"{API}/reception/dialogues/{d.pk}/questions", payload, content_type="application/json",
                            headers={"Idempotency-Key": f"q-{n}"}).status_code for n in range(3)]  # fmt: skip
    assert statuses == [201, 201, 429]


def test_follow_codes_are_limited(client: Client, rworld: Any, settings: Any) -> None:
    _rule(settings, "reception_follow", without_cookie=2)
    url = f"{API}/reception/conclusions/follow/KL-2345-6789"
    assert [client.get(url).status_code for _ in range(3)] == [404, 404, 429]


def test_a_booking_message_never_repeats_the_name_given(client: Client, rworld: Any) -> None:
    s = session(rworld.point, rworld.chair, at(2026, 2, 9))
    bait = "Quý khách trúng thưởng, gọi 1900xxxx"
    body = {"name": bait, "phone": "0912 345 678", "email": "lan@example.vn", "subject": "Thủ tục",
            "request_key": "key-name-1"}  # fmt: skip
    assert (
        client.post(f"{API}/reception/sessions/{s.pk}/bookings", body, content_type="application/json").status_code
        == 201
    )
    sent = list(Notification.objects.values_list("channel", "subject", "body"))
    assert {channel for channel, _subject, _body in sent} == {"sms", "email"}
    assert all(bait not in subject and bait not in text for _channel, subject, text in sent)
    email = next(text for channel, _subject, text in sent if channel == "email")
    assert "Kính gửi Ông/Bà,\n" in email
