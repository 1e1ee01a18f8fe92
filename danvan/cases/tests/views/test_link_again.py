"""The "send me my link again" page: one answer whether or not anything matched; the limits."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from danvan.cases.short_code import short_code
from danvan.cases.tests.factories import submit
from danvan.notifications.channels import get_sms_gateway

pytestmark = pytest.mark.django_db
PAGE = "/tra-cuu/gui-lai-duong-dan/"


def test_a_match_and_a_miss_get_the_same_page(client, world, django_capture_on_commit_callbacks):
    case = submit(email="an@example.vn").case
    with django_capture_on_commit_callbacks(execute=True):
        hit = client.post(PAGE, {"code": short_code(case.tracking_code), "contact": "an@example.vn"})
        miss = client.post(PAGE, {"code": short_code(case.tracking_code), "contact": "ai-do@example.vn"})
    assert hit.status_code == miss.status_code == 200
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", hit.content.decode()) == strip.sub("", miss.content.decode())
    assert [m.to for m in mail.outbox if "Đường dẫn riêng" in m.subject] == [["an@example.vn"]]


def test_a_match_and_a_miss_do_the_same_work_in_the_request(client, world, monkeypatch):
    # The matching happens in the background: the request only queues the sealed question, so its
    # answer time cannot tell a denouncer's phone from another (a review finding).
    from danvan.core import outbox

    queued: list[tuple[str, str]] = []
    monkeypatch.setattr(outbox, "enqueue_atomically", lambda task, sealed: queued.append((task.name, sealed)))
    case = submit(email="an@example.vn").case
    client.post(PAGE, {"code": short_code(case.tracking_code), "contact": "an@example.vn"})
    client.post(PAGE, {"code": short_code(case.tracking_code), "contact": "ai-do@example.vn"})
    assert [name for name, _sealed in queued] == ["case_link_resend_sealed"] * 2
    assert not any("example.vn" in sealed for _name, sealed in queued)  # sealed, not in clear
    assert mail.outbox == []


def test_a_typo_in_the_code_is_said_before_anything_is_looked_up(client, world):
    case = submit().case
    typo = short_code(case.tracking_code)[:-1] + ("Z" if not short_code(case.tracking_code).endswith("Z") else "Y")
    response = client.post(PAGE, {"code": typo, "contact": "an@example.vn"})
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [
        "Mã này có chỗ gõ nhầm: hãy so từng chữ, từng số với giấy biên nhận."
    ]


def test_a_contact_asks_at_most_three_times_an_hour(client, world, frozen_clock, django_capture_on_commit_callbacks):
    # The rule "case_link_again" (settings.DANVAN_RATE_LIMITS); more in tests/views/test_limits_pages.py.
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    case = submit(phone="0912345678").case
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert client.post(PAGE, {"code": case.tracking_code, "contact": "0912 345 678"}).status_code == 200
        refused = client.post(PAGE, {"code": case.tracking_code, "contact": "0912345678"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Bộ phận tiếp công dân" in refused.content.decode()  # the 429 page's way forward
    assert len([s for s in get_sms_gateway().outbox if "?k=" in s.text]) == 3  # type: ignore[attr-defined]


def test_a_device_that_asks_too_often_gets_the_429_page(client, world, frozen_clock, settings):
    per_device = settings.DANVAN_RATE_LIMITS["case_link_again"]["per_device"]
    code = short_code(submit().case.tracking_code)
    client.get(PAGE)  # the page gives the browser its device cookie
    for n in range(per_device):
        assert client.post(PAGE, {"code": code, "contact": f"p{n}@example.vn"}).status_code == 200
    assert client.post(PAGE, {"code": code, "contact": "x@example.vn"}).status_code == 429
