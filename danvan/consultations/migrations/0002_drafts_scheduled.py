"""The drafts part: a consultation prepared and set to open on its first day by the morning sweep."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="scheduled",
            field=models.BooleanField(default=False, verbose_name="set to open on its first day"),
        ),
    ]
