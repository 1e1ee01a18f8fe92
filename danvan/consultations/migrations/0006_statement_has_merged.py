"""Statement.has_merged: whether duplicates were merged into a statement, on its own row so that a vote judges
it under the row lock a merge takes too (services.participation). Set for the statements merged into so far."""

from django.db import migrations, models


def mark_merged_into(apps, schema_editor):  # type: ignore[no-untyped-def]
    Statement = apps.get_model("consultations", "Statement")
    targets = Statement.objects.filter(merged_into__isnull=False).values("merged_into_id")
    Statement.objects.filter(pk__in=targets).update(has_merged=True)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_participants_and_votes_keep_the_date"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="has_merged",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_merged_into, migrations.RunPython.noop),
    ]
