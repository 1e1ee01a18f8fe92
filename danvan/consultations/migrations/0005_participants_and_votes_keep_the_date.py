"""Participants and votes keep the date only (Vietnam's), not the time: a time could be lined up with the
time of a household's code check in the audit log. The dates are copied from the times before the times
are dropped (one UPDATE per table; Vietnam keeps UTC+7 all year)."""

from django.db import migrations, models

import danvan.core.clock


def copy_dates(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor is None:
        return  # the tests' re-run of the seeding functions (core.testing.browser.reference_data_restore): no copy
    connection = schema_editor.connection
    for model_name in ("Participant", "Vote"):
        table = connection.ops.quote_name(apps.get_model("consultations", model_name)._meta.db_table)
        if connection.vendor == "postgresql":
            sql = f"UPDATE {table} SET created_on = (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"  # noqa: S608
        else:
            sql = f"UPDATE {table} SET created_on = date(created_at, '+7 hours')"  # noqa: S608
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_participant_without_identity"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="created_on",
            field=models.DateField(default=danvan.core.clock.today),
        ),
        migrations.AddField(
            model_name="vote",
            name="created_on",
            field=models.DateField(default=danvan.core.clock.today),
        ),
        migrations.RunPython(copy_dates, migrations.RunPython.noop),
        migrations.RemoveField(model_name="participant", name="created_at"),
        migrations.RemoveField(model_name="vote", name="created_at"),
    ]
