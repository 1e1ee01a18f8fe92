"""PostgreSQL: the app's role cannot rewrite the audit trail; production refuses a privileged role."""

import datetime as dt
import logging

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction

from danvan.core import chain, dbroles
from danvan.core.audit import audit_record
from danvan.core.models import AuditEvent, ChainLink
from danvan.core.testing.roles import app_role_create, owner_role_create, set_role

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles and triggers: PostgreSQL only"),
    pytest.mark.django_db,
]


def _refused(sql: str, message: str, sqlstate: str = "42501") -> None:
    with pytest.raises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert caught.value.__cause__.sqlstate == sqlstate
    assert message in str(caught.value)


@pytest.fixture
def as_app():
    """The rest of the test runs as the app role (inside the test's transaction)."""
    event = audit_record(actor=None, action="test.before", object_type="x", object_id="1")
    with connection.cursor() as cursor:
        name = app_role_create(cursor)
        set_role(cursor, name)
    return event


@pytest.mark.parametrize("table", ["core_auditevent", "django_admin_log", "core_chainlink"])
def test_the_app_role_cannot_truncate_alter_or_drop(as_app, table):
    trigger = "core_auditevent_no_update_delete" if table == "core_auditevent" else f"{table}_append_only"
    _refused(f"TRUNCATE {table}", f"permission denied for table {table}")
    _refused(f"TRUNCATE {table} CASCADE", f"permission denied for table {table}")
    _refused(f"ALTER TABLE {table} DISABLE TRIGGER ALL", f"must be owner of table {table}")
    _refused(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}", f"must be owner of table {table}")
    _refused(f"DROP TRIGGER {trigger} ON {table}", f"must be owner of relation {table}")
    _refused(f"DROP TABLE {table}", f"must be owner of table {table}")
    _refused(f"UPDATE {table} SET id = id", f"permission denied for table {table}")  # noqa: S608
    _refused(f"DELETE FROM {table}", f"permission denied for table {table}")  # noqa: S608


def test_the_app_role_cannot_switch_triggers_off_for_its_session(as_app):
    _refused("SET session_replication_role = replica", 'permission denied to set parameter "session_replication_role"')
    _refused("SET LOCAL session_replication_role = replica",
             'permission denied to set parameter "session_replication_role"')  # fmt: skip


def test_the_app_role_cannot_write_a_link_of_its_own(as_app):
    _refused(
        "INSERT INTO core_chainlink (chain, seq, row_id, recorded_at, prev_hash, hash) "  # noqa: S608
        f"VALUES ('core_auditevent', 999999, 999999, now(), '{'0' * 64}', '{'f' * 64}')",
        "permission denied for table core_chainlink",
    )


def test_a_back_dated_event_gets_the_database_time_and_a_correct_link(as_app):
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        before = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO core_auditevent (at, actor_label, action, object_type, object_id, object_repr, reason, "
            "request_id) VALUES ('2001-01-01 00:00+07', 'ai đó', 'cases.forged', 'x', '1', '', 'giả', '') RETURNING id"
        )
        forged_id = cursor.fetchone()[0]
    stored = AuditEvent.objects.get(pk=forged_id)
    assert stored.at >= before and stored.at < before + dt.timedelta(minutes=1)
    link = ChainLink.objects.get(chain="core_auditevent", row_id=forged_id)
    assert link.recorded_at >= before
    verdict = chain.chain_verify("core_auditevent")
    assert verdict.ok and verdict.head_seq == link.seq and verdict.head_hash == link.hash


def test_a_back_dated_admin_log_entry_gets_the_database_time(django_user_model):
    user = django_user_model.objects.create_user(username="operator", password="x" * 12)
    with connection.cursor() as cursor:
        set_role(cursor, app_role_create(cursor))
    entry = LogEntry.objects.create(user=user, action_time=dt.datetime(2001, 1, 1, tzinfo=dt.UTC), object_repr="x",
                                    action_flag=ADDITION, change_message="")  # fmt: skip
    entry.refresh_from_db()
    assert entry.action_time.year >= 2026
    assert chain.chain_verify("django_admin_log").ok


def test_verify_finds_a_row_the_owner_changed_with_the_trigger_off():
    events = [audit_record(actor=None, action=f"test.{i}", object_type="x", object_id=str(i)) for i in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # (the test's own pending foreign-key checks)
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update_delete")
        cursor.execute("UPDATE core_auditevent SET actor_label = 'someone else' WHERE id = %s", [events[1].pk])
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_chain_link")
        cursor.execute("INSERT INTO core_auditevent (at, actor_label, action, object_type, object_id, object_repr, "
                       "reason, request_id) VALUES (now(), '', 'x', 'x', '1', '', '', '') RETURNING id")  # fmt: skip
        hidden = cursor.fetchone()[0]
    verdict = chain.chain_verify("core_auditevent")
    assert verdict.broken_row_id == events[1].pk and verdict.problem == "the row was changed after it was recorded"
    assert (verdict.unlinked, verdict.first_unlinked_id) == (1, hidden)


def test_the_triggers_fire_even_in_replica_mode():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # the superuser of the bulk loader
    event = audit_record(actor=None, action="test.replica", object_type="x", object_id="1")
    assert ChainLink.objects.filter(chain="core_auditevent", row_id=event.pk).exists()
    _refused(f"DELETE FROM core_auditevent WHERE id = {event.pk}", "core_auditevent is append-only", "P0001")  # noqa: S608


# The startup check ----------------------------------------------------------------------------------


def _problems() -> list[str]:
    with connection.cursor() as cursor:
        return dbroles.role_problems(cursor)


def test_the_role_check_refuses_a_superuser_an_owner_and_accepts_the_app_role():
    assert any("is a superuser" in p for p in _problems())
    with connection.cursor() as cursor:
        owner = owner_role_create(cursor)
        cursor.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{owner}"')
        app = app_role_create(cursor)
        set_role(cursor, owner)
    problems = _problems()
    assert (
        f"the database role {owner} owns 2 of the app's tables and sequences (core_auditevent, core_auditevent_id_seq)"
        in problems
    )
    assert f"the database role {owner} may UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER on core_auditevent" in problems
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        set_role(cursor, app)
    assert _problems() == []


def test_the_deploy_check_fails_as_superuser_only_in_production(settings):
    from django.core import checks

    def run(databases):
        return [m.id for m in checks.run_checks(include_deployment_checks=True, databases=databases)]

    assert "danvan.E001" not in run(["default"])  # not production: silent
    settings.DANVAN_DB_ROLE_CHECK = True
    assert "danvan.E001" in run(["default"])
    assert "danvan.E001" not in run(None)  # no database (the CI line's `check --deploy`): the check is not run


def test_startup_refuses_a_superuser_unless_overridden_loudly(settings, monkeypatch, caplog):
    settings.DANVAN_DB_ROLE_CHECK = True
    db = dict(connection.settings_dict)
    with pytest.raises(ImproperlyConfigured, match=r"Refusing to start: the database role .* is a superuser"):
        dbroles.enforce_app_role(db)
    monkeypatch.setenv(dbroles.OVERRIDE_ENV, "1")
    with caplog.at_level(logging.CRITICAL, logger="danvan.security"):
        problems = dbroles.enforce_app_role(db)
    assert problems and "DATABASE ROLE CHECK OVERRIDDEN" in caplog.text
