"""The case timeline: append-only and hash-chained like the audit log (danvan/core/chain.py, core 0004).

A case's deletion no longer takes its timeline with it, except in a purge of generated data run by
the owner role (``danvan generate --purge``), which cuts and relinks the chain visibly.
"""

from django.db import migrations

from danvan.core import chain


def forwards(apps, schema_editor):
    # No schema editor: the tests re-run data migrations after a flush (web/tests/conftest.py); a flush
    # leaves triggers in place and empties the timeline, so there is nothing to link.
    if schema_editor is None:
        return
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(chain.pg_triggers_sql("cases_caseevent"), params=None)
    chain.chain_extend("cases_caseevent", only_after_last=False)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(chain.pg_triggers_drop_sql("cases_caseevent"), params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_case_redaction_review"), ("core", "0004_audit_hash_chain")]
    operations = [migrations.RunPython(forwards, backwards)]
