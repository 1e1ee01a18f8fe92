"""The grams of a published report's public title and text, kept with its signature (filled by 0008)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insight", "0006_alert_matter_growing"),
        ("cases", "0016_place_day_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="casesignature",
            name="public_grams",
            field=models.BinaryField(blank=True, default=b"", verbose_name="public text grams"),
        ),
    ]
