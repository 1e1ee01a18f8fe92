"""The case timeline is append-only and hash-chained like the audit log (danvan/core/chain.py)."""

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction

from danvan.cases.models import Case, CaseEvent
from danvan.cases.tests.factories import submit
from danvan.core.chain import chain_verify
from danvan.core.models import ChainLink
from danvan.core.testing.roles import app_role_create, set_role

pytestmark = pytest.mark.django_db

postgres_only = (
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles and triggers: PostgreSQL only"),
)


def test_each_timeline_event_is_linked_and_a_changed_note_is_found(world):
    case = submit().case
    events = list(CaseEvent.objects.filter(case=case))
    assert events and all(ChainLink.objects.filter(chain="cases_caseevent", row_id=e.pk).exists() for e in events)
    assert chain_verify("cases_caseevent").ok
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE cases_caseevent DISABLE TRIGGER cases_caseevent_append_only")
        cursor.execute("UPDATE cases_caseevent SET note = 'đã sửa' WHERE id = %s", [events[0].pk])
    verdict = chain_verify("cases_caseevent")
    assert (verdict.broken_row_id, verdict.problem) == (events[0].pk, "the row was changed after it was recorded")


def _refused(sql: str, message: str, sqlstate: str = "42501") -> None:
    with pytest.raises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert caught.value.__cause__.sqlstate == sqlstate
    assert message in str(caught.value)


@pytest.mark.usefixtures("world")
@postgres_only[0]
@postgres_only[1]
def test_the_app_role_can_only_add_to_the_timeline():
    case = submit().case
    with connection.cursor() as cursor:
        set_role(cursor, app_role_create(cursor))
    _refused("TRUNCATE cases_caseevent", "permission denied for table cases_caseevent")
    _refused("ALTER TABLE cases_caseevent DISABLE TRIGGER ALL", "must be owner of table cases_caseevent")
    _refused("DROP TRIGGER cases_caseevent_chain_link ON cases_caseevent", "must be owner of relation cases_caseevent")
    _refused("SET session_replication_role = replica", 'permission denied to set parameter "session_replication_role"')
    _refused("UPDATE cases_caseevent SET note = 'x'", "permission denied for table cases_caseevent")
    _refused("DELETE FROM cases_caseevent", "permission denied for table cases_caseevent")
    # A case cannot take its timeline with it any more.
    with pytest.raises(DatabaseError, match="permission denied for table cases_caseevent"), transaction.atomic():
        Case.objects.filter(pk=case.pk).delete()
    # A back-dated event gets the database's time, and the next link of the chain.
    event = CaseEvent.objects.create(case=case, action="note", at=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    event.refresh_from_db()
    assert event.at.year >= 2026
    assert ChainLink.objects.filter(chain="cases_caseevent", row_id=event.pk).exists()
    assert chain_verify("cases_caseevent").ok


@pytest.mark.usefixtures("world")
@postgres_only[0]
@postgres_only[1]
def test_even_the_owner_cannot_delete_timeline_rows_outside_a_purge():
    case = submit().case
    _refused(f"DELETE FROM cases_caseevent WHERE case_id = {case.pk}", "cases_caseevent is append-only", "P0001")  # noqa: S608
    _refused(f"UPDATE cases_caseevent SET note = 'x' WHERE case_id = {case.pk}", "cases_caseevent is append-only",  # noqa: S608
             "P0001")  # fmt: skip
