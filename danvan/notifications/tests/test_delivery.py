"""The delivery of notifications (issue 12, item 7a).

Delivery claims the row before sending, marks it sent right after, and carries a deterministic
Message-ID / SMS idempotency key: a retry or a second worker sends nothing a second time. A sealed
address is opened only at sending, by the capability the notification is about.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from danvan.notifications import channels, sealed, tasks
from danvan.notifications.models import Notification
from danvan.notifications.tests.conftest import email_to

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def notification(db: None) -> Notification:
    # No on_commit capture: the immediate backend's delivery never ran.
    return email_to()


def test_a_retry_after_the_notification_was_sent_sends_nothing(notification):
    n = notification
    assert tasks.notification_deliver.call(n.pk) == "sent"
    assert tasks.notification_deliver.call(n.pk) == "already sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<dvs-notification-{n.pk}@127.0.0.1>"
    n.refresh_from_db()
    assert n.sent_at is not None and n.attempts == 1 and n.claimed_until is None


def test_the_secret_of_a_link_leaves_in_the_message_and_is_masked_in_the_stored_copy(notification):
    assert tasks.notification_deliver.call(notification.pk) == "sent"
    assert "?k=bimat123" in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.body == "Theo dõi tại https://danvan.example.vn/tra-cuu/PA-2602-AB12CD/?k=[đã ẩn]"


def test_a_second_worker_while_the_first_is_sending_sends_nothing(notification, monkeypatch):
    n = notification
    real_send = channels.send_email
    second: list[str] = []

    def send_while_another_worker_runs(**kwargs: Any) -> int:
        second.append(tasks.notification_deliver.call(n.pk))  # the same task, picked up by a second worker
        return real_send(**kwargs)

    monkeypatch.setattr(channels, "send_email", send_while_another_worker_runs)
    assert tasks.notification_deliver.call(n.pk) == "sent"
    assert second == ["gone or held by another worker"] and len(mail.outbox) == 1


def test_a_crash_between_sending_and_marking_resends_the_same_message_id(notification, monkeypatch, frozen_clock):
    n = notification
    real_send = channels.send_email

    def send_then_die(**kwargs: Any) -> int:
        real_send(**kwargs)
        raise SystemExit("the worker was killed after the mail server took the message")

    monkeypatch.setattr(channels, "send_email", send_then_die)
    with pytest.raises(SystemExit):
        tasks.notification_deliver.call(n.pk)
    monkeypatch.undo()
    # Too early: the first claim still holds, nothing is sent.
    assert tasks.notification_deliver.call(n.pk) == "gone or held by another worker"
    frozen_clock.shift(tasks.CLAIM + dt.timedelta(seconds=1))
    assert tasks.notification_deliver.call(n.pk) == "sent"
    assert len(mail.outbox) == 2  # at least once: a duplicate, recognisable by its Message-ID
    assert mail.outbox[0].extra_headers["Message-ID"] == mail.outbox[1].extra_headers["Message-ID"]
    assert tasks.notification_deliver.call(n.pk) == "already sent" and len(mail.outbox) == 2


def test_the_sms_gateway_gets_a_stable_idempotency_key_and_the_logging_gateway_honours_it(db):
    n = email_to(channel="sms", address="0912345678", body="Dân Vận Số: hồ sơ PA-2602-AB12CD đã thụ lý.")
    gateway = channels.get_sms_gateway()
    gateway.clear()  # type: ignore[attr-defined]
    assert tasks.notification_deliver.call(n.pk) == "sent"
    again = gateway.send(phone="0912345678", text="x", idempotency_key=tasks.delivery_key(n.pk))
    assert len(gateway.outbox) == 1 and again == gateway.outbox[0].message_id  # type: ignore[attr-defined]


def test_a_failed_send_is_kept_on_the_row_and_queued_again(frozen_clock, notification, settings, monkeypatch):
    n = notification
    settings.TASKS = DB_TASKS

    def refuse(**_: Any) -> int:
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(channels, "send_email", refuse)
    with pytest.raises(ConnectionRefusedError):
        tasks.notification_deliver.call(n.pk)
    n.refresh_from_db()
    assert "mail server down" in n.error and n.sent_at is None and n.claimed_until is None and n.attempts == 1
    retry = DBTaskResult.objects.get(task_path="danvan.notifications.tasks.notification_deliver")
    assert retry.args_kwargs["args"] == [n.pk] and retry.run_after == n.created_at + tasks.RETRY_DELAYS[0]


def test_after_the_last_retry_the_error_stays_and_nothing_is_queued(notification, settings, monkeypatch):
    settings.TASKS = DB_TASKS
    Notification.objects.filter(pk=notification.pk).update(attempts=len(tasks.RETRY_DELAYS))
    monkeypatch.setattr(channels, "send_email", lambda **_: (_ for _ in ()).throw(ConnectionRefusedError("down")))
    with pytest.raises(ConnectionRefusedError):
        tasks.notification_deliver.call(notification.pk)
    assert not DBTaskResult.objects.exists()
    notification.refresh_from_db()
    assert notification.attempts == len(tasks.RETRY_DELAYS) + 1 and notification.error == "down"


def test_a_sealed_address_is_opened_by_the_kind_s_resolver_only_when_sending(db, monkeypatch):
    asked: list[tuple[int, str]] = []

    def resolver(about_id: int, channel: str) -> str:
        asked.append((about_id, channel))
        return "bi.mat@example.vn"

    monkeypatch.setattr(sealed, "_RESOLVERS", {"test.thing": resolver})
    n = email_to(address=sealed.SEALED, about_kind="test.thing", about_id=41)
    assert asked == []
    assert tasks.notification_deliver.call(n.pk) == "sent"
    assert asked == [(41, "email")] and [m.to for m in mail.outbox] == [["bi.mat@example.vn"]]
    n.refresh_from_db()
    assert n.address == sealed.SEALED  # the row never holds the opened address


def test_a_sealed_address_of_a_kind_nobody_resolves_is_not_sent(db):
    n = email_to(address=sealed.SEALED, about_kind="test.unknown", about_id=41)
    assert tasks.notification_deliver.call(n.pk) == "no contact"
    n.refresh_from_db()
    assert (n.error, n.sent_at, n.claimed_until, mail.outbox) == ("no contact given", None, None, [])
