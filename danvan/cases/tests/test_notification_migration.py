"""cases 0011 moves the case notifications into the notifications foundation without losing a row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from danvan.cases.tests.factories import make_world, submit
from danvan.core.clock import VIETNAM
from danvan.notifications.models import Notification

# Transactional (SQLite cannot alter tables inside the test's transaction); the flush at the end takes
# out the reference data that migrations seed, which the module fixture puts back.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data_reseeded")]

BEFORE = ("cases", "0010_private_link_salt_and_delivery_claim")
AT = dt.datetime(2026, 2, 5, 9, 0, tzinfo=VIETNAM)


def _migrate(target: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor


def test_every_notification_survives_the_move_with_its_id_reads_sends_and_claims() -> None:
    world = make_world()
    case = submit(actor=world.citizen).case  # writes its notifications in the new table
    kept_ids = set(Notification.objects.values_list("pk", flat=True))
    assert kept_ids

    executor = _migrate([BEFORE])  # back: the rows move into cases_notification
    assert not Notification.objects.exists()
    old_apps = executor.loader.project_state([BEFORE]).apps
    OldNotification = old_apps.get_model("cases", "Notification")
    assert set(OldNotification.objects.values_list("pk", flat=True)) == kept_ids
    read = OldNotification.objects.create(
        case_id=case.pk, recipient_id=world.citizen.pk, channel="in_app", template="accepted",
        subject="Đã thụ lý", body="Hồ sơ đã được thụ lý.", created_at=AT, read_at=AT + dt.timedelta(hours=1),
    )  # fmt: skip
    claimed = OldNotification.objects.create(
        case_id=case.pk, channel="email", address="an@example.vn", template="accepted", subject="Đã thụ lý",
        body="Xem tại /tra-cuu/X/?k=[đã ẩn]", created_at=AT, sent_at=AT + dt.timedelta(minutes=3),
        error="", claimed_until=AT + dt.timedelta(minutes=2), attempts=2,
    )  # fmt: skip
    reminder = OldNotification.objects.create(
        case_id=case.pk, recipient_id=world.handler.pk, channel="in_app", template="reminder_handler",
        subject="Sắp đến hạn", body="…", created_at=AT, error="smtp down",
    )  # fmt: skip

    executor = _migrate(executor.loader.graph.leaf_nodes())  # forward again: 0011 copies them over

    moved = Notification.objects.get(pk=read.pk)
    assert (moved.recipient_id, moved.channel, moved.template, moved.subject, moved.body) == (
        world.citizen.pk, "in_app", "accepted", "Đã thụ lý", "Hồ sơ đã được thụ lý.")  # fmt: skip
    assert (moved.created_at, moved.read_at, moved.sent_at) == (AT, AT + dt.timedelta(hours=1), None)
    assert (moved.about_kind, moved.about_id, moved.about_label) == ("cases.case", case.pk, case.tracking_code)
    assert moved.link == f"/tra-cuu/{case.tracking_code}/"
    sent = Notification.objects.get(pk=claimed.pk)
    assert (sent.address, sent.sent_at, sent.claimed_until, sent.attempts) == (
        "an@example.vn", AT + dt.timedelta(minutes=3), AT + dt.timedelta(minutes=2), 2)  # fmt: skip
    staff = Notification.objects.get(pk=reminder.pk)
    assert (staff.link, staff.error, staff.recipient_id) == (f"/van-hanh/ho-so/{case.pk}/", "smtp down",
                                                              world.handler.pk)  # fmt: skip
    assert set(Notification.objects.values_list("pk", flat=True)) == kept_ids | {read.pk, claimed.pk, reminder.pk}
    assert "cases_notification" not in connection.introspection.table_names()
    # The next id comes after the copied ones (PostgreSQL's sequence was moved past them).
    later = Notification.objects.create(channel="in_app", recipient=world.citizen, template="t", subject="s", body="b")
    assert later.pk > max(kept_ids | {read.pk, claimed.pk, reminder.pk})
