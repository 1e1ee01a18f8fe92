"""The outbox and the delivery of notifications (issue 12, items 6c and 7a).

- A stored case has its deliveries queued in its own transaction (a task row of the database
  backend), so a failure after the commit cannot lose them; a rolled-back case queues nothing.
- Delivery claims the row before sending, marks it sent right after, and carries a deterministic
  Message-ID / SMS idempotency key: a retry or a second worker sends nothing a second time.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from danvan.cases import messaging, tasks
from danvan.cases.models import Case, Notification
from danvan.cases.tests.factories import submit

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued_ids() -> set[int]:
    rows = DBTaskResult.objects.filter(task_path="danvan.cases.tasks.notification_deliver")
    return {r.args_kwargs["args"][0] for r in rows}


def test_a_stored_case_has_its_deliveries_queued_even_if_nothing_runs_after_the_commit(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    # execute=False: the commit happened, then the process or its database connection was lost.
    with django_capture_on_commit_callbacks(execute=False):
        case = submit().case
    outgoing = Notification.objects.filter(case=case).exclude(channel=Notification.Channel.IN_APP)
    assert {n.channel for n in outgoing} == {"email", "sms"}
    assert _queued_ids() == {n.pk for n in outgoing}


def test_a_case_rolled_back_queues_no_notification(world, settings, django_capture_on_commit_callbacks):
    settings.TASKS = DB_TASKS
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        submit()
        raise RuntimeError("the request fails after the case was written")
    assert not Case.objects.exists() and not Notification.objects.exists() and not DBTaskResult.objects.exists()


def test_the_immediate_backend_still_sends_only_after_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        submit()
        raise RuntimeError("rolled back")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert len(mail.outbox) == 1


def _notification(world: Any, channel: str = "email") -> Notification:
    case = submit().case  # no on_commit capture: the immediate backend's deliveries never ran
    mail.outbox.clear()
    return Notification.objects.get(case=case, channel=channel)


def test_a_retry_after_the_notification_was_sent_sends_nothing(world):
    n = _notification(world)
    assert tasks.notification_deliver.call(n.pk) == "sent"
    assert tasks.notification_deliver.call(n.pk) == "already sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<dvs-notification-{n.pk}@127.0.0.1>"
    n.refresh_from_db()
    assert n.sent_at is not None and n.attempts == 1 and n.claimed_until is None


def test_a_second_worker_while_the_first_is_sending_sends_nothing(world, monkeypatch):
    n = _notification(world)
    real_send = messaging.send_email
    second: list[str] = []

    def send_while_another_worker_runs(**kwargs: Any) -> int:
        second.append(tasks.notification_deliver.call(n.pk))  # the same task, picked up by a second worker
        return real_send(**kwargs)

    monkeypatch.setattr(messaging, "send_email", send_while_another_worker_runs)
    assert tasks.notification_deliver.call(n.pk) == "sent"
    assert second == ["gone or held by another worker"] and len(mail.outbox) == 1


def test_a_crash_between_sending_and_marking_resends_the_same_message_id(world, monkeypatch, frozen_clock):
    import datetime as dt

    n = _notification(world)
    real_send = messaging.send_email

    def send_then_die(**kwargs: Any) -> int:
        real_send(**kwargs)
        raise SystemExit("the worker was killed after the mail server took the message")

    monkeypatch.setattr(messaging, "send_email", send_then_die)
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


def test_the_sms_gateway_gets_a_stable_idempotency_key_and_the_logging_gateway_honours_it(world):
    n = _notification(world, "sms")
    gateway = messaging.get_sms_gateway()
    gateway.clear()  # type: ignore[attr-defined]
    assert tasks.notification_deliver.call(n.pk) == "sent"
    again = gateway.send(phone="0912345678", text="x", idempotency_key=tasks.delivery_key(n.pk))
    assert len(gateway.outbox) == 1 and again == gateway.outbox[0].message_id  # type: ignore[attr-defined]


def test_a_failed_send_is_kept_on_the_row_and_queued_again(world, settings, monkeypatch):
    n = _notification(world)
    settings.TASKS = DB_TASKS

    def refuse(**_: Any) -> int:
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(messaging, "send_email", refuse)
    with pytest.raises(ConnectionRefusedError):
        tasks.notification_deliver.call(n.pk)
    n.refresh_from_db()
    assert "mail server down" in n.error and n.sent_at is None and n.claimed_until is None
    retry = DBTaskResult.objects.get(task_path="danvan.cases.tasks.notification_deliver")
    assert retry.args_kwargs["args"] == [n.pk] and retry.run_after > n.created_at
