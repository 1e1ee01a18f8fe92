"""The hash chains of the audit trail (danvan/core/chain.py): linked on write, checked by audit_verify."""

import io

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from danvan.core import chain
from danvan.core.audit import audit_record
from danvan.core.models import ChainLink

pytestmark = pytest.mark.django_db


def _tamper(sql: str, params: list, table: str = "core_auditevent") -> None:
    """What an owner (or anyone with the file, on SQLite) could do: change a row behind the app."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the owner switches the append-only trigger off first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # (the test's own pending foreign-key checks)
            trigger = "core_auditevent_no_update_delete" if table == "core_auditevent" else f"{table}_append_only"
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {trigger}")


def test_each_event_gets_the_next_link_of_its_chain():
    first = audit_record(actor=None, action="test.one", object_type="x", object_id="1")
    second = audit_record(actor=None, action="test.two", object_type="x", object_id="2", after={"a": [1, "é"]})
    links = list(ChainLink.objects.filter(chain="core_auditevent", row_id__in=[first.pk, second.pk]).order_by("seq"))
    assert [link.row_id for link in links] == [first.pk, second.pk]
    assert links[1].seq == links[0].seq + 1 and links[1].prev_hash == links[0].hash
    verdict = chain.chain_verify("core_auditevent")
    assert verdict.ok and verdict.head_seq == links[1].seq and verdict.head_hash == links[1].hash


def test_admin_log_entries_are_chained_too(django_user_model):
    user = django_user_model.objects.create_user(username="operator", password="x" * 12)
    entry = LogEntry.objects.log_actions(user_id=user.pk, queryset=[user], action_flag=ADDITION, single_object=True)
    assert ChainLink.objects.filter(chain="django_admin_log", row_id=entry.pk).exists()
    assert chain.chain_verify("django_admin_log").ok


def test_verify_finds_the_changed_row_by_its_id():
    events = [audit_record(actor=None, action=f"test.{i}", object_type="x", object_id=str(i)) for i in range(4)]
    _tamper("UPDATE core_auditevent SET reason = 'rewritten' WHERE id = %s", [events[2].pk])
    verdict = chain.chain_verify("core_auditevent")
    assert (verdict.broken_row_id, verdict.problem) == (events[2].pk, "the row was changed after it was recorded")
    out = io.StringIO()
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit_verify", "--table", "core_auditevent", stdout=out)
    assert f"(row id {events[2].pk})" in out.getvalue()


def test_verify_finds_a_deleted_row_and_a_row_inserted_behind_the_chain():
    events = [audit_record(actor=None, action=f"test.{i}", object_type="x", object_id=str(i)) for i in range(3)]
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    verdict = chain.chain_verify("core_auditevent")
    assert (verdict.broken_row_id, verdict.problem) == (events[1].pk, "the row was deleted")


def test_an_anchor_kept_outside_catches_a_chain_recomputed_from_scratch():
    audit_record(actor=None, action="test.a", object_type="x", object_id="1")
    out = io.StringIO()
    call_command("audit_verify", "--table", "core_auditevent", stdout=out)
    seq, digest = out.getvalue().split("ANCHOR core_auditevent ")[1].split()
    # Everything rewritten consistently (links too): only the anchor kept elsewhere shows it.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_chainlink DISABLE TRIGGER core_chainlink_append_only")
        cursor.execute("DELETE FROM core_chainlink WHERE chain = 'core_auditevent'")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_chainlink ENABLE ALWAYS TRIGGER core_chainlink_append_only")
    _tamper("UPDATE core_auditevent SET reason = 'rewritten'", [])
    chain.chain_extend("core_auditevent", only_after_last=False)
    assert chain.chain_verify("core_auditevent").ok  # a consistent forgery...
    verdict = chain.chain_verify("core_auditevent", anchors=[(int(seq), digest)])
    assert verdict.broken_seq == int(seq) and "anchor" in verdict.problem  # ...is not the anchored chain
