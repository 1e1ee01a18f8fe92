"""The outbox of a case's notifications (issue 12, item 6c), and what follows a case's deletion.

A stored case has its deliveries queued in its own transaction (a task row of the database backend),
so a failure after the commit cannot lose them; a rolled-back case queues nothing. The delivery itself
(claims, retries, Message-ID) is the notifications foundation's: notifications/tests/test_delivery.py.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from danvan.cases import tasks
from danvan.cases.models import Case
from danvan.cases.tests.factories import submit
from danvan.notifications import tasks as notification_tasks
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued_ids() -> set[int]:
    rows = DBTaskResult.objects.filter(task_path="danvan.notifications.tasks.notification_deliver")
    return {r.args_kwargs["args"][0] for r in rows}


def test_a_stored_case_has_its_deliveries_queued_even_if_nothing_runs_after_the_commit(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    # execute=False: the commit happened, then the process or its database connection was lost.
    with django_capture_on_commit_callbacks(execute=False):
        case = submit().case
    outgoing = Notification.objects.filter(about_kind="cases.case", about_id=case.pk).exclude(
        channel=Notification.Channel.IN_APP
    )
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


def test_deleting_a_case_deletes_its_notifications_and_no_other(world):
    from django.db.models.signals import post_delete

    gone, kept = submit().case, submit().case
    assert Notification.objects.filter(about_id=gone.pk).count() == 2  # email and SMS
    # What Django sends after deleting a case. Only a purge deletes one (on PostgreSQL the timeline's
    # trigger refuses it otherwise: danvan.purge and the chain cut), so the signal is sent here.
    post_delete.send(sender=Case, instance=gone, using="default", origin=gone)
    assert not Notification.objects.filter(about_kind="cases.case", about_id=gone.pk).exists()
    assert Notification.objects.filter(about_kind="cases.case", about_id=kept.pk).count() == 2


def test_a_delivery_queued_before_the_move_to_notifications_still_runs(world):
    # Task rows name the task by its dotted path; the old path must keep naming the same task.
    assert tasks.notification_deliver is notification_tasks.notification_deliver
    n = Notification.objects.get(about_id=submit().case.pk, channel="email")
    mail.outbox.clear()
    assert tasks.notification_deliver.call(n.pk) == "sent" and len(mail.outbox) == 1


def test_a_citizen_s_milestones_are_in_app_messages_naming_the_case_and_opening_its_page(world):
    case = submit(actor=world.citizen).case
    [received] = Notification.objects.filter(recipient=world.citizen, channel="in_app")
    assert (received.template, received.about_kind, received.about_id, received.about_label, received.link) == (
        "received", "cases.case", case.pk, case.tracking_code, f"/tra-cuu/{case.tracking_code}/")  # fmt: skip
