import pytest
from django.db import connection

from danvan.core.audit import audit_record
from danvan.core.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_who_what_before_after_and_reason(django_user_model):
    user = django_user_model.objects.create_user(username="officer", password="x" * 12)
    subject = django_user_model.objects.create_user(username="subject", password="x" * 12)
    event = audit_record(actor=user, action="test.rename", obj=subject, before={"name": "A"}, after={"name": "B"},
                         reason="đổi tên theo Nghị quyết")  # fmt: skip
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.actor_label, stored.action) == (user, "officer", "test.rename")
    assert (stored.object_type, stored.object_id) == ("org.user", str(subject.pk))
    assert stored.before == {"name": "A"} and stored.after == {"name": "B"}
    assert stored.reason == "đổi tên theo Nghị quyết"


def test_audit_events_cannot_be_changed_or_deleted_through_the_orm():
    event = audit_record(actor=None, action="test.something", object_type="x", object_id="1")
    event.reason = "rewrite history"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_updates_of_the_audit_log():
    from django.db import DatabaseError, transaction

    event = audit_record(actor=None, action="test.something", object_type="x", object_id="1")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'x' WHERE id = %s", [event.pk])
