"""Sending a notification, marking notifications read, forgetting those about a removed object."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.notifications import selectors, services
from danvan.notifications.models import Notification
from danvan.notifications.tests.conftest import email_to
from danvan.org.tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def in_app(user, **overrides) -> Notification:
    fields = {"channel": "in_app", "recipient": user, "template": "accepted", "subject": "Đã thụ lý",
              "body": "Hồ sơ đã được thụ lý.", "about_kind": "cases.case", "about_id": 7,
              "about_label": "PA-2602-AB12CD", "link": "/tra-cuu/PA-2602-AB12CD/"}  # fmt: skip
    return services.notification_send(**(fields | overrides))


def test_an_email_is_stored_with_what_it_is_about_and_its_delivery_queued_in_the_same_transaction(settings):
    settings.TASKS = DB_TASKS
    n = email_to()
    assert (n.about_kind, n.about_id, n.about_label, n.link) == (
        "cases.case", 7, "PA-2602-AB12CD", "/tra-cuu/PA-2602-AB12CD/")  # fmt: skip
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "danvan.notifications.tasks.notification_deliver" and task.args_kwargs["args"] == [n.pk]


def test_a_rolled_back_send_leaves_neither_row_nor_task(settings):
    settings.TASKS = DB_TASKS
    with pytest.raises(RuntimeError), transaction.atomic():
        email_to()
        raise RuntimeError("the step failed after sending")
    assert not Notification.objects.exists() and not DBTaskResult.objects.exists()


def test_an_in_app_message_queues_no_delivery(person, settings):
    settings.TASKS = DB_TASKS
    in_app(person)
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    ("channel", "recipient", "address", "why"),
    [("in_app", False, "", "needs a recipient"), ("email", True, "", "needs an address"),
     ("sms", True, "  ", "needs an address"), ("fax", True, "x", "unknown notification channel")],
)  # fmt: skip
def test_a_notification_without_its_channel_s_destination_is_refused(person, channel, recipient, address, why):
    with pytest.raises(ValueError, match=why):
        services.notification_send(channel=channel, recipient=person if recipient else None, address=address,
                                   template="t", subject="s", body="b")  # fmt: skip
    assert not Notification.objects.exists()


def test_marking_one_notification_read_stamps_it_once(person, frozen_clock):
    n = in_app(person)
    services.notification_mark_read(user=person, notification_id=n.pk)
    n.refresh_from_db()
    first = n.read_at
    assert first == clock.now()
    frozen_clock.shift(dt.timedelta(hours=1))
    services.notification_mark_read(user=person, notification_id=n.pk)
    n.refresh_from_db()
    assert n.read_at == first


def test_another_person_s_notification_is_not_found_like_a_missing_one(person):
    other = make_user(username="binh")
    n = in_app(other)
    for notification_id in (n.pk, n.pk + 1000):
        with pytest.raises(NotFound) as caught:
            services.notification_mark_read(user=person, notification_id=notification_id)
        assert caught.value.code == "not_found"
    n.refresh_from_db()
    assert n.read_at is None


def test_an_email_row_is_not_an_in_app_message_to_mark(person):
    n = email_to(recipient=person)
    with pytest.raises(NotFound):
        services.notification_mark_read(user=person, notification_id=n.pk)


def test_marking_all_read_touches_only_the_person_s_unread_ones(person):
    other = make_user(username="binh")
    mine = [in_app(person), in_app(person)]
    theirs = in_app(other)
    services.notification_mark_read(user=person, notification_id=mine[0].pk)
    assert services.notifications_mark_all_read(user=person) == 1
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_inbox_holds_one_s_own_in_app_messages_newest_first_and_counts_the_unread(person, frozen_clock):
    older = in_app(person)
    frozen_clock.shift(dt.timedelta(minutes=5))
    newer = in_app(person, subject="Đã có kết quả")
    email_to(recipient=person)
    in_app(make_user(username="binh"))
    services.notification_mark_read(user=person, notification_id=older.pk)
    inbox = selectors.notification_inbox(user=person)
    assert [n.pk for n in inbox.page] == [newer.pk, older.pk] and inbox.unread == 1


def test_forgetting_removes_the_notifications_about_the_given_objects_only(person):
    gone, kept, elsewhere = in_app(person, about_id=7), in_app(person, about_id=8), in_app(person, about_kind="x.y")
    assert services.notifications_forget(about_kind="cases.case", about_ids=[7]) == 1
    assert services.notifications_forget(about_kind="cases.case", about_ids=[]) == 0
    assert set(Notification.objects.values_list("pk", flat=True)) == {kept.pk, elsewhere.pk}
    assert not Notification.objects.filter(pk=gone.pk).exists()
