"""Hash chains over the audit log and the admin log (danvan/core/chain.py); the admin log append-only.

On PostgreSQL the database computes each link in a trigger owned by the migrating (owner) role, stamps
the event time when the inserting role does not own the table, and refuses UPDATE and DELETE on the
admin log and the links, as 0003 does on the audit log; every trigger is enabled ALWAYS, so
``session_replication_role = replica`` skips none of them. Rows already there are linked, in id order.
SQLite (the embedded default) links rows in Python (``chain.chain_extend``, from ``core.apps``).
"""

from django.db import migrations, models

from danvan.core import chain

TABLES = ["core_auditevent", "django_admin_log"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
        schema_editor.execute(chain.pg_functions_sql(schema), params=None)
        schema_editor.execute(
            "ALTER TABLE core_auditevent ENABLE ALWAYS TRIGGER core_auditevent_no_update_delete;\n"
            + chain.pg_triggers_sql("core_auditevent", append_only=False) + "\n"
            + chain.pg_triggers_sql("django_admin_log") + "\n"
            + "CREATE TRIGGER core_chainlink_append_only BEFORE UPDATE OR DELETE ON core_chainlink "
            "FOR EACH ROW EXECUTE FUNCTION danvan_append_only();\n"
            "ALTER TABLE core_chainlink ENABLE ALWAYS TRIGGER core_chainlink_append_only;",
            params=None,
        )
    for table in TABLES:
        chain.chain_extend(table, only_after_last=False)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            chain.pg_triggers_drop_sql("core_auditevent") + "\n" + chain.pg_triggers_drop_sql("django_admin_log")
            + "DROP TRIGGER IF EXISTS core_chainlink_append_only ON core_chainlink;"
            "ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_no_update_delete;"
            "DROP FUNCTION IF EXISTS danvan_chain_link(); DROP FUNCTION IF EXISTS danvan_chain_stamp();"
            "DROP FUNCTION IF EXISTS danvan_append_only();",
            params=None,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_audit_append_only_trigger'),
        ('admin', '0003_logentry_add_action_flag_choices'),
    ]

    operations = [
        migrations.CreateModel(
            name='ChainLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('chain', models.CharField(max_length=40, verbose_name='chain')),
                ('seq', models.BigIntegerField(verbose_name='sequence number')),
                ('row_id', models.BigIntegerField(verbose_name='row id')),
                ('recorded_at', models.DateTimeField(verbose_name='recorded at')),
                ('prev_hash', models.CharField(max_length=64, verbose_name='previous hash')),
                ('hash', models.CharField(max_length=64, verbose_name='hash')),
            ],
            options={
                'verbose_name': 'chain link',
                'verbose_name_plural': 'chain links',
                'constraints': [models.UniqueConstraint(fields=('chain', 'seq'), name='core_chainlink_chain_seq'), models.UniqueConstraint(fields=('chain', 'row_id'), name='core_chainlink_chain_row')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
